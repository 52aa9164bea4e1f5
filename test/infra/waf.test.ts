import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../lib/app';
import type { EdgeStack } from '../../lib/edge';
import { cdkJsonContext, resources } from './synth';

// Issue 7 limits: a WAF web ACL with a per-IP rate rule on CloudFront (made in us-east-1).
function build(stage: string, settings: Record<string, unknown> = {}) {
  return buildApp({ context: { ...cdkJsonContext, stage, 'aws:cdk:bundling-stacks': [], settings } });
}

describe('the CloudFront WAF', () => {
  const { app, stack, edge } = build('prod', { region: 'il-central-1' });
  const edgeTemplate = Template.fromStack(edge as EdgeStack);

  it('lives in us-east-1, scoped to CloudFront, apart from the stage in its own region', () => {
    expect(edge?.region).toBe('us-east-1');
    expect(stack.region).toBe('il-central-1');
    edgeTemplate.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    expect(app.node.findChild('Dalpak-prod-edge')).toBe(edge);
  });

  it('answers 429 to one address making more than the stage allows on the API in 5 minutes', () => {
    edgeTemplate.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'rate-per-ip',
          Priority: 0,
          Statement: { RateBasedStatement: Match.objectLike({ Limit: 3000, AggregateKeyType: 'IP', EvaluationWindowSec: 300, ScopeDownStatement: Match.objectLike({ ByteMatchStatement: Match.objectLike({ SearchString: '/api/' }) }) }) },
          Action: { Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'too-many' } } },
        }),
        Match.objectLike({ Name: 'aws-AWSManagedRulesKnownBadInputsRuleSet' }),
      ]),
    });
    const tuned = Template.fromStack(build('dev', { region: 'eu-west-1', waf: { apiRequestsPer5MinPerIp: 500 } }).edge as EdgeStack);
    tuned.hasResourceProperties('AWS::WAFv2::WebACL', { Rules: Match.arrayWith([Match.objectLike({ Name: 'rate-per-ip', Statement: { RateBasedStatement: Match.objectLike({ Limit: 500 }) } })]) });
  });

  it("is attached to the stage's distribution", () => {
    const [cdn] = Object.values(resources(Template.fromStack(stack), 'AWS::CloudFront::Distribution'));
    // A cross-region reference: resolved at deploy from the edge stack's export.
    expect(cdn?.Properties.DistributionConfig.WebACLId).toBeDefined();
    expect(JSON.stringify(cdn?.Properties.DistributionConfig.WebACLId)).toMatch(/WebAcl/);
  });

  it('is missing (with a warning) only when no region is known at synth', () => {
    const saved = process.env.CDK_DEFAULT_REGION;
    delete process.env.CDK_DEFAULT_REGION;
    try {
      const bare = build('dev');
      expect(bare.edge).toBeUndefined();
      Annotations.fromStack(bare.stack).hasWarning('*', Match.stringLikeRegexp('no CloudFront WAF'));
    } finally {
      if (saved !== undefined) process.env.CDK_DEFAULT_REGION = saved;
    }
  });
});

describe('per-route throttling of the open routes', () => {
  it('limits each listed route at API Gateway, never above the stage, and names only real routes', async () => {
    const { routeLimits } = await import('../../functions/route-limits');
    const { routes } = await import('../../functions/routes');
    const byId = new Map(routes.map((r) => [r.operationId, r]));
    expect(Object.keys(routeLimits).filter((id) => !byId.has(id))).toEqual([]);
    for (const stage of ['dev', 'prod']) {
      const { stack } = build(stage);
      const [apiStage] = Object.values(resources(Template.fromStack(stack), 'AWS::ApiGatewayV2::Stage')).filter((s) => s.Properties.StageName === '$default');
      const settings = apiStage!.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
      const stageLimit = apiStage!.Properties.DefaultRouteSettings.ThrottlingRateLimit as number;
      expect(Object.keys(settings)).toHaveLength(Object.keys(routeLimits).length);
      for (const [id, limit] of Object.entries(routeLimits)) {
        const r = byId.get(id)!;
        expect(settings[`${r.method} ${r.path}`], id).toEqual(expect.objectContaining({ ThrottlingRateLimit: Math.min(limit!.rateLimit, stageLimit) }));
      }
      // Password guessing is the tightest: 10 per second over everyone.
      expect(settings['POST /api/auth/sign-in']?.ThrottlingRateLimit).toBe(10);
    }
  });
});
