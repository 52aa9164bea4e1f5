// One stage of Dalpak: data, identity, API and web, composed.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Api } from './api';
import { Auth } from './auth';
import type { StageConfig } from './config';
import { Data } from './data';
import { acknowledgeFindings } from './nag';
import { Notifications } from './notifications';
import { Observability } from './observability';
import { Realtime } from './realtime';
import { Schedules } from './schedules';
import { StreamWorker } from './stream-consumer';
import { Web } from './web';

export class DalpakStack extends Stack {
  readonly data: Data;
  readonly auth: Auth;
  readonly api: Api;
  readonly web: Web;
  readonly realtime: Realtime;
  readonly schedules: Schedules;
  readonly integrations: StreamWorker;
  readonly notifications: Notifications;
  readonly insight: StreamWorker;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, config: StageConfig, props?: StackProps & { webAclArn?: string }) {
    super(scope, id, { ...props, description: `Dalpak branch queue and click-and-collect (${config.stage})` });
    this.data = new Data(this, 'Data', config);
    this.auth = new Auth(this, 'Auth', config);
    this.api = new Api(this, 'Api', { config, table: this.data.table, auth: this.auth });
    this.realtime = new Realtime(this, 'Realtime', { config, table: this.data.table, environment: this.api.environment });
    const env = { config, table: this.data.table, environment: this.api.environment };
    // Statistics and the call-back list: every change adds to its cell once and raises its moments.
    this.insight = new StreamWorker(this, 'Insight', {
      ...env, home: 'insight', entry: 'stream.ts', functionId: 'Fn-aggregator', description: 'keeps statistics and the call-back list',
      queueId: 'Aggregator', what: 'the statistics aggregator', entities: ['ticket', 'order', 'booking', 'survey'], batchSize: 100,
    });
    // Webhooks: signed POSTs to integrators, retried with backoff inside the delivery.
    this.integrations = new StreamWorker(this, 'Integrations', {
      ...env, home: 'webhooks', entry: 'stream.ts', functionId: 'Fn-webhooks', description: 'delivers signed webhooks to integrators',
      queueId: 'Webhook', what: 'webhook delivery', entities: ['ticket', 'order', 'booking'], batchSize: 25,
    });
    this.schedules = new Schedules(this, 'Schedules', { config, table: this.data.table, environment: this.api.environment });
    this.web = new Web(this, 'Web', { config, api: this.api.httpApi, live: this.realtime.stage, webAclArn: props?.webAclArn });
    const siteUrl = `https://${config.domain?.name ?? this.web.distribution.distributionDomainName}`;
    this.notifications = new Notifications(this, 'Notifications', { config, table: this.data.table, environment: this.api.environment, siteUrl, pushConfig: this.api.functions.notify });
    this.observability = new Observability(this, 'Observability', {
      config,
      httpApi: this.api.httpApi,
      live: this.realtime.stage,
      table: this.data.table,
      functions: {
        ...Object.fromEntries(Object.entries(this.api.functions).map(([name, f]) => [`api ${name}`, f])),
        'live ws': this.realtime.wsFunction,
        'live fan-out': this.realtime.fanout,
        notifier: this.notifications.notifier,
        webhooks: this.integrations.fn,
        aggregator: this.insight.fn,
        ...Object.fromEntries(Object.entries(this.schedules.functions).map(([name, f]) => [`every ${name}`, f])),
      },
      deadLetters: {
        'live fan-out': { queue: this.realtime.deadLetters, alarm: this.realtime.deadLetterAlarm },
        notifier: { queue: this.notifications.deadLetters, alarm: this.notifications.deadLetterAlarm },
        webhooks: { queue: this.integrations.deadLetters, alarm: this.integrations.deadLetterAlarm },
        aggregator: { queue: this.insight.deadLetters, alarm: this.insight.deadLetterAlarm },
      },
    });
    acknowledgeFindings(this, { config, api: this.api, auth: this.auth, web: this.web, table: this.data.table, realtime: this.realtime, schedules: this.schedules, integrations: this.integrations, notifications: this.notifications, insight: this.insight, observability: this.observability, hasWaf: Boolean(props?.webAclArn) });

    new CfnOutput(this, 'SiteUrl', { value: siteUrl });
    new CfnOutput(this, 'DistributionDomain', { value: this.web.distribution.distributionDomainName, description: 'Point the custom domain (if any) here' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.httpApi.apiEndpoint });
    new CfnOutput(this, 'LiveUrl', { value: this.realtime.stage.url, description: 'WebSocket API (the site reaches it at /ws)' });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'VapidSecretArn', { value: this.notifications.vapidSecret.secretArn, description: 'Put the Web Push key pair here: npx web-push generate-vapid-keys --json' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.observability.topic.topicArn, description: 'Alarms publish here (subscribe more recipients if needed)' });
    new CfnOutput(this, 'DashboardName', { value: this.observability.dashboard.dashboardName });
  }
}
