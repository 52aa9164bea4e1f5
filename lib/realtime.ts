// Live updates: the WebSocket API (subscribe) and the fan-out from the table's stream to the
// sockets. Only "this topic changed" travels; clients re-read through the HTTP API.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Table, type TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { wsRoutes } from '../functions/realtime/routes';
import type { StageConfig } from './config';
import { DalpakFunction } from './function';

export interface RealtimeProps {
  config: StageConfig;
  table: TableV2;
  environment: Record<string, string>;
}

/** The stream as an event source needs the v1 table interface: the same table, by ARN. */
export function streamTable(scope: Construct, table: TableV2) {
  return Table.fromTableAttributes(scope, 'StreamTable', { tableArn: table.tableArn, tableStreamArn: table.tableStreamArn });
}

/** A stream consumer's on-failure destination, with an alarm as soon as anything lands in it. */
export function deadLetterQueue(scope: Construct, id: string, what: string, config: StageConfig) {
  const queue = new Queue(scope, id, { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
  const alarm = new Alarm(scope, `${id}Depth`, {
    alarmDescription: `Dalpak ${config.stage}: ${what} gave up on stream records (dead-letter queue not empty)`,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
    threshold: 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  return { queue, alarm };
}

export class Realtime extends Construct {
  readonly api: WebSocketApi;
  readonly stage: WebSocketStage;
  readonly wsFunction: DalpakFunction;
  readonly fanout: DalpakFunction;
  readonly deadLetters: Queue;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, { config, table, environment }: RealtimeProps) {
    super(scope, id);
    this.wsFunction = new DalpakFunction(this, 'Fn-ws', { context: 'realtime', entry: 'ws.ts', description: 'WebSocket connect, disconnect and subscribe', config, environment });
    this.wsFunction.bindTable(table, 'RW');
    const integration = new WebSocketLambdaIntegration('Ws', this.wsFunction.fn);
    this.api = new WebSocketApi(this, 'Ws', {
      apiName: `dalpak-${config.stage}-live`,
      description: 'Dalpak live updates (behind CloudFront at /ws)',
      routeSelectionExpression: '$request.body.action',
      connectRouteOptions: { integration },
      disconnectRouteOptions: { integration },
      defaultRouteOptions: { integration },
    });
    for (const route of wsRoutes.filter((r) => !r.startsWith('$'))) this.api.addRoute(route, { integration });
    this.stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: 'live',
      autoDeploy: true,
      throttle: { rateLimit: config.throttle.rateLimit, burstLimit: config.throttle.burstLimit },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: config.logRetentionDays, removalPolicy: config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY });
    (this.stage.node.defaultChild as CfnStage).accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({ requestId: '$context.requestId', routeKey: '$context.routeKey', status: '$context.status', eventType: '$context.eventType', time: '$context.requestTimeEpoch' }),
    };

    const management = { WS_MANAGEMENT_ENDPOINT: this.stage.callbackUrl };
    this.wsFunction.fn.addEnvironment('WS_MANAGEMENT_ENDPOINT', management.WS_MANAGEMENT_ENDPOINT);
    this.api.grantManageConnections(this.wsFunction.fn);

    this.fanout = new DalpakFunction(this, 'Fn-fanout', { context: 'realtime', entry: 'fanout.ts', description: 'tells subscribed sockets what changed', config, environment: { ...environment, ...management } });
    this.fanout.bindTable(table, 'RW');
    this.api.grantManageConnections(this.fanout.fn);
    const dlq = deadLetterQueue(this, 'FanoutDeadLetters', 'the live-update fan-out', config);
    this.deadLetters = dlq.queue;
    this.deadLetterAlarm = dlq.alarm;
    this.fanout.fn.addEventSource(
      new DynamoEventSource(streamTable(this, table), {
        startingPosition: StartingPosition.LATEST,
        batchSize: 100,
        maxBatchingWindow: Duration.millis(0), // latency first: a board should change within a second
        retryAttempts: 2,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetters),
        // Only what a screen shows: tickets, counters, orders and bookings.
        filters: [FilterCriteria.filter({ dynamodb: { NewImage: { entity: { S: FilterRule.or('ticket', 'counter', 'order', 'booking') } } } })],
      }),
    );
  }
}
