import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../lib/config';
import { ourFunctions, resources, synth } from './synth';

// The runbook's point-in-time recovery: the stage switches to a restored table by config.
const restored = 'dalpak-prod-restored-1123';
const streamArn = `arn:aws:dynamodb:il-central-1:123456789012:table/${restored}/stream/2026-11-23T10:00:00.000`;

describe('adopting a restored table', () => {
  const { template } = synth('prod', { settings: { adoptTable: { name: restored, streamArn } } });
  const json = JSON.stringify(template.toJSON());

  it('declares no table of its own and points every function at the restored one', () => {
    expect(Object.keys(resources(template, 'AWS::DynamoDB::GlobalTable'))).toEqual([]);
    const fns = Object.values(ourFunctions(template, 'prod'));
    expect(fns.length).toBeGreaterThan(5);
    for (const f of fns) expect(f.Properties.Environment.Variables.TABLE_NAME).toBe(restored);
  });

  it("reads the restored table's stream in every consumer and grants access to that table only", () => {
    const mappings = Object.values(resources(template, 'AWS::Lambda::EventSourceMapping')).filter((m) => String(JSON.stringify(m.Properties.EventSourceArn)).includes('dynamodb'));
    expect(mappings.length).toBeGreaterThanOrEqual(4);
    for (const m of mappings) expect(m.Properties.EventSourceArn).toBe(streamArn);
    expect(json).toContain(`:table/${restored}`);
    expect(json).not.toContain(':table/dalpak-prod"');
  });

  it('keeps the own table when nothing is adopted (the normal case)', () => {
    expect(Object.keys(resources(synth('prod').template, 'AWS::DynamoDB::GlobalTable'))).toHaveLength(1);
  });

  it('refuses a stream of another table, or a name that is not a table name', () => {
    expect(() => loadStageConfig('prod', { adoptTable: { name: 'other-table', streamArn } })).toThrow(/adoptTable.streamArn: the stream ARN belongs to another table/);
    expect(() => loadStageConfig('prod', { adoptTable: { name: 'a b', streamArn } })).toThrow(/adoptTable.name/);
  });
});
