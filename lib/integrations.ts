// Webhooks for integrators: a stream consumer that turns state changes into signed POSTs,
// retried with backoff inside the delivery; what the mapping itself gives up on is kept in an
// alarmed dead-letter queue.
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from './config';
import { DalpakFunction } from './function';
import { consumeStream } from './stream-consumer';

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
    const dlq = consumeStream(this, 'Webhook', this.webhooks, table, config, { what: 'webhook delivery', entities: ['ticket', 'order', 'booking'], batchSize: 25 });
    this.deadLetters = dlq.queue;
    this.deadLetterAlarm = dlq.alarm;
  }
}
