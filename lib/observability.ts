// Seeing a stage run: one CloudWatch dashboard, the alarms that page someone, and the SNS topic
// they page through (e-mail from the stage config). Only reads what the other constructs built.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { HttpApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmRule,
  AlarmStatusWidget,
  ComparisonOperator,
  CompositeAlarm,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
  type IAlarm,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from './config';
import type { DalpakFunction } from './function';

/** The namespace and dimensions the handlers' Powertools Metrics publish business metrics under. */
export const businessNamespace = (stage: string) => `Dalpak/${stage}`;
export const businessMetrics = {
  queue: ['TicketsTaken', 'TicketsCalled', 'TicketsServed', 'TicketsNoShow'],
  orders: ['OrdersPlaced', 'OrdersReady', 'OrdersCollected'],
  bookings: ['BookingsMade'],
  notifications: ['NotificationsDelivered', 'NotificationsFailed'],
} as const;

/** Every business metric of every branch: a SEARCH, because branch ids are only known at run time. */
export const businessSearch = (stage: string, metricName: string) => `SEARCH('{${businessNamespace(stage)},branchId,service} MetricName="${metricName}"', 'Sum', 300)`;

/**
 * Failed customer messages across all branches. An alarm cannot use SEARCH, but it can use a
 * Metrics Insights query, which sums over every branchId without knowing them.
 */
export const failedNotificationsQuery = (stage: string) => `SELECT SUM(NotificationsFailed) FROM SCHEMA("${businessNamespace(stage)}", branchId, service) WHERE service = 'dalpak-notify'`;

/** An alarm's math may use 10 metrics at most. */
const maxMetricsPerAlarm = 10;

export interface DeadLetters {
  queue: Queue;
  alarm: Alarm;
}

export interface ObservabilityProps {
  config: StageConfig;
  httpApi: HttpApi;
  live: WebSocketStage;
  table: ITableV2;
  /** Every function of the stage, by a short label (the dashboard's legend). */
  functions: Record<string, DalpakFunction>;
  /** Each stream consumer's on-failure queue and its depth alarm, by a short label. */
  deadLetters: Record<string, DeadLetters>;
}

export class Observability extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly serverErrorAlarm: Alarm;
  readonly latencyAlarm: Alarm;
  /** One alarm per group of ≤ 10 throttle metrics, and the one that pages when any of them is on. */
  readonly throttleAlarms: Alarm[];
  readonly throttlesAlarm: CompositeAlarm;
  readonly failedNotificationsAlarm: Alarm;
  /** Everything that pages through the topic. */
  readonly alarms: IAlarm[];

  constructor(scope: Construct, id: string, { config, httpApi, live, table, functions, deadLetters }: ObservabilityProps) {
    super(scope, id);
    const stage = config.stage;
    const period = Duration.minutes(5);

    // --- The topic: encrypted with a key CloudWatch may use (the AWS-managed SNS key refuses it).
    const key = new Key(this, 'AlarmsKey', {
      description: `Dalpak ${stage}: encrypts the alarm topic`,
      enableKeyRotation: true,
      removalPolicy: config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Alarms', { displayName: `Dalpak ${stage} alarms`, masterKey: key, enforceSSL: true });
    if (config.alarmEmail) this.topic.addSubscription(new EmailSubscription(config.alarmEmail));
    const notify = new SnsAction(this.topic);
    const pages = <A extends Alarm | CompositeAlarm>(alarm: A): A => {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
      return alarm;
    };

    // --- API: 5xx as a share of requests (quiet below 10 requests in 5 minutes), p99 latency.
    const requests = httpApi.metricCount({ period, statistic: 'Sum', label: 'requests' });
    const clientErrors = httpApi.metricClientError({ period, statistic: 'Sum', label: '4xx' });
    const serverErrors = httpApi.metricServerError({ period, statistic: 'Sum', label: '5xx' });
    const serverErrorRate = new MathExpression({
      expression: 'IF(requests >= 10, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      period,
      label: '5xx % of requests',
    });
    this.serverErrorAlarm = pages(
      new Alarm(this, 'ApiServerErrors', {
        alarmDescription: `Dalpak ${stage}: the API answered more than ${config.alarms.serverErrorPercent}% of requests with 5xx in two of the last three 5-minute periods`,
        metric: serverErrorRate,
        threshold: config.alarms.serverErrorPercent,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    const p99 = httpApi.metricLatency({ period, statistic: 'p99', label: 'p99' });
    this.latencyAlarm = pages(
      new Alarm(this, 'ApiLatencyP99', {
        alarmDescription: `Dalpak ${stage}: API p99 latency above ${config.alarms.p99LatencyMs} ms in two of the last three 5-minute periods`,
        metric: p99,
        threshold: config.alarms.p99LatencyMs,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    // --- Throttles: every function's, and the table's reads and writes. More than 10 metrics, so
    // they are summed in groups and one composite alarm pages when any group saw a throttle.
    const fnEntries = Object.entries(functions);
    const fnThrottles = fnEntries.map(([label, f]) => f.fn.metricThrottles({ period, statistic: 'Sum', label }));
    const tableReadThrottles = table.metric('ReadThrottleEvents', { period, statistic: 'Sum', label: 'table reads' });
    const tableWriteThrottles = table.metric('WriteThrottleEvents', { period, statistic: 'Sum', label: 'table writes' });
    const throttleMetrics = [...fnThrottles, tableReadThrottles, tableWriteThrottles];
    const groups: IMetric[][] = [];
    for (let i = 0; i < throttleMetrics.length; i += maxMetricsPerAlarm) groups.push(throttleMetrics.slice(i, i + maxMetricsPerAlarm));
    this.throttleAlarms = groups.map((group, g) => {
      const usingMetrics = Object.fromEntries(group.map((m, i) => [`t${i}`, m]));
      return new Alarm(this, `Throttles${g + 1}`, {
        alarmDescription: `Dalpak ${stage}: throttled requests (group ${g + 1} of ${groups.length}: ${group.map((m) => m.toMetricConfig().renderingProperties?.label ?? '').join(', ')})`,
        metric: new MathExpression({ expression: Object.keys(usingMetrics).map((k) => `FILL(${k}, 0)`).join(' + '), usingMetrics, period, label: 'throttles' }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    });
    this.throttlesAlarm = pages(
      new CompositeAlarm(this, 'Throttles', {
        alarmDescription: `Dalpak ${stage}: a function or the table was throttled in the last 5 minutes (see the dashboard's throttle graphs)`,
        alarmRule: AlarmRule.anyOf(...this.throttleAlarms),
      }),
    );

    // --- Messages to customers that failed (all branches, by Metrics Insights).
    const failedNotifications = new MathExpression({ expression: failedNotificationsQuery(stage), usingMetrics: {}, period: Duration.minutes(15), label: 'failed notifications' });
    this.failedNotificationsAlarm = pages(
      new Alarm(this, 'NotificationsFailed', {
        alarmDescription: `Dalpak ${stage}: more than ${config.alarms.failedNotifications} customer messages failed in 15 minutes (NotificationsFailed, all branches)`,
        metric: failedNotifications,
        threshold: config.alarms.failedNotifications,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    // --- Dead letters: each consumer's queue already has its depth alarm (> 0); it now pages.
    for (const { alarm } of Object.values(deadLetters)) pages(alarm);

    this.alarms = [this.serverErrorAlarm, this.latencyAlarm, this.throttlesAlarm, this.failedNotificationsAlarm, ...Object.values(deadLetters).map((d) => d.alarm)];

    // --- The dashboard.
    const wsMetric = (metricName: string, statistic = 'Sum') =>
      new Metric({ namespace: 'AWS/ApiGateway', metricName, dimensionsMap: { ApiId: live.api.apiId, Stage: live.stageName }, period, statistic, label: metricName });
    const perFunction = (metric: (f: DalpakFunction, label: string) => IMetric) => fnEntries.map(([label, f]) => metric(f, label));
    const business = (title: string, names: readonly string[]) =>
      new GraphWidget({
        title,
        width: 6,
        left: names.map((name) => new MathExpression({ expression: `SUM(${businessSearch(stage, name)})`, usingMetrics: {}, period, label: name })),
      });
    const graph = (title: string, left: IMetric[], width = 8, right: IMetric[] = []) => new GraphWidget({ title, left, right, width, height: 6 });

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `Dalpak-${stage}`, defaultInterval: Duration.hours(3) });
    this.dashboard.addWidgets(
      new TextWidget({ markdown: `# Dalpak ${stage}\nAPI, functions, table, live updates, dead letters, then the business (all branches; SEARCH over the \`${businessNamespace(stage)}\` namespace).`, width: 24, height: 2 }),
    );
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: [...this.alarms, ...this.throttleAlarms], width: 24, height: 3 }));
    this.dashboard.addWidgets(
      graph('API requests, 4xx and 5xx', [requests], 8, [clientErrors, serverErrors]),
      graph('API 5xx rate (%)', [serverErrorRate]),
      graph('API latency (ms)', [httpApi.metricLatency({ period, statistic: 'p50', label: 'p50' }), p99, httpApi.metricIntegrationLatency({ period, statistic: 'p99', label: 'integration p99' })]),
    );
    this.dashboard.addWidgets(
      graph('Lambda errors', perFunction((f, label) => f.fn.metricErrors({ period, statistic: 'Sum', label }))),
      graph('Lambda throttles', fnThrottles),
      graph('Lambda duration p99 (ms)', perFunction((f, label) => f.fn.metricDuration({ period, statistic: 'p99', label }))),
    );
    this.dashboard.addWidgets(
      graph('DynamoDB consumed capacity', [table.metricConsumedReadCapacityUnits({ period, label: 'read units' }), table.metricConsumedWriteCapacityUnits({ period, label: 'write units' })]),
      graph('DynamoDB throttles', [tableReadThrottles, tableWriteThrottles]),
      graph('DynamoDB latency (ms)', ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'TransactWriteItems'].map((operation) =>
        table.metricSuccessfulRequestLatency({ period, dimensionsMap: { TableName: table.tableName, Operation: operation }, label: operation }),
      )),
    );
    this.dashboard.addWidgets(
      graph('WebSocket connections and messages', [wsMetric('ConnectCount'), wsMetric('MessageCount')], 12, [wsMetric('ClientError'), wsMetric('ExecutionError')]),
      graph('Dead letters (messages waiting)', Object.entries(deadLetters).map(([label, d]) => d.queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum', label })), 12),
    );
    this.dashboard.addWidgets(
      business('Queue (all branches)', businessMetrics.queue),
      business('Orders (all branches)', businessMetrics.orders),
      business('Bookings (all branches)', businessMetrics.bookings),
      business('Notifications (all branches)', businessMetrics.notifications),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Tickets taken by branch',
        width: 24,
        left: [new MathExpression({ expression: businessSearch(stage, 'TicketsTaken'), usingMetrics: {}, period, label: '' })],
      }),
    );
  }
}
