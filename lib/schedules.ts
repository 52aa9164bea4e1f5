// Time-based work: one EventBridge Scheduler schedule and one function per entry of the
// schedule table (functions/schedules.ts), which the local runtime runs on timers too.
import { Duration, Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { schedules } from '../functions/schedules';
import type { StageConfig } from './config';
import { DalpakFunction } from './function';

export interface SchedulesProps {
  config: StageConfig;
  table: ITableV2;
  environment: Record<string, string>;
}

export class Schedules extends Construct {
  readonly functions: Record<string, DalpakFunction> = {};
  readonly role: Role;

  constructor(scope: Construct, id: string, { config, table, environment }: SchedulesProps) {
    super(scope, id);
    // One role for the scheduler, here rather than CDK's stack-level default, so its grants
    // (invoke these functions, nothing else) sit with the schedules they serve.
    this.role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
      description: `Dalpak ${config.stage}: EventBridge Scheduler invokes the scheduled jobs`,
    });
    for (const s of schedules) {
      const fn = new DalpakFunction(this, `Fn-${s.id}`, { context: s.context, entry: s.entry, description: s.description, config, environment });
      fn.bindTable(table, 'RW');
      new Schedule(this, `Schedule-${s.id}`, {
        description: `Dalpak ${config.stage}: ${s.description}`,
        schedule: ScheduleExpression.rate(Duration.minutes(s.everyMinutes)),
        // A missed run is caught up by the next one: each job works from the table, not from the event.
        target: new LambdaInvoke(fn.fn, { role: this.role, retryAttempts: 2, maxEventAge: Duration.minutes(s.everyMinutes) }),
      });
      this.functions[s.id] = fn;
    }
  }
}
