// Webhooks for integrators: a stream consumer that turns state changes into signed POSTs,
// retried with backoff inside the delivery; what the mapping itself gives up on is kept in an
// alarmed dead-letter queue.
import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from './config';
import { DalpakFunction } from './function';
import { deadLetterQueue, streamTable } from './realtime';

export interface IntegrationsProps {
  config: StageConfig;
  table: TableV2;
  environment: Record<string, string>;
}

export class Integrations extends Construct {
  readonly webhooks: DalpakFunction;
  readonly deadLetters: Queue;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, { config, table, environment }: IntegrationsProps) {
    super(scope, id);
    this.webhooks = new DalpakFunction(this, 'Fn-webhooks', { context: 'webhooks', entry: 'stream.ts', description: 'delivers signed webhooks to integrators', config, environment });
    this.webhooks.bindTable(table, 'RW');
    const dlq = deadLetterQueue(this, 'WebhookDeadLetters', 'webhook delivery', config);
    this.deadLetters = dlq.queue;
    this.deadLetterAlarm = dlq.alarm;
    this.webhooks.fn.addEventSource(
      new DynamoEventSource(streamTable(this, table), {
        startingPosition: StartingPosition.LATEST,
        batchSize: 25,
        retryAttempts: 2,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        maxRecordAge: Duration.hours(1),
        onFailure: new SqsDlq(this.deadLetters),
        filters: [FilterCriteria.filter({ dynamodb: { NewImage: { entity: { S: FilterRule.or('ticket', 'order', 'booking') } } } })],
      }),
    );
  }
}
