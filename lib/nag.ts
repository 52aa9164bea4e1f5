// Every cdk-nag AwsSolutions finding we accept, in one place, each with its reason.
import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Api } from './api';
import type { Auth } from './auth';
import type { Web } from './web';

export function acknowledgeFindings(stack: Stack, parts: { api: Api; auth: Auth; web: Web; table: TableV2 }): void {
  const ack = (scope: Parameters<typeof Validations.of>[0], id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });

  // Lambda: CDK's basic execution role uses the AWS-managed policy for writing its own logs.
  ack(stack, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'The AWS-managed basic execution role only lets a function write its own logs.');
  // Wildcards, finding by finding. The table grant covers its indexes (the functions query gsi1);
  // X-Ray's PutTraceSegments has no resource-level permissions.
  const tableId = stack.getLogicalId(parts.table.node.defaultChild as CfnElement);
  ack(parts.api, `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`, 'Functions query the table\'s own GSI (gsi1); the grant is limited to this table\'s indexes.');
  ack(stack, 'AwsSolutions-IAM5[Resource::*]', 'X-Ray tracing (PutTraceSegments, PutTelemetryRecords) supports no resource-level permissions.');
  // BucketDeployment's own function copies the built app from the CDK asset bucket into the site bucket.
  const siteId = stack.getLogicalId(parts.web.bucket.node.defaultChild as CfnElement);
  for (const finding of ['Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*', 'Action::s3:Abort*', 'Action::s3:DeleteObject*', `Resource::<${siteId}.Arn>/*`, 'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*']) {
    ack(stack, `AwsSolutions-IAM5[${finding}]`, 'CDK BucketDeployment: read the asset bucket, replace the objects of the site bucket, nothing else.');
  }
  // BucketDeployment and autoDeleteObjects are CDK's own singleton functions; their runtime is CDK's choice.
  ack(stack, 'AwsSolutions-L1', 'Only CDK-provided helper functions (BucketDeployment, auto-delete) are flagged; ours run nodejs22.x.');

  // API: staff routes have the Cognito JWT authorizer; the rest are public by design
  // (customers have no account: their item's token is checked by the handler).
  ack(parts.api, 'AwsSolutions-APIG4', 'Public routes are for anonymous customers and boards; each customer item is guarded by its own token in the handler, staff routes by the JWT authorizer.');

  // Cognito: staff pool for a demo/first deployment; MFA and threat protection are a plan upgrade (issue 7).
  ack(parts.auth, 'AwsSolutions-COG2', 'MFA for staff is planned with the identity issue; the pool has no self sign-up.');
  ack(parts.auth, 'AwsSolutions-COG3', 'Threat protection needs the Plus feature plan; the Essentials plan is used for now.');
  ack(parts.auth, 'AwsSolutions-COG8', 'The Plus plan (threat protection) is an operator choice per stage; a handful of staff accounts do not need it to start.');

  // CloudFront: no custom domain yet, so the default certificate (and its TLS floor) is used;
  // no geo restriction for a public service; WAF comes with the identity/limits issue.
  ack(parts.web, 'AwsSolutions-CFR1', 'A public service: no geo restriction.');
  ack(parts.web, 'AwsSolutions-CFR2', 'WAF with a rate-based rule comes with the limits work (issue 7); API Gateway throttles meanwhile.');
  ack(parts.web, 'AwsSolutions-CFR4', 'Without a custom domain CloudFront uses its default certificate, which allows TLSv1.');
  ack(parts.web, 'AwsSolutions-S1', 'The access-log bucket itself is not logged (it would log into itself).');
}
