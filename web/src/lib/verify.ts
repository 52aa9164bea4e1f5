// Phone verification before a remote ticket (issue 7): a code by SMS, then the code typed back
// gives a token the join sends. Only for branches whose detail says remoteJoin.verifyPhone.
import { request } from './api';
import type { Lang } from './types';

export interface PhoneVerificationStarted {
  verificationId: string;
  expiresAt: number;
  attemptsLeft: number;
}
export interface PhoneVerified {
  verificationToken: string;
  verifiedUntil: number;
}

const seg = encodeURIComponent;

export const startPhoneVerification = (branchId: string, phone: string, language: Lang) =>
  request<PhoneVerificationStarted>('POST', `/branches/${seg(branchId)}/phone-verifications`, { body: { phone, language } });

export const confirmPhoneVerification = (verificationId: string, code: string) =>
  request<PhoneVerified>('POST', `/phone-verifications/${seg(verificationId)}`, { body: { code } });
