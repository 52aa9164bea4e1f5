import { ulid } from 'ulid';
import { getBranch } from '../data/branches-repo';
import { getPhoneCodeSends, getPhoneVerification, markPhoneVerified, recordWrongCode, spendPhoneVerification, storePhoneVerification } from '../data/phone-verifications-repo';
import type { Branch } from '../domain/branch';
import { ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../domain/errors';
import {
  branchWindowStart,
  codeSendAllowance,
  confirmOutcome,
  hashPhoneCode,
  newPhoneCode,
  phoneCodeRules,
  recentSends,
  requiresPhoneVerification,
  splitVerificationToken,
  tokenRefusal,
  type PhoneVerification,
} from '../domain/identity/phone-code';
import { contactHash, normalizePhone } from '../domain/privacy/contact';
import { hashToken, newCustomerToken, tokenMatches } from '../http/customer-token';
import type { OperationRequest } from '../http/handler';

// Optional phone verification before a remote ticket (issue 7). Served by the queue function:
// it exists only to gate takeTicket, which spends it, and the queue function already holds the
// table access both need (a context of its own waits for an entry in lib/api.ts).

const phoneHashOf = (phone: string) => contactHash({ kind: 'phone', value: normalizePhone(phone) });
const minutesUntil = (at: number, now: number) => Math.max(1, Math.ceil((at - now) / 60_000));

/** POST /api/branches/{branchId}/phone-verifications: a code by SMS to the phone (201). */
export async function startPhoneVerification({ params, body, now }: OperationRequest) {
  const { phone, language } = body as { phone: string; language: 'he' | 'en' };
  const branch = await getBranch(params.branchId);
  if (!normalizePhone(phone)) throw new ValidationError('A phone number is needed', [{ field: 'body.phone', reason: 'no digits' }]);
  const phoneHash = phoneHashOf(phone);
  // A lost race on the phone's send list is retried on what the winner wrote.
  for (let attempt = 0; attempt < 5; attempt++) {
    const sends = await getPhoneCodeSends(phoneHash);
    const allowance = codeSendAllowance(sends?.sentAt ?? [], now);
    if (!allowance.allowed) {
      throw new TooManyCodesError(`Too many codes for this phone; try again in ${minutesUntil(allowance.retryAt, now)} minutes`, [{ field: 'body.phone', reason: 'too many codes' }], { retryAt: allowance.retryAt });
    }
    const id = ulid(now);
    const code = newPhoneCode();
    const v: PhoneVerification = {
      id,
      branchId: branch.id,
      phoneHash,
      codeHash: hashPhoneCode(id, code),
      createdAt: now,
      codeExpiresAt: now + phoneCodeRules.codeTtlMs,
      attempts: 0,
      status: 'pending',
    };
    const outcome = await storePhoneVerification(
      v,
      { sentAt: [...recentSends(sends?.sentAt ?? [], now), now], seenVersion: sends?.version },
      branchWindowStart(now),
      { id: ulid(now), template: 'phone_code', language, to: { phone }, params: { branchId: branch.id, code, minutes: phoneCodeRules.codeTtlMs / 60_000 }, createdAt: now },
    );
    if (outcome === 'stored') return { verificationId: id, expiresAt: v.codeExpiresAt, attemptsLeft: phoneCodeRules.maxAttempts };
    if (outcome === 'branch_limit') {
      throw new TooManyCodesError('This branch is sending too many codes right now; try again in a few minutes', [{ field: 'path.branchId', reason: 'too many codes' }], { retryAt: branchWindowStart(now) + phoneCodeRules.windowMs });
    }
  }
  throw new ConflictError('Another code is being sent to this phone; try again', 'busy', [{ field: 'body.phone', reason: 'busy' }]);
}

/** POST /api/phone-verifications/{verificationId}: the code typed → a token to join with (once). */
export async function confirmPhoneVerification({ params, body, now }: OperationRequest) {
  const { code } = body as { code: string };
  const id = params.verificationId as string;
  for (let attempt = 0; attempt < 10; attempt++) {
    const v = await getPhoneVerification(id);
    if (!v) throw new NotFoundError('No such verification', [{ field: 'path.verificationId', reason: 'unknown' }]);
    const outcome = confirmOutcome(v, code, now);
    switch (outcome.kind) {
      case 'done':
        throw new ConflictError('This code was used already; ask for a new one if you need it', 'code_used', [{ field: 'body.code', reason: 'already used' }]);
      case 'locked':
        throw new ConflictError('Too many wrong codes; ask for a new one', 'code_locked', [{ field: 'body.code', reason: 'too many wrong codes' }], { attemptsLeft: 0 });
      case 'expired':
        throw new ConflictError('This code has expired; ask for a new one', 'code_expired', [{ field: 'body.code', reason: 'expired' }]);
      case 'wrong':
        if (await recordWrongCode(id, v.attempts, outcome.locked)) {
          if (outcome.locked) throw new ConflictError('Too many wrong codes; ask for a new one', 'code_locked', [{ field: 'body.code', reason: 'too many wrong codes' }], { attemptsLeft: 0 });
          throw new CodeMismatchError(`That is not the code we sent; ${outcome.attemptsLeft} tries left`, [{ field: 'body.code', reason: 'not the code sent' }], { attemptsLeft: outcome.attemptsLeft });
        }
        continue; // someone typed meanwhile: judge again on what they left
      case 'confirmed': {
        const { token: secret } = newCustomerToken();
        const token = `${id}.${secret.slice(0, 32)}`;
        if (await markPhoneVerified(v, hashToken(token), now)) {
          return { verificationToken: token, verifiedUntil: now + phoneCodeRules.verifiedTtlMs };
        }
        continue; // another confirmation won, or a wrong code locked it meanwhile
      }
    }
  }
  throw new ConflictError('Too many people are typing this code at once; try again', 'busy');
}

export interface VerifiedJoin {
  id: string;
  tokenHash: string;
}

/**
 * takeTicket's gate: a remote join of a branch that asks for it needs a phone and the token of a
 * verification of that phone for this branch, confirmed, unexpired and unused. Undefined when the
 * branch or channel asks for nothing.
 */
export async function requireVerifiedPhone(
  branch: Pick<Branch, 'id' | 'remoteJoin'>,
  input: { channel: string; contact?: { phone?: string }; phoneVerification?: string },
  now: number,
): Promise<VerifiedJoin | undefined> {
  if (!requiresPhoneVerification(branch, input.channel)) return undefined;
  const phone = input.contact?.phone;
  if (!phone || !normalizePhone(phone)) {
    throw new PhoneUnverifiedError('This branch asks for a phone number confirmed by a code before joining from home', [{ field: 'body.contact.phone', reason: 'required by this branch' }]);
  }
  const token = input.phoneVerification;
  if (!token) throw new PhoneUnverifiedError('Confirm your phone number with the code we send before joining', [{ field: 'body.phoneVerification', reason: 'required by this branch' }]);
  const ref = splitVerificationToken(token);
  const v = ref ? await getPhoneVerification(ref.id) : undefined;
  const refusal = tokenRefusal(v, branch.id, phoneHashOf(phone), tokenMatches(token, v?.tokenHash), now);
  if (refusal) throw new PhoneUnverifiedError(`Your phone number is not confirmed: ${refusal}`, [{ field: 'body.phoneVerification', reason: refusal }]);
  return { id: v!.id, tokenHash: hashToken(token) };
}

/** A new ticket spends the verification; false when another ticket spent it first. */
export const spendVerifiedPhone = (v: VerifiedJoin, ticketId: string, now: number) => spendPhoneVerification(v.id, v.tokenHash, ticketId, now);

/** 400 wrong_code: a wrong code, with the tries left in details. */
export class CodeMismatchError extends ValidationError {
  override readonly code = 'wrong_code';
}

/** 429 too_many_codes: the phone (or the branch) asked for too many codes in the window. */
export class TooManyCodesError extends TooManyRequestsError {
  override readonly code = 'too_many_codes';
}

/** 403 phone_unverified: the branch asks remote customers for a phone confirmed by a code. */
export class PhoneUnverifiedError extends ForbiddenError {
  override readonly code = 'phone_unverified';
}
