// Statistics and the call-back list, kept from the table's stream: every change adds to its
// cell once (cheap to read, outlives personal data) and raises the moments it should.
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from './config';
import { DalpakFunction } from './function';
import { consumeStream } from './stream-consumer';

export interface InsightProps {
  config: StageConfig;
  table: TableV2;
  environment: Record<string, string>;
}

export class Insight extends Construct {
  readonly aggregator: DalpakFunction;
  readonly deadLetters: Queue;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, { config, table, environment }: InsightProps) {
    super(scope, id);
    this.aggregator = new DalpakFunction(this, 'Fn-aggregator', { context: 'insight', entry: 'stream.ts', description: 'keeps statistics and the call-back list', config, environment });
    this.aggregator.bindTable(table, 'RW');
    const dlq = consumeStream(this, 'Aggregator', this.aggregator, table, config, { what: 'the statistics aggregator', entities: ['ticket', 'order', 'booking', 'survey'], batchSize: 100 });
    this.deadLetters = dlq.queue;
    this.deadLetterAlarm = dlq.alarm;
  }
}
