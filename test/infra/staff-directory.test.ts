import { describe, expect, it } from 'vitest';
import { staffDirectoryActions } from '../../lib/api';
import { resources, synth } from './synth';

// Managers invite and remove staff through Cognito's admin API (functions/identity/directory-cognito.ts).
// Only the identity function may, and only on the stage's own pool.
describe('staff directory permissions', () => {
  const { template } = synth('dev');
  const policies = Object.entries(resources(template, 'AWS::IAM::Policy'));
  const statements = (p: (typeof policies)[number][1]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Effect: string }[];
  const actions = (s: { Action: string | string[] }) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
  const cognitoAdmin = (a: string) => /^cognito-idp:(Admin|ListUsers|\*)/.test(a) || a === '*';
  const roleOf = (p: (typeof policies)[number][1]) => JSON.stringify(p.Properties.Roles);

  it('grants the Cognito admin actions to the identity function only, on the user pool ARN', () => {
    const holders = policies.filter(([, p]) => statements(p).some((s) => s.Effect === 'Allow' && actions(s).some(cognitoAdmin)));
    expect(holders).toHaveLength(1);
    const [, policy] = holders[0]!;
    expect(roleOf(policy)).toMatch(/FnidentityFn/);
    const granted = statements(policy).filter((s) => actions(s).some(cognitoAdmin));
    expect(granted).toHaveLength(1);
    expect([...actions(granted[0]!)].sort()).toEqual(staffDirectoryActions.map((a) => `cognito-idp:${a}`).sort());
    expect(granted[0]!.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^AuthStaff/), 'Arn'] });
  });

  it('never grants a Cognito wildcard', () => {
    for (const [, p] of policies) for (const s of statements(p)) for (const a of actions(s)) expect(a).not.toMatch(/^cognito-idp:\*|^cognito-idp:Admin\*/);
  });

  it("tells the identity function the pool's id", () => {
    const identity = Object.values(resources(template, 'AWS::Lambda::Function')).find((f) => String(f.Properties.Description ?? '').includes('Staff'));
    expect(identity?.Properties.Environment.Variables.COGNITO_USER_POOL_ID).toEqual({ Ref: expect.stringMatching(/^AuthStaff/) });
  });
});
