import { describe, expect, it } from 'vitest';
import {
  branchWindowStart,
  codeSendAllowance,
  confirmOutcome,
  hashPhoneCode,
  newPhoneCode,
  phoneCodeRules as rules,
  requiresPhoneVerification,
  splitVerificationToken,
  tokenRefusal,
  type PhoneVerification,
} from '../../../functions/domain/identity/phone-code';

const t0 = Date.UTC(2026, 2, 1, 9, 0);
const minute = 60_000;
const id = '01JQ8Z3X5W0000000000000000';
const pending = (over: Partial<PhoneVerification> = {}): PhoneVerification => ({
  id,
  branchId: 'tel-aviv-center',
  phoneHash: 'h-phone',
  codeHash: hashPhoneCode(id, '004217'),
  createdAt: t0,
  codeExpiresAt: t0 + rules.codeTtlMs,
  attempts: 0,
  status: 'pending',
  ...over,
});

describe('phone codes', () => {
  it('are six digits, leading zeros kept, and vary', () => {
    const codes = Array.from({ length: 2000 }, newPhoneCode);
    for (const c of codes) expect(c).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(1900);
    expect(codes.some((c) => c.startsWith('0'))).toBe(true);
  });

  it('hash with their verification id: the same code of two verifications differs', () => {
    expect(hashPhoneCode(id, '123456')).not.toBe(hashPhoneCode('01JQ8Z3X5W0000000000000001', '123456'));
    expect(hashPhoneCode(id, '123456')).not.toContain('123456');
  });
});

describe('confirming a code', () => {
  it('accepts the right code before it expires', () => {
    expect(confirmOutcome(pending(), '004217', t0 + 9 * minute)).toEqual({ kind: 'confirmed' });
  });

  it('counts wrong codes down and locks at the fifth', () => {
    expect(confirmOutcome(pending(), '004218', t0)).toEqual({ kind: 'wrong', attemptsLeft: 4, locked: false });
    expect(confirmOutcome(pending({ attempts: 3 }), '000000', t0)).toEqual({ kind: 'wrong', attemptsLeft: 1, locked: false });
    expect(confirmOutcome(pending({ attempts: 4 }), '000000', t0)).toEqual({ kind: 'wrong', attemptsLeft: 0, locked: true });
    // Locked: even the right code is refused now.
    expect(confirmOutcome(pending({ attempts: 5, status: 'locked' }), '004217', t0)).toEqual({ kind: 'locked' });
  });

  it('refuses an expired code, even the right one, without counting it', () => {
    expect(confirmOutcome(pending(), '004217', t0 + rules.codeTtlMs)).toEqual({ kind: 'expired' });
  });

  it('refuses a second confirmation', () => {
    expect(confirmOutcome(pending({ status: 'verified' }), '004217', t0)).toEqual({ kind: 'done' });
    expect(confirmOutcome(pending({ status: 'used' }), '004217', t0)).toEqual({ kind: 'done' });
  });
});

describe('how many codes a phone gets', () => {
  it('allows three in any 15 minutes and says when the next may go', () => {
    expect(codeSendAllowance([], t0)).toEqual({ allowed: true });
    expect(codeSendAllowance([t0 - 14 * minute, t0 - 5 * minute], t0)).toEqual({ allowed: true });
    expect(codeSendAllowance([t0 - 14 * minute, t0 - 5 * minute, t0 - minute], t0)).toEqual({ allowed: false, retryAt: t0 + minute });
    // A sliding window: the oldest one leaving frees one place.
    expect(codeSendAllowance([t0 - 16 * minute, t0 - 5 * minute, t0 - minute], t0)).toEqual({ allowed: true });
  });

  it('counts a branch by fixed windows', () => {
    expect(branchWindowStart(t0 + 7 * minute)).toBe(branchWindowStart(t0 + 14 * minute));
    expect(branchWindowStart(t0 + 16 * minute) - branchWindowStart(t0)).toBe(rules.windowMs);
  });
});

describe('joining with a verification', () => {
  const verified = pending({ status: 'verified', verifiedAt: t0, verifiedUntil: t0 + rules.verifiedTtlMs, tokenHash: 'x' });
  it('takes a ticket for the same branch and phone, unexpired, unused', () => {
    expect(tokenRefusal(verified, 'tel-aviv-center', 'h-phone', true, t0 + 29 * minute)).toBeUndefined();
  });
  it('refuses another phone, another branch, a wrong token, a spent one, an expired one, an unconfirmed one', () => {
    expect(tokenRefusal(verified, 'tel-aviv-center', 'h-other', true, t0)).toMatch(/another phone/);
    expect(tokenRefusal(verified, 'haifa-port', 'h-phone', true, t0)).toMatch(/another branch/);
    expect(tokenRefusal(verified, 'tel-aviv-center', 'h-phone', false, t0)).toMatch(/not a verification/);
    expect(tokenRefusal(undefined, 'tel-aviv-center', 'h-phone', true, t0)).toMatch(/not a verification/);
    expect(tokenRefusal({ ...verified, status: 'used' }, 'tel-aviv-center', 'h-phone', true, t0)).toMatch(/already used/);
    expect(tokenRefusal(verified, 'tel-aviv-center', 'h-phone', true, t0 + rules.verifiedTtlMs)).toMatch(/expired/);
    expect(tokenRefusal(pending(), 'tel-aviv-center', 'h-phone', true, t0)).toMatch(/not confirmed/);
  });
  it('reads the verification id from the token', () => {
    expect(splitVerificationToken(`${id}.${'a'.repeat(32)}`)).toEqual({ id });
    expect(splitVerificationToken(`${id}.short`)).toBeUndefined();
    expect(splitVerificationToken('nonsense')).toBeUndefined();
  });
  it('is asked only of remote joins of a branch that turned it on', () => {
    expect(requiresPhoneVerification({ remoteJoin: { verifyPhone: true } }, 'mobile')).toBe(true);
    expect(requiresPhoneVerification({ remoteJoin: { verifyPhone: true } }, 'kiosk')).toBe(false);
    expect(requiresPhoneVerification({}, 'mobile')).toBe(false);
    expect(requiresPhoneVerification({ remoteJoin: {} }, 'mobile')).toBe(false);
  });
});
