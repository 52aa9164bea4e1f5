import { z } from 'zod';
import { epochMs, lang, phone, slug, ulidId } from './common';

// Optional phone verification before a remote ticket (issue 7; rules in domain/identity/phone-code.ts).
export const phoneVerificationToken = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}\.[A-Za-z0-9_-]{32}$/, 'the verificationToken a confirmed code returned')
  .describe('the verificationToken of a confirmed phone code (branches that ask for it; spent by the ticket)');

export const startPhoneVerificationBody = z
  .object({ phone, language: lang.default('he') })
  .strict()
  .meta({ id: 'StartPhoneVerification' });

export const startPhoneVerificationResult = z
  .object({
    verificationId: ulidId,
    expiresAt: epochMs.describe('the code is refused after this instant'),
    attemptsLeft: z.number().int().nonnegative(),
  })
  .meta({ id: 'PhoneVerificationStarted' });

export const phoneVerificationParams = z.object({ verificationId: ulidId });
export const phoneVerificationBranchParams = z.object({ branchId: slug });

export const confirmPhoneVerificationBody = z
  .object({ code: z.string().trim().regex(/^\d{6}$/, 'the 6 digits sent by SMS') })
  .strict()
  .meta({ id: 'ConfirmPhoneVerification' });

export const confirmPhoneVerificationResult = z
  .object({
    verificationToken: phoneVerificationToken,
    verifiedUntil: epochMs.describe('join before this instant; the token takes one ticket'),
  })
  .meta({ id: 'PhoneVerified' });
