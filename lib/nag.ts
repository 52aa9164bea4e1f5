// Every cdk-nag finding we accept (AwsSolutions and Serverless packs), in one place, each with its
// reason and on the narrowest scope that holds it. Fixed rather than acknowledged: S1/S10 (bucket access
// logs, TLS-only buckets), APIG1 (HTTP API access logs), CFR3 (CloudFront logs), CFR7 (OAC).
import { CfnElement, Stack, Token, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IConstruct } from 'constructs';
import type { Api } from './api';
import type { Auth } from './auth';
import type { StageConfig } from './config';
import type { Notifications } from './notifications';
import type { Observability } from './observability';
import type { Realtime } from './realtime';
import type { Schedules } from './schedules';
import type { StreamWorker } from './stream-consumer';
import type { Web } from './web';

export interface NagParts {
  config: StageConfig;
  api: Api;
  auth: Auth;
  web: Web;
  table: ITableV2;
  realtime: Realtime;
  schedules: Schedules;
  integrations: StreamWorker;
  notifications: Notifications;
  insight: StreamWorker;
  observability: Observability;
  /** The distribution has CloudFront's WAF (lib/edge.ts): only when the region is known at synth. */
  hasWaf: boolean;
}

const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });

/** CDK's BucketDeployment handler is a stack-level singleton ("Custom::CDKBucketDeployment<hash>"). */
function bucketDeploymentHandler(stack: Stack): IConstruct {
  const found = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!found) throw new Error('lib/nag.ts: the BucketDeployment handler was not found; did lib/web.ts stop deploying the app?');
  return found;
}

export function acknowledgeFindings(stack: Stack, { config, api, auth, web, table, realtime, schedules, integrations, notifications, insight, observability, hasWaf }: NagParts): void {
  const deployer = bucketDeploymentHandler(stack);
  // Findings name the region and account as the stack knows them: literal when the stage pins them.
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;

  // --- Our functions (under the Api, Realtime and Schedules constructs)
  // The index grant names the stack's table by reference, or an adopted (restored) table by ARN.
  const own = table.node.defaultChild as CfnElement | undefined;
  const tableIndexes = own
    ? `<${stack.getLogicalId(own)}.Arn>/index/*`
    : `arn:<AWS::Partition>:dynamodb:${region}:${account}:table/${config.adoptTable?.name}/index/*`;
  for (const scope of [api, realtime, schedules, integrations, notifications, insight]) {
    ack(scope, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AWSLambdaBasicExecutionRole only lets a function create and write its own CloudWatch log streams.');
    ack(scope, `AwsSolutions-IAM5[Resource::${tableIndexes}]`,
      "The functions query this table's own GSI (gsi1); the grant is limited to this one table's indexes.");
    ack(scope, 'AwsSolutions-IAM5[Resource::*]',
      scope === notifications
        ? 'Active X-Ray tracing (xray:PutTraceSegments/PutTelemetryRecords) and SMS by SNS (sns:Publish to a phone number) support no resource-level permissions; publishing to topics is denied by the sns:Protocol condition.'
        : 'Active X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.');
    ack(scope, 'AwsSolutions-L1',
      'Node.js 22 is pinned on purpose: it is the runtime the code, its bundling target (node22) and the tests are checked against; moving to a newer runtime is a deliberate upgrade.');
    ack(scope, 'Serverless-LambdaLatestVersion',
      'Node.js 22 is pinned on purpose: it is the runtime the code, its bundling target (node22) and the tests are checked against; moving to a newer runtime is a deliberate upgrade.');
    ack(scope, 'Serverless-LambdaDLQ',
      scope === api || scope === realtime
        ? 'Invoked synchronously (API Gateway, WebSocket routes) or by a stream mapping whose on-failure queue is alarmed: an async dead-letter queue would never receive anything.'
        : scope === schedules
          ? 'Each scheduled job is an idempotent sweep that EventBridge Scheduler runs again within minutes (with its own retries); a failed run leaves nothing to replay.'
          : "Invoked only by a DynamoDB stream mapping, whose on-failure queue (alarmed, re-driven with `npm run redrive`) is this function's dead-letter queue.");
  }

  // --- Observability: the alarm topic's e-mail subscription (only when alarmEmail is set)
  ack(observability, 'Serverless-SNSRedrivePolicy',
    "The alarm e-mail subscription: an undelivered alarm e-mail stays visible as the alarm's state in CloudWatch and on the stage's dashboard; a dead-letter queue for it would need its own alarm.");

  // --- Notifications: the Web Push key pair
  ack(notifications.vapidSecret, 'AwsSolutions-SMG4',
    'The VAPID key pair is the identity browsers subscribed with: rotating it invalidates every push subscription, so it is replaced by hand, deliberately (README: Operations).');

  // --- Realtime: the WebSocket API
  const wsId = stack.getLogicalId(realtime.api.node.defaultChild as CfnElement);
  ack(realtime, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:${region}:${account}:<${wsId}>/*/*/@connections/*]`,
    "execute-api:ManageConnections on this one WebSocket API's connections: connection ids are only known at run time.");
  ack(realtime.api, 'AwsSolutions-APIG4',
    'Boards and customers have no account, so $connect is anonymous; every subscribe message is authorized in the handler (staff JWT of the branch, or the item\'s own customer token) and a socket only ever receives "topic changed".');
  for (const queue of [realtime.deadLetters, integrations.deadLetters, notifications.deadLetters, insight.deadLetters]) {
    ack(queue, 'AwsSolutions-SQS3', "This queue is a stream mapping's on-failure destination (a dead-letter queue nag cannot see as one); its depth is alarmed.");
    ack(queue, 'Serverless-SQSRedrivePolicy', 'This queue is itself a dead-letter queue (a stream mapping\'s on-failure destination); `npm run redrive` drains it.');
  }
  for (const [id, fn] of Object.entries(schedules.functions)) {
    const fnId = stack.getLogicalId(fn.fn.node.defaultChild as CfnElement);
    ack(schedules, `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`, `The scheduler's role may invoke the ${id} function and its versions (CDK grants <arn>:*), nothing else.`);
  }

  // --- CDK's own BucketDeployment function (copies the built app into the site bucket)
  ack(deployer, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    "CDK's BucketDeployment handler: the AWS-managed basic execution role only writes its own logs.");
  ack(deployer, 'AwsSolutions-L1', "CDK's BucketDeployment handler: its runtime is chosen and updated by aws-cdk-lib, not by us.");
  ack(deployer, 'Serverless-LambdaLatestVersion', "CDK's BucketDeployment handler: its runtime is chosen and updated by aws-cdk-lib, not by us.");
  ack(deployer, 'Serverless-LambdaDLQ', "CDK's BucketDeployment handler runs synchronously inside a CloudFormation deploy, which reports its failure.");
  ack(deployer, 'Serverless-LambdaTracing', "CDK's BucketDeployment handler runs only during a deploy; its configuration belongs to aws-cdk-lib.");
  ack(deployer, 'AwsSolutions-IAM5[Resource::*]',
    "CDK's BucketDeployment handler invalidates the distribution after a deploy; cloudfront:CreateInvalidation/GetInvalidation are granted on * by CDK.");
  const siteId = stack.getLogicalId(web.bucket.node.defaultChild as CfnElement);
  for (const finding of [
    'Action::s3:GetBucket*',
    'Action::s3:GetObject*',
    'Action::s3:List*',
    'Action::s3:Abort*',
    'Action::s3:DeleteObject*',
    `Resource::<${siteId}.Arn>/*`,
    `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${account}-${region}/*`,
  ]) {
    ack(deployer, `AwsSolutions-IAM5[${finding}]`,
      "CDK's BucketDeployment handler: reads the CDK asset bucket and replaces the objects of this stack's site bucket, nothing else.");
  }

  // --- API: staff routes have the Cognito JWT authorizer; the others are public by design.
  ack(api, 'AwsSolutions-APIG4',
    "Public routes serve anonymous customers, kiosks and boards; a customer's own order or ticket is guarded by its unguessable token in the handler, staff routes by the JWT authorizer; $default only answers 404.");

  // --- Cognito: a staff pool without self sign-up, created by managers.
  ack(auth, 'AwsSolutions-COG2', 'Staff MFA (TOTP) is not enforced yet: there is no self sign-up, passwords are 12+ characters, sessions last one shift and are revoked per person on removal, and sign-in is throttled per route and per address (WAF).');
  ack(auth, 'AwsSolutions-COG8', 'Threat protection needs the Plus feature plan (a per-stage cost decision); sign-in is throttled per route (10/s) and per address (WAF) meanwhile.');

  // --- CloudFront
  ack(web, 'AwsSolutions-CFR1', 'A public service for customers anywhere: no geo restriction.');
  if (!hasWaf) {
    ack(web, 'AwsSolutions-CFR2',
      'No region was known at synth, so the WAF stack (lib/edge.ts, us-east-1) could not be referenced; deploying with a region adds it. API Gateway stage and route throttling apply meanwhile.');
  }
  if (!config.domain) {
    ack(web, 'AwsSolutions-CFR4',
      'No custom domain is configured for this stage, so CloudFront serves its default *.cloudfront.net certificate, whose TLS floor cannot be raised; set `domain` in the stage config to get TLSv1.2_2021.');
  }
}
