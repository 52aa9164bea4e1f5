// How every consumer of the table's stream is attached: bounded retries, bisection of a failing
// batch, partial-batch failures, an on-failure queue with an alarm, and a filter on the
// entities it cares about (so it is not even invoked for the rest).
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Table, type TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { StageConfig } from './config';
import type { DalpakFunction } from './function';

export interface StreamConsumerOptions {
  /** What the consumer does, for the alarm's description. */
  what: string;
  entities: string[];
  batchSize: number;
  /** 0 for latency first (a board should change within a second). */
  maxBatchingWindow?: Duration;
}

/** The stream as an event source needs the v1 table interface: the same table, by ARN (one per scope). */
function streamTable(scope: Construct, table: TableV2) {
  return Table.fromTableAttributes(scope, 'StreamTable', { tableArn: table.tableArn, tableStreamArn: table.tableStreamArn });
}

export function consumeStream(scope: Construct, id: string, fn: DalpakFunction, table: TableV2, config: StageConfig, o: StreamConsumerOptions) {
  const queue = new Queue(scope, `${id}DeadLetters`, { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
  const alarm = new Alarm(scope, `${id}DeadLettersDepth`, {
    alarmDescription: `Dalpak ${config.stage}: ${o.what} gave up on stream records (dead-letter queue not empty)`,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
    threshold: 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  fn.fn.addEventSource(
    new DynamoEventSource(streamTable(scope, table), {
      startingPosition: StartingPosition.LATEST,
      batchSize: o.batchSize,
      maxBatchingWindow: o.maxBatchingWindow,
      retryAttempts: 2,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      maxRecordAge: Duration.hours(1),
      onFailure: new SqsDlq(queue),
      filters: [FilterCriteria.filter({ dynamodb: { NewImage: { entity: { S: FilterRule.or(...o.entities) } } } })],
    }),
  );
  return { queue, alarm };
}
