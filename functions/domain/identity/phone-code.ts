import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

// Optional phone verification before a remote ticket (issue 7): a branch may ask a customer who
// joins from home to prove the phone they give by a one-time code sent to it, so one person cannot
// hoard places with made-up numbers. Pure rules: no AWS, no HTTP; the clock is passed in.

export const phoneCodeRules = {
  /** Digits of a code. */
  digits: 6,
  /** A code may be typed within this long after it was sent. */
  codeTtlMs: 10 * 60_000,
  /** Wrong codes before the code is locked (a new one must be asked for). */
  maxAttempts: 5,
  /** Codes sent to one phone within `window` (sliding). */
  maxCodesPerPhone: 3,
  /** Codes one branch sends within `window` (a fixed window): caps the SMS bill a script can run up. */
  maxCodesPerBranch: 300,
  windowMs: 15 * 60_000,
  /** A confirmed phone may take a ticket this long after confirming, once. */
  verifiedTtlMs: 30 * 60_000,
} as const;

export type VerificationStatus = 'pending' | 'verified' | 'locked' | 'used';

export interface PhoneVerification {
  id: string;
  branchId: string;
  /** contactHash of the normalized phone: the phone itself is not kept here. */
  phoneHash: string;
  codeHash: string;
  createdAt: number;
  codeExpiresAt: number;
  attempts: number;
  status: VerificationStatus;
  tokenHash?: string;
  verifiedAt?: number;
  verifiedUntil?: number;
  usedAt?: number;
}

/** A uniformly random code with leading zeros kept ("004217"). */
export function newPhoneCode(): string {
  return String(randomInt(0, 10 ** phoneCodeRules.digits)).padStart(phoneCodeRules.digits, '0');
}

/** The code is hashed with its verification's id, so equal codes of two verifications differ. */
export function hashPhoneCode(verificationId: string, code: string): string {
  return createHash('sha256').update(`${verificationId}:${code}`).digest('base64url');
}

export function phoneCodeMatches(v: Pick<PhoneVerification, 'id' | 'codeHash'>, code: string): boolean {
  const a = Buffer.from(hashPhoneCode(v.id, code));
  const b = Buffer.from(v.codeHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The instants of codes sent to a phone that still count against its limit. */
export const recentSends = (sentAt: readonly number[], now: number) => sentAt.filter((t) => t > now - phoneCodeRules.windowMs);

/** May another code go to this phone now? If not, when (ms) the oldest counted one leaves the window. */
export function codeSendAllowance(sentAt: readonly number[], now: number): { allowed: true } | { allowed: false; retryAt: number } {
  const recent = recentSends(sentAt, now).sort((a, b) => a - b);
  if (recent.length < phoneCodeRules.maxCodesPerPhone) return { allowed: true };
  return { allowed: false, retryAt: recent[recent.length - phoneCodeRules.maxCodesPerPhone]! + phoneCodeRules.windowMs };
}

/** The branch's fixed window containing `now` (its counter's key). */
export const branchWindowStart = (now: number) => Math.floor(now / phoneCodeRules.windowMs) * phoneCodeRules.windowMs;

export type ConfirmOutcome =
  | { kind: 'confirmed' }
  | { kind: 'wrong'; attemptsLeft: number; locked: boolean }
  | { kind: 'expired' }
  | { kind: 'locked' }
  | { kind: 'done' };

/** What typing `code` does to a verification at `now` (before anything is written). */
export function confirmOutcome(v: PhoneVerification, code: string, now: number): ConfirmOutcome {
  if (v.status === 'verified' || v.status === 'used') return { kind: 'done' };
  if (v.status === 'locked' || v.attempts >= phoneCodeRules.maxAttempts) return { kind: 'locked' };
  if (now >= v.codeExpiresAt) return { kind: 'expired' };
  if (phoneCodeMatches(v, code)) return { kind: 'confirmed' };
  const attempts = v.attempts + 1;
  return { kind: 'wrong', attemptsLeft: Math.max(0, phoneCodeRules.maxAttempts - attempts), locked: attempts >= phoneCodeRules.maxAttempts };
}

/** The token a confirmed phone takes its ticket with: "<verification id>.<secret>" (only its hash is kept). */
export const verificationTokenPattern = /^([0-9A-HJKMNP-TV-Z]{26})\.([A-Za-z0-9_-]{32})$/;
export function splitVerificationToken(token: string): { id: string } | undefined {
  const m = verificationTokenPattern.exec(token);
  return m ? { id: m[1]! } : undefined;
}

/**
 * Why a verification may not take a ticket for this branch and phone at `now`, or undefined
 * when it may (it is then spent by the ticket).
 */
export function tokenRefusal(v: PhoneVerification | undefined, branchId: string, phoneHash: string, tokenOk: boolean, now: number): string | undefined {
  if (!v || !tokenOk) return 'not a verification of this phone';
  if (v.branchId !== branchId) return 'verified for another branch';
  if (v.phoneHash !== phoneHash) return 'verified for another phone';
  if (v.status === 'used') return 'already used for a ticket';
  if (v.status !== 'verified' || v.verifiedUntil === undefined) return 'not confirmed';
  if (now >= v.verifiedUntil) return 'expired; ask for a new code';
  return undefined;
}

/** Does the branch ask a remote customer to verify their phone? */
export const requiresPhoneVerification = (branch: { remoteJoin?: { verifyPhone?: boolean } }, channel: string) =>
  channel === 'mobile' && branch.remoteJoin?.verifyPhone === true;
