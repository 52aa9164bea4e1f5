import { describe, expect, it } from 'vitest';
import { loadStageConfig, StageConfigError } from '../../lib/config';
import { cdkJsonContext, synth } from './synth';

const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

describe('stage configuration', () => {
  it('defaults to the dev stage, disposable, with the dev kind of settings', () => {
    expect(loadStageConfig(undefined)).toMatchObject({ stage: 'dev', protectData: false, logRetentionDays: 14, logLevel: 'INFO' });
  });

  it('protects data on production-like stages only', () => {
    expect(loadStageConfig('prod').protectData).toBe(true);
    expect(loadStageConfig('prod-eu').protectData).toBe(true);
    expect(loadStageConfig('staging').protectData).toBe(false);
    expect(loadStageConfig('pr-42').protectData).toBe(false);
  });

  it('reads the stage from the stage context (-c stage=…)', () => {
    expect(synth('qa').stack.stackName).toBe('Dalpak-qa');
    expect(cdkJsonContext.stage).toBe('dev');
  });

  it('applies cdk.json stage overrides, then -c settings on top', () => {
    const stages = { demo: { logRetentionDays: 30, throttle: { rateLimit: 5, burstLimit: 10 } } };
    expect(loadStageConfig('demo', undefined, stages)).toMatchObject({ logRetentionDays: 30, throttle: { rateLimit: 5, burstLimit: 10 } });
    expect(loadStageConfig('demo', '{"logRetentionDays": 7}', stages)).toMatchObject({ logRetentionDays: 7, throttle: { rateLimit: 5 } });
    expect(loadStageConfig('other', undefined, stages).logRetentionDays).toBe(14); // other stages untouched
  });

  it("accepts cdk.json's own stage entries", () => {
    for (const stage of Object.keys(cdkJsonContext.stages as object)) expect(() => loadStageConfig(stage, undefined, cdkJsonContext.stages)).not.toThrow();
  });

  it('accepts a custom domain with a us-east-1 certificate', () => {
    expect(loadStageConfig('prod', { domain: { name: 'queue.example.com', certificateArn } }).domain).toEqual({ name: 'queue.example.com', certificateArn });
  });

  it('refuses an invalid configuration, naming the setting', () => {
    const refusals: [unknown, unknown, RegExp][] = [
      ['Bad Stage', undefined, /stage: lower-case letters/],
      ['x', undefined, /stage:/],
      [42, undefined, /stage context must be a string/],
      ['dev', { logRetentionDays: 3 }, /logRetentionDays/],
      ['dev', { logLevel: 'TRACE' }, /logLevel/],
      ['dev', { throttle: { rateLimit: 0, burstLimit: 10 } }, /throttle\.rateLimit/],
      ['dev', { throttle: { rateLimit: 10 } }, /throttle\.burstLimit/],
      ['dev', { functionTimeoutSeconds: 60 }, /functionTimeoutSeconds/],
      ['dev', { logRetention: 14 }, /logRetention/], // a typo is not silently ignored
      ['dev', { stage: 'prod' }, /stage/], // the name comes from -c stage only
      ['dev', '{not json', /-c settings is not valid JSON/],
      ['prod', { domain: { name: 'queue.example.com', certificateArn: certificateArn.replace('us-east-1', 'eu-west-1') } }, /domain\.certificateArn: an ACM certificate ARN in us-east-1/],
      ['prod', { domain: { name: 'https://queue.example.com', certificateArn } }, /domain\.name/],
      ['prod', { domain: { name: 'queue.example.com' } }, /domain\.certificateArn/],
    ];
    for (const [stage, settings, message] of refusals) {
      expect(() => loadStageConfig(stage, settings), `${String(stage)} ${JSON.stringify(settings)}`).toThrow(message);
      expect(() => loadStageConfig(stage, settings)).toThrow(StageConfigError);
    }
  });

  it('names the cdk.json entry at fault', () => {
    expect(() => loadStageConfig('prod', undefined, { prod: { protectData: 'yes' } })).toThrow(/cdk\.json context stages\.prod.*protectData/);
  });

  it('fails synth before declaring anything when the configuration is invalid', () => {
    expect(() => synth('dev', { settings: '{"functionTimeoutSeconds": 60}' })).toThrow(/Invalid stage configuration for "dev".*functionTimeoutSeconds/);
    expect(() => synth('Prod!')).toThrow(/Invalid stage configuration for "Prod!": stage:/);
  });
});
