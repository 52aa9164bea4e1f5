// Issue 10, the CDK side: stage settings reach the functions, data survives in prod, no secret
// material in the template, and the dashboard, alarms and alarm topic of each stage.
import { Match } from 'aws-cdk-lib/assertions';
import type { CfnElement } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../lib/config';
import { businessMetrics, businessSearch, failedNotificationsQuery } from '../../lib/observability';
import { tableName } from '../../functions/data/table-def';
import { ourFunctions, resources, synth } from './synth';

const alarmEmail = 'ops@example.com';
const dev = synth('dev');
const prod = synth('prod', { settings: { alarmEmail } });
const devConfig = loadStageConfig('dev');
const prodConfig = loadStageConfig('prod');
const stages = [
  ['dev', dev, devConfig],
  ['prod', prod, prodConfig],
] as const;

const logicalId = (s: typeof dev, construct: { node: { defaultChild?: unknown } }) => s.stack.getLogicalId(construct.node.defaultChild as CfnElement);
const topicRef = (s: typeof dev) => ({ Ref: logicalId(s, s.stack.observability.topic) });

describe('data per stage', () => {
  it('prod retains its table and enables deletion protection; dev may delete it', () => {
    prod.template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ TableName: tableName('prod'), Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })] }),
    });
    dev.template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete', Properties: Match.objectLike({ TableName: tableName('dev') }) });
    const devReplica = Object.values(resources(dev.template, 'AWS::DynamoDB::GlobalTable'))[0]!.Properties.Replicas[0];
    expect(devReplica.DeletionProtectionEnabled ?? false).toBe(false);
  });

  it('gives every function the stage settings: languages, retention days, metrics namespace, tracing', () => {
    for (const [stage, s, config] of stages) {
      const fns = Object.values(ourFunctions(s.template, stage));
      expect(fns.length).toBeGreaterThan(10);
      for (const f of fns) {
        expect(f.Properties.TracingConfig).toEqual({ Mode: 'Active' });
        expect(f.Properties.Environment.Variables).toMatchObject({
          LANGUAGES: config.languages.join(','),
          RETENTION_VISIT_DAYS: String(config.retentionDays.visit),
          RETENTION_BOOKING_DAYS: String(config.retentionDays.booking),
          POWERTOOLS_METRICS_NAMESPACE: `Dalpak/${stage}`, // dev and prod in one account never mix
          POWERTOOLS_SERVICE_NAME: expect.stringMatching(/^dalpak-/),
        });
      }
    }
    const only = synth('dev', { settings: { languages: ['he'], retentionDays: { visit: 7, booking: 60 } } });
    for (const f of Object.values(ourFunctions(only.template, 'dev'))) {
      expect(f.Properties.Environment.Variables).toMatchObject({ LANGUAGES: 'he', RETENTION_VISIT_DAYS: '7', RETENTION_BOOKING_DAYS: '60' });
    }
  });

  it('pins the stack to the configured region, and stays environment-agnostic without one', () => {
    expect(synth('prod', { settings: { region: 'il-central-1' } }).stack.region).toBe('il-central-1');
    expect(dev.stack.region).toMatch(/^\$\{Token/);
  });
});

describe('secrets', () => {
  it('keeps no secret material in the template', () => {
    for (const [stage, s] of stages) {
      const json = JSON.stringify(s.template.toJSON());
      expect(json).not.toMatch(/PRIVATE KEY/);
      expect(json).not.toMatch(/privateKey"\s*:\s*"[A-Za-z0-9_-]{43}"/); // a VAPID private key
      expect(json).not.toMatch(/"B[A-Za-z0-9_-]{86}"/); // a VAPID public key (uncompressed P-256)
      // An environment variable named like a secret holds a reference, never a literal.
      for (const f of Object.values(ourFunctions(s.template, stage))) {
        for (const [name, value] of Object.entries(f.Properties.Environment.Variables as Record<string, unknown>)) {
          if (/SECRET|PRIVATE|PASSWORD|TOKEN/.test(name)) expect(typeof value, `${stage} ${name}`).not.toBe('string');
        }
      }
      // Secrets are generated or filled in after deploy, never given a value here.
      for (const secret of Object.values(resources(s.template, 'AWS::SecretsManager::Secret'))) expect(secret.Properties.SecretString).toBeUndefined();
      expect(Object.values(resources(s.template, 'AWS::SSM::Parameter')).filter((p) => p.Properties.Type === 'SecureString')).toEqual([]);
    }
  });

  it('reads the Web Push key pair from a secret the stack creates, granted to the two functions that need it', () => {
    for (const [stage, s] of stages) {
      const secretId = logicalId(s, s.stack.notifications.vapidSecret);
      s.template.hasResource('AWS::SecretsManager::Secret', {
        DeletionPolicy: stage === 'prod' ? 'Retain' : 'Delete',
        Properties: Match.objectLike({ GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"publicKey":""}' }) }),
      });
      const readers = Object.entries(ourFunctions(s.template, stage)).filter(([, f]) => JSON.stringify(f.Properties.Environment.Variables.VAPID_SECRET_ARN) === JSON.stringify({ Ref: secretId }));
      expect(readers.map(([id]) => id).sort()).toEqual([logicalId(s, s.stack.api.functions.notify.fn), logicalId(s, s.stack.notifications.notifier.fn)].sort());
      for (const [, f] of readers) {
        const roleId = f.Properties.Role['Fn::GetAtt'][0];
        const policy = Object.values(resources(s.template, 'AWS::IAM::Policy')).find((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))!;
        expect(policy.Properties.PolicyDocument.Statement).toEqual(
          expect.arrayContaining([expect.objectContaining({ Action: expect.arrayContaining(['secretsmanager:GetSecretValue']), Resource: { Ref: secretId } })]),
        );
      }
    }
  });
});

describe('alarms', () => {
  it('publish to an encrypted, TLS-only topic; e-mail is subscribed only when configured', () => {
    for (const [, s] of stages) {
      s.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
      s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
    prod.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: alarmEmail, TopicArn: topicRef(prod) });
    dev.template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('page on API 5xx rate and p99 latency, at the thresholds of the stage', () => {
    for (const [, s, config] of stages) {
      s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Threshold: config.alarms.serverErrorPercent,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [topicRef(s)],
        Metrics: Match.arrayWith([
          Match.objectLike({ Expression: 'IF(requests >= 10, 100 * errors / requests, 0)' }),
          Match.objectLike({ Id: 'errors', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: '5xx', Namespace: 'AWS/ApiGateway' }) }) }),
        ]),
      });
      s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Threshold: config.alarms.p99LatencyMs,
        AlarmActions: [topicRef(s)],
        Metrics: [Match.objectLike({ MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'Latency' }), Stat: 'p99' }) })],
      });
    }
    expect(prodConfig.alarms.serverErrorPercent).toBeLessThan(devConfig.alarms.serverErrorPercent);
  });

  it('page when any function or the table is throttled, every function counted once', () => {
    for (const [stage, s] of stages) {
      const groups = s.stack.observability.throttleAlarms;
      expect(groups.length).toBeGreaterThan(1);
      const counted: string[] = [];
      for (const group of groups) {
        const alarm = resources(s.template, 'AWS::CloudWatch::Alarm')[logicalId(s, group)]!;
        expect(alarm.Properties).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
        const metrics = (alarm.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string; Dimensions: { Value: { Ref: string } }[] } } }[]).filter((m) => m.MetricStat);
        expect(metrics.length).toBeLessThanOrEqual(10); // CloudWatch's limit for an alarm's math
        counted.push(...metrics.map((m) => `${m.MetricStat!.Metric.MetricName} ${m.MetricStat!.Metric.Dimensions[0]!.Value.Ref}`));
      }
      const fnIds = Object.keys(ourFunctions(s.template, stage));
      expect(counted.sort()).toEqual(
        [...fnIds.map((id) => `Throttles ${id}`), ...['ReadThrottleEvents', 'WriteThrottleEvents'].map((m) => `${m} ${logicalId(s, s.stack.data.table)}`)].sort(),
      );
      s.template.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
        AlarmActions: [topicRef(s)],
        AlarmRule: { 'Fn::Join': ['', Match.arrayWith(groups.map((g) => ({ 'Fn::GetAtt': [logicalId(s, g), 'Arn'] })))] },
      });
    }
  });

  it('page when a dead-letter queue is not empty', () => {
    for (const [, s] of stages) {
      const queues = Object.keys(resources(s.template, 'AWS::SQS::Queue'));
      expect(queues).toHaveLength(4);
      for (const queueId of queues) {
        s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
          AlarmActions: [topicRef(s)],
        });
      }
    }
  });

  it('page on failed customer messages across all branches (a Metrics Insights query)', () => {
    for (const [stage, s, config] of stages) {
      s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Threshold: config.alarms.failedNotifications,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [topicRef(s)],
        Metrics: [Match.objectLike({ Expression: failedNotificationsQuery(stage), Period: 900 })],
      });
    }
  });

  it('take their thresholds from the stage settings', () => {
    const tuned = synth('dev', { settings: { alarms: { serverErrorPercent: 2.5, p99LatencyMs: 800, failedNotifications: 3 } } });
    for (const threshold of [2.5, 800, 3]) tuned.template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: threshold, AlarmActions: [topicRef(tuned)] });
  });
});

describe('the dashboard', () => {
  it('exists per stage and shows the API, functions, table, live updates, dead letters and the business', () => {
    for (const [stage, s] of stages) {
      s.template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: `Dalpak-${stage}` });
      const body = JSON.stringify(Object.values(resources(s.template, 'AWS::CloudWatch::Dashboard'))[0]!.Properties.DashboardBody);
      for (const title of [
        'Alarms',
        'API requests, 4xx and 5xx',
        'API 5xx rate (%)',
        'API latency (ms)',
        'Lambda errors',
        'Lambda throttles',
        'Lambda duration p99 (ms)',
        'DynamoDB consumed capacity',
        'DynamoDB throttles',
        'WebSocket connections and messages',
        'Dead letters (messages waiting)',
        'Queue (all branches)',
        'Orders (all branches)',
        'Bookings (all branches)',
        'Notifications (all branches)',
        'Tickets taken by branch',
      ]) {
        expect(body, title).toContain(JSON.stringify(title).slice(1, -1).replace(/"/g, '\\"'));
      }
      for (const name of Object.values(businessMetrics).flat()) expect(body).toContain(JSON.stringify(businessSearch(stage, name)).slice(1, -1).replace(/\\"/g, '\\\\\\"'));
    }
  });
});

describe('stage configuration (issue 10 settings)', () => {
  it('defaults: both languages, 30/90 retention days, no alarm e-mail, stricter alarms in prod', () => {
    expect(devConfig).toMatchObject({ languages: ['he', 'en'], retentionDays: { visit: 30, booking: 90 } });
    expect(devConfig.alarmEmail).toBeUndefined();
    expect(devConfig.region).toBeUndefined();
    expect(prodConfig.alarms.p99LatencyMs).toBeLessThan(devConfig.alarms.p99LatencyMs);
  });

  it('accepts a region, a subset of the languages and an alarm e-mail', () => {
    expect(loadStageConfig('prod', { region: 'il-central-1', languages: ['en'], alarmEmail })).toMatchObject({ region: 'il-central-1', languages: ['en'], alarmEmail });
  });

  it('refuses a bad alarm e-mail, an unknown language, a bad region or threshold, naming the setting', () => {
    const refusals: [unknown, RegExp][] = [
      [{ alarmEmail: 'ops-at-example' }, /alarmEmail: an e-mail address/],
      [{ languages: ['he', 'fr'] }, /languages\.1: one of he, en/],
      [{ languages: [] }, /languages: at least one language/],
      [{ languages: ['en', 'en'] }, /languages: each language once/],
      [{ region: 'Israel' }, /region: an AWS region code/],
      [{ retentionDays: { visit: 0, booking: 90 } }, /retentionDays\.visit/],
      [{ alarms: { serverErrorPercent: 0, p99LatencyMs: 1000, failedNotifications: 1 } }, /alarms\.serverErrorPercent/],
      [{ alarms: { p99LatencyMs: 1000 } }, /alarms\.serverErrorPercent/],
    ];
    for (const [settings, message] of refusals) expect(() => loadStageConfig('prod', settings), JSON.stringify(settings)).toThrow(message);
    expect(() => synth('prod', { settings: { alarmEmail: 'nope' } })).toThrow(/Invalid stage configuration for "prod".*alarmEmail/);
  });
});
