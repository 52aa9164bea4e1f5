import { Match } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../lib/config';
import { tableAccess } from '../../lib/api';
import { webConfig } from '../../lib/web-policy';
import { tableDef, tableName } from '../../functions/data/table-def';
import { contexts, routeKey, routes, type ContextName } from '../../functions/routes';
import { ourFunctions, resources, synth } from './synth';
import { schedules } from '../../functions/schedules';

const dev = synth('dev');
const prod = synth('prod');
const devConfig = loadStageConfig('dev');

describe('the table', () => {
  it('is built from the shared table definition: keys, GSI, TTL, stream, on-demand, PITR', () => {
    dev.template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    dev.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TableName: tableName('dev'),
      KeySchema: [
        { AttributeName: tableDef.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDef.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([{ AttributeName: 'gsi1pk', AttributeType: 'S' }, { AttributeName: 'gsi1sk', AttributeType: 'S' }]),
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: tableDef.streamView },
      TimeToLiveSpecification: { AttributeName: tableDef.ttlAttribute, Enabled: true },
      GlobalSecondaryIndexes: tableDef.globalIndexes.map((g) =>
        Match.objectLike({
          IndexName: g.name,
          KeySchema: [{ AttributeName: g.partitionKey, KeyType: 'HASH' }, { AttributeName: g.sortKey, KeyType: 'RANGE' }],
          Projection: { ProjectionType: 'ALL' },
        }),
      ),
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
    // The literal names, too: the local runtime and the handlers rely on them.
    expect([tableDef.partitionKey, tableDef.sortKey, tableDef.ttlAttribute, tableDef.streamView]).toEqual(['pk', 'sk', 'expiresAt', 'NEW_AND_OLD_IMAGES']);
  });

  it('is protected and retained in prod, disposable in dev', () => {
    prod.template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ TableName: tableName('prod'), Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })] }),
    });
    dev.template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
    const devReplica = Object.values(resources(dev.template, 'AWS::DynamoDB::GlobalTable'))[0]!.Properties.Replicas[0];
    expect(devReplica.DeletionProtectionEnabled ?? false).toBe(false);
  });
});

describe('the functions', () => {
  const fns = Object.entries(ourFunctions(dev.template, 'dev'));
  const scheduled = schedules.map((s) => `Dalpak dev: ${s.description}`);
  const isHttp = (f: { Properties: Record<string, any> }) => Object.values(contexts).some((c) => f.Properties.Description === `Dalpak dev: ${c.description}`);
  const byContext = (name: string) => fns.find(([, f]) => f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === `dalpak-${name}` && isHttp(f));
  const policyOf = (fnId: string) => {
    const roleId = ourFunctions(dev.template, 'dev')[fnId]!.Properties.Role['Fn::GetAtt'][0];
    const policy = Object.values(resources(dev.template, 'AWS::IAM::Policy')).find((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId));
    return policy!.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[];
  };

  it('has one function per bounded context: Node 22 on ARM64, with its memory, timeout, tracing and environment', () => {
    expect(fns.filter(([, f]) => isHttp(f))).toHaveLength(Object.keys(contexts).length);
    for (const [name, ctx] of Object.entries(contexts)) {
      const found = byContext(name);
      expect(found, name).toBeDefined();
      expect(found![1].Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: ctx.memoryMb,
        Timeout: devConfig.functionTimeoutSeconds,
        TracingConfig: { Mode: 'Active' },
        Environment: {
          Variables: {
            TABLE_NAME: { Ref: expect.stringMatching(/^DataTable/) },
            STAGE: 'dev',
            AUTH_MODE: 'cognito',
            COGNITO_USER_POOL_ID: { Ref: expect.stringMatching(/^AuthStaff/) },
            COGNITO_CLIENT_ID: { Ref: expect.stringMatching(/^AuthStaffConsole/) },
            POWERTOOLS_SERVICE_NAME: `dalpak-${name}`,
            LOG_LEVEL: devConfig.logLevel,
            NODE_OPTIONS: '--enable-source-maps',
          },
        },
      });
    }
  });

  it('grants table access by context: read-only contexts get no write action, the others read and write', () => {
    const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    for (const name of Object.keys(contexts) as ContextName[]) {
      const [id] = byContext(name)!;
      const table = policyOf(id).find((s) => JSON.stringify(s.Resource).includes('DataTable'));
      expect(table, name).toBeDefined();
      const actions = ([] as string[]).concat(table!.Action);
      expect(actions, name).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:DescribeTable']));
      if (tableAccess[name] === 'RW') expect(actions, name).toEqual(expect.arrayContaining(writes));
      else expect(actions.filter((a) => writes.includes(a)), name).toEqual([]);
    }
    expect(tableAccess.queue).toBe('RW');
    expect(tableAccess.orders).toBe('RW');
    expect(tableAccess.bookings).toBe('RW');
  });

  it.each(schedules.map((s) => [s.id, s] as const))('runs %s on an EventBridge Scheduler schedule with its own function and role', (_id, s) => {
    const fn = fns.find(([, f]) => f.Properties.Description === `Dalpak dev: ${s.description}`);
    expect(fn?.[1].Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
    dev.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: `rate(${s.everyMinutes} minute${s.everyMinutes === 1 ? '' : 's'})`,
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [fn![0], 'Arn'] },
        RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SchedulesSchedulerRole'), 'Arn'] },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
      }),
    });
  });

  it('lets the scheduler role invoke the scheduled functions and nothing else', () => {
    const role = Object.entries(resources(dev.template, 'AWS::IAM::Role')).find(([id]) => id.startsWith('SchedulesSchedulerRole'))!;
    expect(JSON.stringify(role[1].Properties.AssumeRolePolicyDocument)).toContain('scheduler.amazonaws.com');
    const policy = Object.values(resources(dev.template, 'AWS::IAM::Policy')).find((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role[0]))!;
    const actions = policy.Properties.PolicyDocument.Statement.flatMap((st: { Action: string | string[] }) => ([] as string[]).concat(st.Action));
    expect(new Set(actions)).toEqual(new Set(['lambda:InvokeFunction']));
  });

  it('logs each function to its own group with the stage retention', () => {
    const groups = resources(dev.template, 'AWS::Logs::LogGroup');
    const used = new Set<string>();
    for (const [, f] of fns) {
      expect(f.Properties.LoggingConfig).toMatchObject({ LogGroup: { Ref: expect.any(String) }, LogFormat: 'JSON' });
      const groupId = f.Properties.LoggingConfig.LogGroup.Ref as string;
      expect(groups[groupId]?.Properties.RetentionInDays).toBe(devConfig.logRetentionDays);
      used.add(groupId);
    }
    expect(used.size).toBe(fns.length);
    const prodGroup = Object.values(resources(prod.template, 'AWS::Logs::LogGroup'))[0]!;
    expect(prodGroup).toMatchObject({ DeletionPolicy: 'Retain', Properties: { RetentionInDays: loadStageConfig('prod').logRetentionDays } });
  });
});

describe('the HTTP API', () => {
  const httpApiId = () => Object.entries(resources(dev.template, 'AWS::ApiGatewayV2::Api')).find(([, a]) => a.Properties.ProtocolType === 'HTTP')![0];
  const routeResources = () => Object.values(resources(dev.template, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties).filter((r) => r.ApiId.Ref === httpApiId());

  it('declares exactly the routes of the route table, plus $default', () => {
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    const keys = routeResources().map((r) => r.RouteKey).sort();
    expect(keys).toEqual([...routes.map(routeKey), '$default'].sort());
  });

  it("sends each route to its context's function, and $default to meta (structured 404s)", () => {
    const integrations = resources(dev.template, 'AWS::ApiGatewayV2::Integration');
    const fns = ourFunctions(dev.template, 'dev');
    const contextOf = (target: { 'Fn::Join': [string, [string, { Ref: string }]] }) => {
      const integration = integrations[target['Fn::Join'][1][1].Ref]!;
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
      const fn = fns[integration.Properties.IntegrationUri['Fn::GetAtt'][0]]!;
      return String(fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).replace('dalpak-', '');
    };
    const declared = routeResources();
    for (const r of routes) expect(contextOf(declared.find((d) => d.RouteKey === routeKey(r))!.Target), routeKey(r)).toBe(r.fn);
    expect(contextOf(declared.find((d) => d.RouteKey === '$default')!.Target)).toBe('meta');
  });

  it('puts the Cognito JWT authorizer on staff routes and nothing else', () => {
    const authorizers = resources(dev.template, 'AWS::ApiGatewayV2::Authorizer');
    expect(Object.keys(authorizers)).toHaveLength(1);
    const [authorizerId, authorizer] = Object.entries(authorizers)[0]!;
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      // ProviderURL is https://cognito-idp.<region>.amazonaws.com/<pool id>: the `iss` of the pool's tokens.
      JwtConfiguration: { Audience: [{ Ref: expect.stringMatching(/^AuthStaffConsole/) }], Issuer: { 'Fn::GetAtt': [expect.stringMatching(/^AuthStaff[0-9A-F]+$/), 'ProviderURL'] } },
    });
    const declared = routeResources();
    expect(routes.some((r) => r.auth === 'staff') && routes.some((r) => r.auth !== 'staff')).toBe(true);
    const expected = [...routes.map((r) => [routeKey(r), r.auth] as const), ['$default', 'public'] as const];
    for (const [key, auth] of expected) {
      const route = declared.find((d) => d.RouteKey === key)!;
      if (auth === 'staff') {
        expect(route, key).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
      } else {
        expect(route.AuthorizationType, key).toBe('NONE');
        expect(route.AuthorizerId, key).toBeUndefined();
      }
    }
  });

  it('throttles the default stage from the stage config and writes access logs to a log group', () => {
    for (const [t, stage] of [[dev.template, 'dev'], [prod.template, 'prod']] as const) {
      const { throttle } = loadStageConfig(stage);
      t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit },
        AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiAccessLogs'), 'Arn'] }, Format: Match.stringLikeRegexp('routeKey') },
      });
    }
    expect(loadStageConfig('prod').throttle.rateLimit).not.toBe(devConfig.throttle.rateLimit);
  });
});

describe('staff identity', () => {
  it('has a Cognito pool without self sign-up, the three role groups and the branches attribute', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'branches', AttributeDataType: 'String', Mutable: true })]),
    });
    const groups = Object.values(resources(dev.template, 'AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName).sort();
    expect(groups).toEqual(['admin', 'clerk', 'manager']);
  });

  it('has an app client for password and SRP sign-in, without a secret or OAuth flows', () => {
    const client = Object.values(resources(dev.template, 'AWS::Cognito::UserPoolClient'))[0]!.Properties;
    expect(client.ExplicitAuthFlows).toEqual(expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']));
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toBeUndefined();
    expect(client.CallbackURLs).toBeUndefined();
  });

  it('lets the ID token carry custom:branches but never lets staff write it themselves', () => {
    const client = Object.values(resources(dev.template, 'AWS::Cognito::UserPoolClient'))[0]!.Properties;
    expect(client.ReadAttributes).toEqual(expect.arrayContaining(['email', 'name', 'custom:branches']));
    expect(client.WriteAttributes).toBeDefined(); // absent would mean "every writable attribute"
    expect(client.WriteAttributes).not.toContain('custom:branches');
  });

  it('keeps the prod pool (deletion protection, RETAIN), not the dev one', () => {
    prod.template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }) });
    dev.template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Delete', Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }) });
  });
});

describe('web hosting', () => {
  const distribution = () => Object.values(resources(dev.template, 'AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
  const siteBucketId = () => {
    const s3Origin = distribution().Origins.find((o: { Id: string }) => o.Id === distribution().DefaultCacheBehavior.TargetOriginId);
    return s3Origin.DomainName['Fn::GetAtt'][0] as string;
  };

  it('keeps the site bucket private, encrypted, logged and TLS-only', () => {
    const site = resources(dev.template, 'AWS::S3::Bucket')[siteBucketId()]!;
    expect(site.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: expect.any(String) } },
    });
    dev.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: siteBucketId() },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('serves the app from the bucket through origin access control, with the SPA rewrite and security headers', () => {
    const dist = distribution();
    dev.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const s3Origin = dist.Origins.find((o: { Id: string }) => o.Id === dist.DefaultCacheBehavior.TargetOriginId);
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] });
    expect(dist.DefaultRootObject).toBe('index.html');
    expect(dist.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    const [fnId] = Object.keys(resources(dev.template, 'AWS::CloudFront::Function'));
    expect(dist.DefaultCacheBehavior.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } }]);
    const [headersId, headers] = Object.entries(resources(dev.template, 'AWS::CloudFront::ResponseHeadersPolicy'))[0]!;
    expect(dist.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: headersId });
    const security = headers.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(security).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31_536_000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
    });
    const csp = security.ContentSecurityPolicy.ContentSecurityPolicy as string;
    for (const directive of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", 'wss:']) expect(csp).toContain(directive);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });

  it('forwards /api/* to the HTTP API: uncached, every method, all viewer headers but Host', () => {
    const dist = distribution();
    const api = dist.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/*');
    expect(api).toMatchObject({
      AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
      CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
      OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
      ViewerProtocolPolicy: 'https-only',
    });
    const apiOrigin = dist.Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId);
    expect(JSON.stringify(apiOrigin.DomainName)).toMatch(/"Fn::GetAtt":\["ApiHttp[0-9A-F]+","ApiEndpoint"\]/);
    expect(apiOrigin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    expect(apiOrigin.OriginAccessControlId).toBeUndefined();
  });

  it('deploys the built app and a config.json beside it, then invalidates the cache', () => {
    const [deployment] = Object.values(resources(dev.template, 'Custom::CDKBucketDeployment'));
    expect(deployment!.Properties).toMatchObject({
      DestinationBucketName: { Ref: siteBucketId() },
      DistributionId: { Ref: expect.stringMatching(/^WebCdn/) },
      DistributionPaths: ['/*'],
    });
    expect(deployment!.Properties.SourceObjectKeys).toHaveLength(2); // the app + config.json
    expect(webConfig).toEqual({ apiBase: '/api', wsUrl: '/ws' });
  });
});

describe('outputs', () => {
  it('prints the site URL, API URL, user pool and client ids', () => {
    const outputs = dev.template.findOutputs('*');
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['SiteUrl', 'ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName']));
    expect(JSON.stringify(outputs.SiteUrl!.Value)).toContain('DomainName');
    expect(outputs.UserPoolClientId!.Value).toEqual({ Ref: expect.stringMatching(/^AuthStaffConsole/) });
  });

  it('tags every stack with the app and the stage', () => {
    prod.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ Tags: Match.arrayWith([{ Key: 'app', Value: 'dalpak' }, { Key: 'stage', Value: 'prod' }]) })],
    });
  });
});
