// The HTTP API: one function per bounded context, one route per entry of the route table.
import { CfnStage, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { contexts, routes, type ContextName } from '../functions/routes';
import { routeLimits } from '../functions/route-limits';
import type { Auth } from './auth';
import type { StageConfig } from './config';
import { DalpakFunction, type TableAccess } from './function';

/**
 * Table access per context (least privilege). meta only describes the table (health); identity
 * writes the staff session floor (http/sessions.ts) in AWS and the local user store on a laptop.
 * A context that starts writing must move to 'RW' here: DynamoDB Local does not check IAM, so
 * only AWS would notice.
 */
export const tableAccess: Record<ContextName, TableAccess> = { meta: 'RO', identity: 'RW', branches: 'RW', queue: 'RW', orders: 'RW', bookings: 'RW', notify: 'RW', insight: 'RW' };

/** What the staff directory calls in AWS (and nothing more). */
export const staffDirectoryActions = [
  'AdminCreateUser',
  'AdminGetUser',
  'AdminAddUserToGroup',
  'AdminRemoveUserFromGroup',
  'AdminListGroupsForUser',
  'AdminUpdateUserAttributes',
  'AdminDisableUser',
  'AdminDeleteUser',
  'AdminUserGlobalSignOut',
  'ListUsersInGroup',
] as const;

export interface ApiProps {
  config: StageConfig;
  table: ITableV2;
  auth: Auth;
}

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly functions: Record<ContextName, DalpakFunction>;
  /** What every function of the stage reads: the table and how staff sign in. */
  readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, { config, table, auth }: ApiProps) {
    super(scope, id);
    const environment = (this.environment = {
      TABLE_NAME: table.tableName,
      AUTH_MODE: 'cognito',
      COGNITO_USER_POOL_ID: auth.userPool.userPoolId,
      COGNITO_CLIENT_ID: auth.client.userPoolClientId,
    });
    this.functions = Object.fromEntries(
      (Object.keys(contexts) as ContextName[]).map((name) => {
        const f = new DalpakFunction(this, `Fn-${name}`, { context: name, config, environment });
        f.bindTable(table, tableAccess[name]);
        return [name, f];
      }),
    ) as Record<ContextName, DalpakFunction>;
    // Managers invite, change and remove staff through Cognito's admin API: the identity function
    // only (functions/identity/directory-cognito.ts), on this stage's pool only.
    this.functions.identity.fn.addToRolePolicy(
      new PolicyStatement({
        actions: staffDirectoryActions.map((a) => `cognito-idp:${a}`),
        resources: [auth.userPool.userPoolArn],
      }),
    );
    const integrations = Object.fromEntries(
      Object.entries(this.functions).map(([name, f]) => [name, new HttpLambdaIntegration(`To-${name}`, f.fn)]),
    ) as Record<ContextName, HttpLambdaIntegration>;

    this.httpApi = new HttpApi(this, 'Http', {
      apiName: `dalpak-${config.stage}`,
      description: 'Dalpak API (behind CloudFront at /api/*)',
      // Anything the table does not know reaches the meta function, which answers a structured 404.
      defaultIntegration: integrations.meta,
    });
    for (const r of routes) {
      new HttpRoute(this, `Route-${r.operationId}`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(r.path, HttpMethod[r.method]),
        integration: integrations[r.fn],
        authorizer: r.auth === 'staff' ? auth.authorizer : new HttpNoneAuthorizer(),
      });
    }

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.logRetentionDays,
      removalPolicy: config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const stage = this.httpApi.defaultStage!.node.defaultChild as CfnStage;
    stage.defaultRouteSettings = {
      throttlingRateLimit: config.throttle.rateLimit,
      throttlingBurstLimit: config.throttle.burstLimit,
      detailedMetricsEnabled: true,
    };
    // The open routes a script would hammer get tighter limits, never above the stage's own.
    stage.routeSettings = Object.fromEntries(
      routes.flatMap((r) => {
        const limit = routeLimits[r.operationId];
        if (!limit) return [];
        // RouteSettings is a free-form map in CloudFormation: its keys are written as the template wants them.
        return [[`${r.method} ${r.path}`, {
          ThrottlingRateLimit: Math.min(limit.rateLimit, config.throttle.rateLimit),
          ThrottlingBurstLimit: Math.min(limit.burstLimit, config.throttle.burstLimit),
          DetailedMetricsEnabled: true,
        }]];
      }),
    );
    // No query strings, bodies or tokens in access logs: they may carry personal data.
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
        time: '$context.requestTimeEpoch',
      }),
    };
  }
}
