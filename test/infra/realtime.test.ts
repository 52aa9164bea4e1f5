import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { wsRoutes } from '../../functions/realtime/routes';
import { resources, synth } from './synth';

// Live updates in AWS: the WebSocket API and its routes, the stream fan-out with bounded
// retries, bisection, partial-batch failures and an alarmed on-failure queue, /ws on the site.
const dev = synth('dev');
const t = dev.template;

describe('the WebSocket API', () => {
  const wsApiId = () => Object.entries(resources(t, 'AWS::ApiGatewayV2::Api')).find(([, a]) => a.Properties.ProtocolType === 'WEBSOCKET')![0];

  it('routes by action, with exactly the WebSocket route table', () => {
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' });
    const keys = Object.values(resources(t, 'AWS::ApiGatewayV2::Route')).filter((r) => r.Properties.ApiId.Ref === wsApiId()).map((r) => r.Properties.RouteKey);
    expect(keys.sort()).toEqual([...wsRoutes].sort());
  });

  it('has a throttled, logged stage whose callback URL the functions post to', () => {
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: { Ref: wsApiId() },
      StageName: 'live',
      AutoDeploy: true,
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() }),
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    const fns = Object.values(resources(t, 'AWS::Lambda::Function')).filter((f) => /WebSocket|tells subscribed/.test(f.Properties.Description ?? ''));
    expect(fns).toHaveLength(2);
    for (const f of fns) expect(JSON.stringify(f.Properties.Environment.Variables.WS_MANAGEMENT_ENDPOINT)).toContain(wsApiId());
  });

  it('lets the ws and fan-out functions manage connections of this API only', () => {
    const grants = Object.values(resources(t, 'AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement).filter((s: { Action: unknown }) => s.Action === 'execute-api:ManageConnections');
    expect(grants).toHaveLength(2);
    for (const g of grants) expect(JSON.stringify(g.Resource)).toContain(wsApiId());
  });
});

describe('the stream fan-out', () => {
  it('reads the table stream with bounded retries, bisection, partial-batch failures and an on-failure queue', () => {
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataTable'), 'StreamArn'] },
      StartingPosition: 'LATEST',
      MaximumRetryAttempts: 2,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RealtimeFanoutDeadLetters'), 'Arn'] } } },
      FilterCriteria: { Filters: [{ Pattern: Match.stringLikeRegexp('ticket') }] },
    });
  });

  it('alarms as soon as anything reaches the dead-letter queue', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RealtimeFanoutDeadLetters'), 'QueueName'] } }],
    });
    t.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });
});

describe('the site', () => {
  it('serves /ws from the WebSocket stage on the same origin, uncached, with the upgrade headers', () => {
    const dist = Object.values(resources(t, 'AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    const ws = dist.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/ws');
    expect(ws).toMatchObject({ ViewerProtocolPolicy: 'https-only', CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad' });
    const origin = dist.Origins.find((o: { Id: string }) => o.Id === ws.TargetOriginId);
    expect(origin.OriginPath).toBe('/live');
  });
});

describe('webhooks', () => {
  it('deliver from the stream with their own function, bounded retries and an alarmed on-failure queue', () => {
    const fn = Object.entries(resources(t, 'AWS::Lambda::Function')).find(([, f]) => f.Properties.Description === 'Dalpak dev: delivers signed webhooks to integrators')!;
    expect(fn).toBeDefined();
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fn[0] },
      MaximumRetryAttempts: 2,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IntegrationsWebhookDeadLetters'), 'Arn'] } } },
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IntegrationsWebhookDeadLetters'), 'QueueName'] } }],
    });
  });
});

describe('notifications', () => {
  const notifier = () => Object.entries(resources(t, 'AWS::Lambda::Function')).find(([, f]) => f.Properties.Description === 'Dalpak dev: delivers messages to customers (email, SMS, push)')!;

  it('deliver outbox messages and ticket-derived ones from the stream, with partial-batch failures and an alarmed on-failure queue', () => {
    const [id, fn] = notifier();
    expect(fn.Properties.Environment.Variables).toMatchObject({ NOTIFY_MODE: 'aws', SITE_URL: expect.anything() });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: id },
      MaximumRetryAttempts: 2,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NotificationsNotifierDeadLetters'), 'Arn'] } } },
      FilterCriteria: { Filters: [{ Pattern: Match.stringLikeRegexp('outbox') }] },
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 0,
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NotificationsNotifierDeadLetters'), 'QueueName'] } }],
    });
  });

  it('may send SMS but not publish to topics, and sends no email without an SES identity in the stage config', () => {
    const [id] = notifier();
    const roleId = (resources(t, 'AWS::Lambda::Function')[id]!.Properties.Role['Fn::GetAtt'] as string[])[0];
    const statements = Object.values(resources(t, 'AWS::IAM::Policy'))
      .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements.find((s: { Action: unknown }) => s.Action === 'sns:Publish')).toMatchObject({ Condition: { Null: { 'sns:Protocol': 'true' } } });
    expect(statements.some((s: { Action: unknown }) => s.Action === 'ses:SendEmail')).toBe(false);
    expect(resources(t, 'AWS::Lambda::Function')[id]!.Properties.Environment.Variables.EMAIL_FROM).toBeUndefined();
  });
});

describe('insight', () => {
  it('keeps statistics from the stream with partial-batch failures and an alarmed on-failure queue', () => {
    const fn = Object.entries(resources(t, 'AWS::Lambda::Function')).find(([, f]) => f.Properties.Description === 'Dalpak dev: keeps statistics and the call-back list')!;
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fn[0] },
      MaximumRetryAttempts: 2,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^InsightAggregatorDeadLetters'), 'Arn'] } } },
      FilterCriteria: { Filters: [{ Pattern: Match.stringLikeRegexp('survey') }] },
    });
  });
});
