// How every consumer of the table's stream is attached: bounded retries, bisection of a failing
// batch, partial-batch failures, an on-failure queue with an alarm, and a filter on the
// entities it cares about (so it is not even invoked for the rest).
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Table, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from './config';
import { DalpakFunction, type FunctionHome } from './function';

export interface StreamConsumerOptions {
  /** What the consumer does, for the alarm's description. */
  what: string;
  entities: string[];
  batchSize: number;
  /** 0 for latency first (a board should change within a second). */
  maxBatchingWindow?: Duration;
}

/** The stream as an event source needs the v1 table interface: the same table, by ARN (one per scope). */
function streamTable(scope: Construct, table: ITableV2) {
  if (!table.tableStreamArn) throw new Error('The table has no stream: stream consumers need NEW_AND_OLD_IMAGES');
  return Table.fromTableAttributes(scope, 'StreamTable', { tableArn: table.tableArn, tableStreamArn: table.tableStreamArn });
}

export function consumeStream(scope: Construct, id: string, fn: DalpakFunction, table: ITableV2, config: StageConfig, o: StreamConsumerOptions) {
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

export interface StreamWorkerProps extends StreamConsumerOptions {
  config: StageConfig;
  table: ITableV2;
  environment: Record<string, string>;
  /** The function: its home under functions/, its entry file, its id and description. */
  home: FunctionHome;
  entry: string;
  functionId: string;
  description: string;
  /** Prefix of the dead-letter queue and its alarm. */
  queueId: string;
}

/**
 * A function that only consumes the table's stream (webhook delivery, statistics): its own
 * least-privilege role on the table, attached the one way every consumer is.
 */
export class StreamWorker extends Construct {
  readonly fn: DalpakFunction;
  readonly deadLetters: Queue;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, p: StreamWorkerProps) {
    super(scope, id);
    this.fn = new DalpakFunction(this, p.functionId, { context: p.home, entry: p.entry, description: p.description, config: p.config, environment: p.environment });
    this.fn.bindTable(p.table, 'RW');
    const dlq = consumeStream(this, p.queueId, this.fn, p.table, p.config, p);
    this.deadLetters = dlq.queue;
    this.deadLetterAlarm = dlq.alarm;
  }
}
