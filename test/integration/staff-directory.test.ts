import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, table } from '../../functions/data/client';
import { keys } from '../../functions/data/keys';
import { seedStaffUser } from '../../functions/data/staff-repo';
import { hashPassword } from '../../functions/identity/passwords';
import { demoPassword } from '../../functions/seed/demo';
import { verifyStaffToken } from '../../functions/realtime/staff-token';
import { UnauthorizedError } from '../../functions/domain/errors';
import { call, signIn } from '../support/api';

// Issue 7: managers invite, change and remove the staff of their branches (the local user store
// here; Cognito's admin API in AWS). Real handlers through the local dispatcher, DynamoDB Local.
const tlv = 'tel-aviv-center';
const haifa = 'haifa-port';
const run = Date.now().toString(36);
const emailOf = (who: string) => `${who}.${run}@dalpak.test`;

let admin: string;
let manager: string; // both branches
let haifaManager: string; // haifa only
const haifaManagerEmail = emailOf('haifa.manager');

const staffPath = (branch: string, rest = '') => `/api/branches/${branch}/staff${rest}`;
const list = (branch: string, token: string) => call('GET', staffPath(branch), { token });
const invite = (branch: string, token: string, body: Record<string, unknown>) => call('POST', staffPath(branch), { token, body });
const signInWith = (email: string, password: string, newPassword?: string) => call('POST', '/api/auth/sign-in', { body: { email, password, newPassword } });
const ownPassword = `Own-password-${run}`;
/** An invited person's first sign-in: the temporary password and their own (then only their own works). */
const firstSignIn = (email: string, temporary: string) => signInWith(email, temporary, ownPassword);
const userItem = async (email: string) => (await db.send(new GetCommand({ TableName: table(), Key: keys.staffUser(email), ConsistentRead: true }))).Item;

beforeAll(async () => {
  await seedStaffUser({ email: haifaManagerEmail, name: 'Haifa Only', roles: ['manager'], branches: [haifa], passwordHash: await hashPassword(demoPassword) });
  [admin, manager, haifaManager] = await Promise.all([signIn('admin@dalpak.test'), signIn('manager@dalpak.test'), signIn(haifaManagerEmail)]);
});

describe('a manager invites a clerk', () => {
  const email = emailOf('new.clerk');
  let password: string;
  let clerkId: string;

  it('creates the clerk on that branch only, with a temporary password shown once', async () => {
    const res = await invite(tlv, manager, { email, name: 'Noa New', role: 'clerk' });
    expect(res.status).toBe(201);
    expect(res.body.member).toMatchObject({ email, name: 'Noa New', roles: ['clerk'], branches: [tlv], status: 'invited' });
    expect(res.body.temporaryPassword).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    password = res.body.temporaryPassword;
    clerkId = res.body.member.id;
    // Only its hash is kept.
    expect(JSON.stringify(await userItem(email))).not.toContain(password);
  });

  it('lists them among the people of the branch, not of the other branch', async () => {
    const people = (await list(tlv, manager)).body.people as { id: string; email: string; status: string }[];
    expect(people.find((p) => p.id === clerkId)).toMatchObject({ email, status: 'invited' });
    expect(people.map((p) => p.email)).toEqual(expect.arrayContaining(['manager@dalpak.test', 'clerk.tlv@dalpak.test', 'admin@dalpak.test']));
    expect(people.map((p) => p.email)).not.toContain('clerk.haifa@dalpak.test');
    expect(((await list(haifa, manager)).body.people as { id: string }[]).map((p) => p.id)).not.toContain(clerkId);
  });

  it('lets the clerk sign in, choosing their own password, and act on that branch only; active from then on', async () => {
    const asked = await signInWith(email, password);
    expect(asked.status).toBe(409);
    expect(asked.body.error).toMatchObject({ code: 'new_password_required', fields: [{ field: 'body.newPassword', reason: expect.any(String) }] });
    expect((await signInWith(email, password, 'short')).status).toBe(400);
    const res = await firstSignIn(email, password);
    expect(res.status).toBe(200);
    // The temporary password is spent; their own opens from now on.
    expect((await signInWith(email, password)).status).toBe(401);
    expect((await signInWith(email, ownPassword)).status).toBe(200);
    expect(res.body.user).toMatchObject({ id: clerkId, roles: ['clerk'], branches: [tlv] });
    const token = res.body.token as string;
    expect((await call('GET', `/api/branches/${tlv}/queue`, { token })).status).toBe(200);
    expect((await call('GET', `/api/branches/${haifa}/queue`, { token })).status).toBe(403);
    // A clerk does not manage people.
    expect((await list(tlv, token)).status).toBe(403);
    expect((await invite(tlv, token, { email: emailOf('by.clerk'), name: 'X', role: 'clerk' })).status).toBe(403);
    const people = (await list(tlv, manager)).body.people as { id: string; status: string }[];
    expect(people.find((p) => p.id === clerkId)?.status).toBe('active');
  });

  it('refuses a second invitation of the same email (409), whatever its case', async () => {
    const res = await invite(tlv, manager, { email: email.toUpperCase(), name: 'Again', role: 'clerk' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('already_staff');
  });
});

describe('what a manager of one branch may not do', () => {
  it('invite into or list another branch (403)', async () => {
    expect((await list(tlv, haifaManager)).status).toBe(403);
    const res = await invite(tlv, haifaManager, { email: emailOf('intruder'), name: 'In Truder', role: 'clerk' });
    expect(res.status).toBe(403);
    // Nor grant a branch they do not hold while inviting into their own.
    const wide = await invite(haifa, haifaManager, { email: emailOf('wide'), name: 'Wide', role: 'clerk', branches: [haifa, tlv] });
    expect(wide.status).toBe(403);
    expect(wide.body.error.fields).toEqual([{ field: 'body.branches', reason: expect.stringContaining(tlv) }]);
    expect(await userItem(emailOf('intruder'))).toBeUndefined();
    expect(await userItem(emailOf('wide'))).toBeUndefined();
  });

  it('make an admin (403), which an admin may', async () => {
    const res = await invite(haifa, haifaManager, { email: emailOf('would.be.admin'), name: 'Would Be', role: 'admin' });
    expect(res.status).toBe(403);
    expect(res.body.error.fields).toEqual([{ field: 'body.role', reason: expect.any(String) }]);
    expect(await userItem(emailOf('would.be.admin'))).toBeUndefined();
    const byAdmin = await invite(haifa, admin, { email: emailOf('real.admin'), name: 'Real Admin', role: 'admin', branches: ['*'] });
    expect(byAdmin.status).toBe(201);
  });

  it('remove or demote themselves (409)', async () => {
    const me = ((await list(haifa, haifaManager)).body.people as { id: string; email: string }[]).find((p) => p.email === haifaManagerEmail)!;
    const removal = await call('POST', staffPath(haifa, `/${me.id}/remove`), { token: haifaManager, body: {} });
    expect(removal.status).toBe(409);
    expect(removal.body.error.code).toBe('self_removal');
    const demotion = await call('PATCH', staffPath(haifa, `/${me.id}`), { token: haifaManager, body: { role: 'clerk' } });
    expect(demotion.status).toBe(409);
    expect((await userItem(haifaManagerEmail))?.roles).toEqual(['manager']);
  });
});

describe('removal', () => {
  it("ends the person's sign-in and refuses their existing token on staff routes", async () => {
    const email = emailOf('leaving');
    const invited = await invite(tlv, manager, { email, name: 'Lea Leaving', role: 'clerk' });
    const token = (await firstSignIn(email, invited.body.temporaryPassword)).body.token as string;
    expect((await call('GET', `/api/branches/${tlv}/queue`, { token })).status).toBe(200);
    expect((await verifyStaffToken(token)).roles).toEqual(['clerk']);

    const res = await call('POST', staffPath(tlv, `/${invited.body.member.id}/remove`), { token: manager, body: { version: invited.body.member.version } });
    // Their first sign-in (own password, active) made a new version: the one seen at the invitation is stale.
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('stale');
    const fresh = ((await list(tlv, manager)).body.people as { id: string; version: number }[]).find((p) => p.id === invited.body.member.id)!;
    const removed = await call('POST', staffPath(tlv, `/${fresh.id}/remove`), { token: manager, body: { version: fresh.version } });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ outcome: 'removed' });

    expect((await signInWith(email, ownPassword)).status).toBe(401);
    const refused = await call('GET', `/api/branches/${tlv}/queue`, { token });
    expect(refused.status).toBe(401);
    // Nor may it start listening on the live channel (WebSocket subscriptions verify it themselves).
    await expect(verifyStaffToken(token)).rejects.toThrow(UnauthorizedError);
    expect(await userItem(email)).toBeUndefined();
    expect(((await list(tlv, manager)).body.people as { id: string }[]).map((p) => p.id)).not.toContain(fresh.id);
  });

  it('takes only this branch from someone who also serves a branch the remover does not hold', async () => {
    const email = emailOf('two.branches');
    const invited = await invite(haifa, manager, { email, name: 'Two Branches', role: 'clerk', branches: [haifa, tlv] });
    expect(invited.status).toBe(201);
    const res = await call('POST', staffPath(haifa, `/${invited.body.member.id}/remove`), { token: haifaManager, body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'left_branch', member: { branches: [tlv] } });
    expect((await userItem(email))?.branches).toEqual([tlv]);
    expect((await firstSignIn(email, invited.body.temporaryPassword)).body.user.branches).toEqual([tlv]);
  });

  it('refuses the tokens of a person whose role changed, until they sign in again', async () => {
    const email = emailOf('promoted');
    const invited = await invite(tlv, manager, { email, name: 'Pro Moted', role: 'clerk' });
    const old = (await firstSignIn(email, invited.body.temporaryPassword)).body.token as string;
    const changed = await call('PATCH', staffPath(tlv, `/${invited.body.member.id}`), { token: manager, body: { role: 'manager' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ roles: ['manager'], branches: [tlv] });
    expect((await call('GET', `/api/branches/${tlv}/queue`, { token: old })).status).toBe(401);
    const again = await signInWith(email, ownPassword);
    expect(again.body.user.roles).toEqual(['manager']);
    expect((await list(tlv, again.body.token)).status).toBe(200);
  });
});

describe('races and bad input', () => {
  it('makes one user of two invitations of one email at once; the other gets 409', async () => {
    const email = emailOf('racing');
    const [a, b] = await Promise.all([
      invite(tlv, manager, { email, name: 'Racer One', role: 'clerk' }),
      invite(tlv, admin, { email, name: 'Racer Two', role: 'manager' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const winner = a.status === 201 ? a : b;
    const people = ((await list(tlv, admin)).body.people as { email: string; name: string }[]).filter((p) => p.email === email);
    expect(people).toEqual([expect.objectContaining({ name: winner.body.member.name })]);
  });

  it('answers 400 naming the field and stores nothing', async () => {
    const before = (await db.send(new ScanCommand({ TableName: table(), Select: 'COUNT', ConsistentRead: true }))).Count;
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not-an-email', name: 'Bad Mail', role: 'clerk' }, 'body.email'],
      [{ email: emailOf('no.name'), name: '   ', role: 'clerk' }, 'body.name'],
      [{ email: emailOf('bad.role'), name: 'Bad Role', role: 'owner' }, 'body.role'],
      [{ email: emailOf('bad.branch'), name: 'Bad Branch', role: 'clerk', branches: ['Not A Slug'] }, 'body.branches.0'],
      [{ email: emailOf('extra'), name: 'Extra', role: 'clerk', password: 'x' }, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await invite(tlv, manager, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    // A branch that does not exist (an admin may grant any): 400 on branches.
    const ghost = await invite(tlv, admin, { email: emailOf('ghost'), name: 'Ghost', role: 'clerk', branches: [tlv, 'no-such-branch'] });
    expect(ghost.status).toBe(400);
    expect(ghost.body.error.fields).toEqual([{ field: 'body.branches', reason: expect.stringContaining('no-such-branch') }]);
    const update = await call('PATCH', staffPath(tlv, '/nobody'), { token: manager, body: {} });
    expect(update.status).toBe(400);
    const after = (await db.send(new ScanCommand({ TableName: table(), Select: 'COUNT', ConsistentRead: true }))).Count;
    expect(after).toBe(before);
  });
});
