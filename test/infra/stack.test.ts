import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../lib/app';
import { loadStageConfig } from '../../lib/config';
import { tableDef } from '../../functions/data/table-def';
import { contexts, routeKey, routes } from '../../functions/routes';

// Bundling is skipped in tests (no esbuild run per function); `cdk synth` in CI bundles for real.
const synth = (stage: string) => {
  const { app, stack } = buildApp({ context: { stage, 'aws:cdk:bundling-stacks': [] } });
  return { app, stack, template: Template.fromStack(stack) };
};
const dev = synth('dev');
const prod = synth('prod');

describe('the table', () => {
  it('is built from the shared table definition: keys, GSI, TTL, stream, on-demand, PITR', () => {
    dev.template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    dev.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TableName: 'dalpak-dev',
      KeySchema: [
        { AttributeName: tableDef.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDef.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: tableDef.ttlAttribute, Enabled: true },
      GlobalSecondaryIndexes: tableDef.globalIndexes.map((g) =>
        Match.objectLike({ IndexName: g.name, KeySchema: [{ AttributeName: g.partitionKey, KeyType: 'HASH' }, { AttributeName: g.sortKey, KeyType: 'RANGE' }] }),
      ),
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
  });

  it('is protected and retained in prod, disposable in dev', () => {
    prod.template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })] }),
    });
    dev.template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
    const devReplica = Object.values(dev.template.findResources('AWS::DynamoDB::GlobalTable'))[0]!.Properties.Replicas[0];
    expect(devReplica.DeletionProtectionEnabled ?? false).toBe(false);
  });
});

describe('the functions', () => {
  const ours = () =>
    Object.values(dev.template.findResources('AWS::Lambda::Function')).filter((f) => String(f.Properties.Description ?? '').startsWith('Dalpak dev:'));

  it('has one function per bounded context: Node 22 on ARM64, with its memory, timeout, table and tracing', () => {
    const fns = ours().filter((f) => f.Properties.Description !== 'Dalpak dev: expires uncollected orders');
    expect(fns).toHaveLength(Object.keys(contexts).length);
    for (const [name, ctx] of Object.entries(contexts)) {
      const fn = fns.find((f) => f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === `dalpak-${name}`);
      expect(fn, name).toBeDefined();
      expect(fn!.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: ctx.memoryMb,
        Timeout: loadStageConfig('dev').functionTimeoutSeconds,
        TracingConfig: { Mode: 'Active' },
        Environment: { Variables: expect.objectContaining({ STAGE: 'dev', AUTH_MODE: 'cognito', TABLE_NAME: expect.anything() }) },
      });
    }
  });

  it('expires uncollected orders on a schedule, with its own function', () => {
    const expiry = ours().find((f) => f.Properties.Description === 'Dalpak dev: expires uncollected orders');
    expect(expiry?.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
    dev.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED', Targets: [Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 2 } })] });
  });

  it('logs each function to its own group with the stage retention', () => {
    const groups = Object.values(dev.template.findResources('AWS::Logs::LogGroup'));
    expect(groups.filter((g) => g.Properties.RetentionInDays === loadStageConfig('dev').logRetentionDays).length).toBeGreaterThanOrEqual(Object.keys(contexts).length);
    for (const f of ours()) expect(f.Properties.LoggingConfig).toMatchObject({ LogGroup: { Ref: expect.any(String) }, LogFormat: 'JSON' });
  });
});

describe('the HTTP API', () => {
  const routeResources = () => Object.values(dev.template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);

  it('declares exactly the routes of the route table, plus $default', () => {
    dev.template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    const keys = routeResources().map((r) => r.RouteKey).sort();
    expect(keys).toEqual([...routes.map(routeKey), '$default'].sort());
  });

  it('puts the JWT authorizer on staff routes and nothing else', () => {
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
    for (const r of routes) {
      const declared = routeResources().find((d) => d.RouteKey === routeKey(r))!;
      expect(declared.AuthorizationType, routeKey(r)).toBe(r.auth === 'staff' ? 'JWT' : 'NONE');
    }
  });

  it('throttles the stage and writes access logs', () => {
    const { throttle } = loadStageConfig('dev');
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('routeKey') },
    });
  });
});

describe('staff identity', () => {
  it('has a Cognito pool without self sign-up, the three role groups and the branches attribute', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'branches', AttributeDataType: 'String', Mutable: true })]),
    });
    const groups = Object.values(dev.template.findResources('AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName).sort();
    expect(groups).toEqual(['admin', 'clerk', 'manager']);
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH']),
      GenerateSecret: false,
    });
  });
});

describe('web hosting', () => {
  it('keeps the site bucket private and TLS-only', () => {
    dev.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: Match.anyValue(),
    });
    dev.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('serves the app through CloudFront with OAC, SPA rewrite, security headers, and /api/* to the HTTP API', () => {
    dev.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    dev.template.hasResourceProperties('AWS::CloudFront::Function', { FunctionCode: Match.stringLikeRegexp('index.html') });
    dev.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: Match.objectLike({ ContentSecurityPolicy: Match.stringLikeRegexp("frame-ancestors 'none'") }),
          StrictTransportSecurity: Match.objectLike({ IncludeSubdomains: true }),
          FrameOptions: Match.objectLike({ FrameOption: 'DENY' }),
        }),
      },
    });
    const dist = Object.values(dev.template.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    expect(dist.DefaultCacheBehavior.FunctionAssociations).toEqual([expect.objectContaining({ EventType: 'viewer-request' })]);
    expect(dist.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    const s3Origin = dist.Origins.find((o: { Id: string; S3OriginConfig?: unknown }) => o.Id === dist.DefaultCacheBehavior.TargetOriginId);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    const api = dist.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/*');
    expect(api).toMatchObject({ AllowedMethods: expect.arrayContaining(['POST', 'DELETE', 'PATCH']), ViewerProtocolPolicy: 'https-only' });
    const apiOrigin = dist.Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId);
    expect(JSON.stringify(apiOrigin.DomainName)).toContain('ApiHttp'); // the HTTP API's endpoint, not the bucket
    expect(apiOrigin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
  });

  it('deploys the built app with a config.json beside it', () => {
    dev.template.resourceCountIs('Custom::CDKBucketDeployment', 1);
  });
});

describe('configuration and checks', () => {
  it('refuses an invalid stage configuration with the setting named', () => {
    expect(() => loadStageConfig('Bad Stage')).toThrow(/stage:/);
    expect(() => loadStageConfig('dev', { logRetentionDays: 3 })).toThrow(/logRetentionDays/);
    expect(() => buildApp({ context: { stage: 'dev', settings: '{"functionTimeoutSeconds": 60}', 'aws:cdk:bundling-stacks': [] } })).toThrow(/functionTimeoutSeconds/);
  });

  it('passes cdk-nag AwsSolutions with every remaining finding acknowledged in code', () => {
    for (const { app } of [dev, prod]) {
      const report = new AwsSolutionsChecks().validateScope(app);
      const errors = report.violations.filter((v) => v.severity === 'error');
      expect(errors.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    }
  });
});
