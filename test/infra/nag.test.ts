import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../lib/app';
import { cdkJsonContext, synth } from './synth';

// cdk-nag 3 is a CDK policy-validation plugin (Validations.of(app).addPlugins(...)), not an
// Aspect: its findings are a validation report that fails synth, not Annotations. So the
// checks below read that report, and prove that synth itself refuses an unacknowledged finding.
const findings = (app: Parameters<AwsSolutionsChecks['validateScope']>[0]) =>
  [new AwsSolutionsChecks(), new ServerlessChecks()]
    .flatMap((pack) => pack.validateScope(app).violations)
    .map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);

const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

describe('cdk-nag AwsSolutions and Serverless', () => {
  it('reports no unacknowledged finding, error or warning, on dev, prod, a stage with a domain and one with a region (its WAF stack too) and an alarm e-mail', () => {
    for (const { app } of [synth('dev'), synth('prod'), synth('prod', { settings: { domain: { name: 'queue.example.com', certificateArn } } }), synth('prod', { settings: { region: 'il-central-1', alarmEmail: 'ops@example.com' } })]) {
      expect(findings(app)).toEqual([]);
    }
  });

  it('is wired into the app, so `cdk synth` fails on a new unacknowledged finding', () => {
    const { app, stack } = buildApp({ context: { ...cdkJsonContext, stage: 'dev', 'aws:cdk:bundling-stacks': [] } });
    new Bucket(stack, 'Careless'); // no TLS-only policy, no access logs
    expect(findings(app)).toEqual(expect.arrayContaining([expect.stringMatching(/^error AwsSolutions-S1: Dalpak-dev\/Careless/), expect.stringMatching(/^error AwsSolutions-S10: Dalpak-dev\/Careless/)]));
    expect(() => Template.fromStack(stack)).toThrow(/Dalpak-dev\/Careless[\s\S]*AwsSolutions-S1/);
  });

  it('acknowledges narrowly: a function outside the API construct is still checked', () => {
    const { app, stack } = buildApp({ context: { ...cdkJsonContext, stage: 'dev', 'aws:cdk:bundling-stacks': [] } });
    new LambdaFunction(stack, 'Stray', { runtime: Runtime.NODEJS_20_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => 1'), timeout: Duration.seconds(3) });
    const stray = findings(app).filter((f) => f.includes('Dalpak-dev/Stray'));
    expect(stray).toEqual(expect.arrayContaining([expect.stringMatching(/^error AwsSolutions-IAM4\[Policy::.*AWSLambdaBasicExecutionRole\]/), expect.stringMatching(/^error AwsSolutions-L1/)]));
  });

  it('does not acknowledge the TLS floor (CFR4) once a stage has its own domain', () => {
    const { app } = synth('prod', { settings: { domain: { name: 'queue.example.com', certificateArn } } });
    const acknowledged = JSON.stringify(app.node.findAll().flatMap((c) => c.node.metadata.map((m) => m.data)));
    expect(acknowledged).not.toContain('AwsSolutions-CFR4');
    expect(JSON.stringify(synth('prod').app.node.findAll().flatMap((c) => c.node.metadata.map((m) => m.data)))).toContain('AwsSolutions-CFR4');
  });
});
