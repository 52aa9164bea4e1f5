// Live updates: the WebSocket API (subscribe) and the fan-out from the table's stream to the
// sockets. Only "this topic changed" travels; clients re-read through the HTTP API.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { CfnStage, WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { wsRoutes } from '../functions/realtime/routes';
import type { StageConfig } from './config';
import { DalpakFunction } from './function';
import { consumeStream } from './stream-consumer';

export interface RealtimeProps {
  config: StageConfig;
  table: ITableV2;
  environment: Record<string, string>;
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
    const dlq = consumeStream(this, 'Fanout', this.fanout, table, config, {
      what: 'the live-update fan-out',
      entities: ['ticket', 'counter', 'order', 'booking'], // only what a screen shows
      batchSize: 100,
      maxBatchingWindow: Duration.millis(0),
    });
    this.deadLetters = dlq.queue;
    this.deadLetterAlarm = dlq.alarm;
  }
}
