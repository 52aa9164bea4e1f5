import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type CallResult } from '../support/api';
import { kioskCall } from '../support/devices';
import { listOutbox, type StoredMessage } from '../../functions/data/outbox';
import { putBranchSetup } from '../../functions/data/setup-repo';
import { getPhoneVerification } from '../../functions/data/phone-verifications-repo';
import { demoBranches } from '../../functions/seed/demo';
import { queryAll } from '../../functions/data/items';

// Issue 7's optional phone verification before a remote ticket, through the real routes against
// DynamoDB Local: a branch that turns it on, codes by SMS in the outbox, wrong codes, locks, the
// per-phone limit, the token spent by one ticket, and kiosks untouched.
const branchId = 'tel-aviv-center';
const demo = demoBranches.find((b) => b.branch.id === branchId)!;
const allDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));
const setVerification = (verifyPhone: boolean) =>
  putBranchSetup({ ...demo, branch: { ...demo.branch, hours: allDay, exceptions: [], ...(verifyPhone && { remoteJoin: { verifyPhone: true } }) } });

// A phone of its own per test (the per-phone limit would otherwise leak between tests).
const newPhone = () => `05${randomInt(10_000_000, 99_999_999)}`;
const start = (phone: string, language: 'he' | 'en' = 'en') => call('POST', `/api/branches/${branchId}/phone-verifications`, { body: { phone, language } });
const confirm = (verificationId: string, code: string) => call('POST', `/api/phone-verifications/${verificationId}`, { body: { code } });
const join = (body: Record<string, unknown>) => call('POST', `/api/branches/${branchId}/tickets`, { body: { serviceId: 'general', channel: 'mobile', language: 'en', ...body } });

const digits = (p: string) => p.replace(/\D/g, '');
async function codeSentTo(phone: string): Promise<{ code: string; message: StoredMessage }> {
  const mine = (await listOutbox()).filter((m) => m.template === 'phone_code' && digits(m.to.phone ?? '') === digits(phone));
  const message = mine.sort((a, b) => a.createdAt - b.createdAt).at(-1)!;
  expect(message, 'a phone_code message to the phone').toBeDefined();
  return { code: String(message.params.code), message };
}
const wrongCodeOf = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function verifiedToken(phone: string): Promise<string> {
  const started = await start(phone);
  expect(started.status).toBe(201);
  const { code } = await codeSentTo(phone);
  const confirmed = await confirm(started.body.verificationId, code);
  expect(confirmed.status).toBe(200);
  return confirmed.body.verificationToken;
}

beforeAll(() => setVerification(true));
afterAll(() => setVerification(false));

describe('a branch that asks remote customers to confirm their phone', () => {
  it('says so in its public detail', async () => {
    expect((await call('GET', `/api/branches/${branchId}`)).body.remoteJoin).toEqual({ verifyPhone: true });
    expect((await call('GET', '/api/branches/haifa-port')).body.remoteJoin).toEqual({ verifyPhone: false });
  });

  it('refuses a remote join without a phone or without a token (403 phone_unverified at the field)', async () => {
    const noPhone = await join({ deviceId: 'device-no-phone-1' });
    expect(noPhone.status).toBe(403);
    expect(noPhone.body.error.code).toBe('phone_unverified');
    expect(noPhone.body.error.fields).toEqual([{ field: 'body.contact.phone', reason: 'required by this branch' }]);
    const noToken = await join({ contact: { phone: newPhone() } });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.fields[0].field).toBe('body.phoneVerification');
  });

  it('sends the code by SMS, then the right code gives a token that takes one ticket, for that phone only', async () => {
    const phone = newPhone();
    const started = await start(phone, 'he');
    expect(started.status).toBe(201);
    expect(started.body.expiresAt - Date.now()).toBeGreaterThan(9 * 60_000);
    const { code, message } = await codeSentTo(phone);
    expect(code).toMatch(/^\d{6}$/);
    expect(message.language).toBe('he');
    expect(message.params.branchId).toBe(branchId);
    // Only the code's hash is kept with the verification.
    const stored = await getPhoneVerification(started.body.verificationId);
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(JSON.stringify(stored)).not.toContain(digits(phone));

    const wrong = await confirm(started.body.verificationId, wrongCodeOf(code));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('wrong_code');
    expect(wrong.body.error.details.attemptsLeft).toBe(4);
    expect(wrong.body.error.fields[0].field).toBe('body.code');

    const right = await confirm(started.body.verificationId, code);
    expect(right.status).toBe(200);
    const token = right.body.verificationToken as string;
    expect(token.startsWith(`${started.body.verificationId}.`)).toBe(true);
    expect(JSON.stringify(await getPhoneVerification(started.body.verificationId))).not.toContain(token.split('.')[1]);

    const otherPhone = await join({ contact: { phone: newPhone() }, phoneVerification: token });
    expect(otherPhone.status).toBe(403);
    expect(otherPhone.body.error.fields).toEqual([{ field: 'body.phoneVerification', reason: 'verified for another phone' }]);

    // Another spelling of the same number is the same phone.
    const international = `+972 ${digits(phone).slice(1)}`;
    const taken = await join({ contact: { phone: international }, phoneVerification: token });
    expect(taken.status).toBe(201);
    expect(taken.body.ticket.number).toMatch(/^[A-Z]\d{3}$/);
    expect((await getPhoneVerification(started.body.verificationId))!.status).toBe('used');

    // Used once: after cancelling, the same token takes nothing.
    expect((await call('POST', `/api/tickets/${taken.body.ticket.id}/actions`, { customerToken: taken.body.token, body: { action: 'cancel' } })).status).toBe(200);
    const again = await join({ contact: { phone }, phoneVerification: token });
    expect(again.status).toBe(403);
    expect(again.body.error.fields[0].reason).toBe('already used for a ticket');

    // A confirmed code cannot be confirmed twice.
    expect((await confirm(started.body.verificationId, code)).body.error.code).toBe('code_used');
  });

  it('locks a code after 5 wrong ones: even the right one is refused then', async () => {
    const phone = newPhone();
    const started = await start(phone);
    const { code } = await codeSentTo(phone);
    const left: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await confirm(started.body.verificationId, wrongCodeOf(code));
      expect(r.status).toBe(400);
      left.push(r.body.error.details.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1]);
    const fifth = await confirm(started.body.verificationId, wrongCodeOf(code));
    expect(fifth.status).toBe(409);
    expect(fifth.body.error.code).toBe('code_locked');
    const right = await confirm(started.body.verificationId, code);
    expect(right.status).toBe(409);
    expect(right.body.error.code).toBe('code_locked');
    expect((await getPhoneVerification(started.body.verificationId))!.attempts).toBe(5);
  });

  it('sends at most 3 codes to one phone in 15 minutes (429 too_many_codes), whatever its spelling', async () => {
    const phone = newPhone();
    for (let i = 0; i < 3; i++) expect((await start(i === 1 ? `+972${digits(phone).slice(1)}` : phone)).status).toBe(201);
    const fourth = await start(phone);
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('too_many_codes');
    expect(fourth.body.error.fields[0].field).toBe('body.phone');
    const sent = (await listOutbox()).filter((m) => m.template === 'phone_code' && digits(m.to.phone ?? '').endsWith(digits(phone).slice(1)));
    expect(sent).toHaveLength(3);
  });

  it('gives exactly one token when the right code is confirmed 20 times at once', async () => {
    const phone = newPhone();
    const started = await start(phone);
    const { code } = await codeSentTo(phone);
    const answers = await Promise.all(Array.from({ length: 20 }, () => confirm(started.body.verificationId, code)));
    const tokens = answers.filter((a) => a.status === 200);
    expect(tokens).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.body.error.code}`)).toEqual(Array(19).fill('409 code_used'));
    const v = await getPhoneVerification(started.body.verificationId);
    expect(v!.status).toBe('verified');
    expect(v!.attempts).toBe(0);
  });

  it('lets a token join only the branch it was confirmed for', async () => {
    const phone = newPhone();
    const token = await verifiedToken(phone);
    await putBranchSetup({ ...demoBranches.find((b) => b.branch.id === 'haifa-port')!, branch: { ...demoBranches.find((b) => b.branch.id === 'haifa-port')!.branch, hours: allDay, exceptions: [], remoteJoin: { verifyPhone: true } } });
    try {
      const haifa = await call('POST', '/api/branches/haifa-port/tickets', { body: { serviceId: demoBranches.find((b) => b.branch.id === 'haifa-port')!.services.find((s) => s.kind === 'walkin')!.id, channel: 'mobile', contact: { phone }, phoneVerification: token } });
      expect(haifa.status).toBe(403);
      expect(haifa.body.error.fields[0].reason).toBe('verified for another branch');
    } finally {
      const haifa = demoBranches.find((b) => b.branch.id === 'haifa-port')!;
      await putBranchSetup({ ...haifa, branch: { ...haifa.branch, hours: allDay, exceptions: [] } });
    }
  });

  it('leaves kiosk tickets as they were: no phone, no code', async () => {
    const r = await kioskCall('POST', `/api/branches/${branchId}/tickets`, { body: { serviceId: 'general', channel: 'kiosk', language: 'he' } });
    expect(r.status).toBe(201);
  });

  it('refuses bad input with 400 at the field and stores nothing', async () => {
    const before = (await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'OUTBOX' } })).length;
    const cases: [string, () => Promise<CallResult>, string][] = [
      ['phone letters', () => call('POST', `/api/branches/${branchId}/phone-verifications`, { body: { phone: 'call me maybe', language: 'en' } }), 'body.phone'],
      ['no phone', () => call('POST', `/api/branches/${branchId}/phone-verifications`, { body: { language: 'en' } }), 'body.phone'],
      ['bad language', () => call('POST', `/api/branches/${branchId}/phone-verifications`, { body: { phone: newPhone(), language: 'fr' } }), 'body.language'],
      ['extra field', () => call('POST', `/api/branches/${branchId}/phone-verifications`, { body: { phone: newPhone(), language: 'en', code: '123456' } }), 'body'],
      ['short code', () => call('POST', '/api/phone-verifications/01JQ8Z3X5W0000000000000000', { body: { code: '123' } }), 'body.code'],
      ['bad id', () => call('POST', '/api/phone-verifications/not-an-id', { body: { code: '123456' } }), 'path.verificationId'],
      ['bad token', () => join({ contact: { phone: newPhone() }, phoneVerification: 'x' }), 'body.phoneVerification'],
    ];
    for (const [name, run, field] of cases) {
      const r = await run();
      expect(r.status, name).toBe(400);
      expect(r.body.error.fields.map((f: { field: string }) => f.field).join(' '), name).toContain(field);
    }
    expect((await call('POST', '/api/branches/no-such-branch/phone-verifications', { body: { phone: newPhone(), language: 'en' } })).status).toBe(404);
    expect((await call('POST', '/api/phone-verifications/01JQ8Z3X5W0000000000000000', { body: { code: '123456' } })).status).toBe(404);
    const after = (await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'OUTBOX' } })).length;
    expect(after).toBe(before);
  });
});
