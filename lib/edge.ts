// The web ACL in front of CloudFront. CloudFront only takes a WAF web ACL made in us-east-1, so
// it lives in a small stack of its own there (Dalpak-<stage>-edge); the main stack reads its ARN
// through CDK's cross-region references.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import type { StageConfig } from './config';

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

const managed = (name: string, priority: number): CfnWebACL.RuleProperty => ({
  name: `aws-${name}`,
  priority,
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
  overrideAction: { none: {} },
  visibilityConfig: visibility(`dalpak-${name}`),
});

export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, config: StageConfig, props: StackProps) {
    super(scope, id, props);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `dalpak-${config.stage}`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`dalpak-${config.stage}`),
      customResponseBodies: {
        'too-many': { contentType: 'APPLICATION_JSON', content: '{"error":{"code":"too_many_requests","message":"Too many requests from this address; wait a few minutes."}}' },
      },
      rules: [
        {
          // One address hammering the API (a script hoarding tickets, a flood): 429 for a while.
          // Branch Wi-Fi puts many phones behind one address, hence a limit well above one person's use.
          name: 'rate-per-ip',
          priority: 0,
          statement: {
            rateBasedStatement: {
              limit: config.waf.apiRequestsPer5MinPerIp,
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              scopeDownStatement: { byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: 'STARTS_WITH', searchString: '/api/', textTransformations: [{ priority: 0, type: 'NONE' }] } },
            },
          },
          action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: 'too-many' } } },
          visibilityConfig: visibility('dalpak-rate-per-ip'),
        },
        managed('AWSManagedRulesCommonRuleSet', 1),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
        managed('AWSManagedRulesAmazonIpReputationList', 3),
      ],
    });
    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.attrArn });
  }
}
