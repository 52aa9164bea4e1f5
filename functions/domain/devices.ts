// Kiosks and boards (issue 7): a device shows a short code, a manager of the branch confirms it
// in the staff face, and the device then holds a long-lived token scoped to one branch and to its
// kind's actions. Pure rules: no AWS, no HTTP, the clock and randomness passed in.
import { codeAlphabet, codeLength, normalisePickupCode } from './orders/pickup-code';

export const deviceKinds = ['kiosk', 'board'] as const;
export type DeviceKind = (typeof deviceKinds)[number];

/** The code on the device's screen: the pickup codes' alphabet (no look-alikes), 6 long. */
export const enrollmentCodeLength = codeLength;
/** How long a shown code can be confirmed. */
export const enrollmentCodeMinutes = 10;
/** Wrong codes a person may type for a branch within one window before being told to wait. */
export const maxWrongCodes = 5;
export const wrongCodeWindowMinutes = 10;
/** A confirmed device that never fetched its token: the enrollment is gone after this. */
export const enrollmentKeepMinutes = 30;

export function makeEnrollmentCode(randomIndex: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < enrollmentCodeLength; i++) code += codeAlphabet[randomIndex(codeAlphabet.length)];
  return code;
}
/** Case, spaces and dashes do not matter (a manager reads "ACD-479" off a TV). */
export const normaliseEnrollmentCode = normalisePickupCode;
export const isEnrollmentCode = (s: string) => s.length === enrollmentCodeLength && [...s].every((c) => codeAlphabet.includes(c));

export type EnrollmentStatus = 'pending' | 'approved';
export interface Enrollment {
  id: string;
  branchId: string;
  kind: DeviceKind;
  label?: string;
  code: string;
  status: EnrollmentStatus;
  createdAt: number;
  /** The code cannot be confirmed from this time on. */
  codeExpiresAt: number;
  pollTokenHash: string;
  /** Set when a manager confirmed it: the device it became. */
  deviceId?: string;
}

export type DeviceStatus = 'active' | 'revoked';
export interface Device {
  id: string;
  branchId: string;
  kind: DeviceKind;
  label: string;
  status: DeviceStatus;
  enrolledAt: number;
  enrolledBy: string;
  /** Absent until the device fetched its token (once). */
  tokenHash?: string;
  lastSeenAt?: number;
  revokedAt?: number;
  revokedBy?: string;
}

/** What the device sees when it polls its enrollment. */
export type EnrollmentState = 'pending' | 'expired' | 'approved' | 'delivered' | 'revoked';
export function enrollmentState(e: Enrollment, device: Device | undefined, now: number): EnrollmentState {
  if (e.status === 'pending') return now >= e.codeExpiresAt ? 'expired' : 'pending';
  if (!device || device.status === 'revoked') return 'revoked';
  return device.tokenHash ? 'delivered' : 'approved';
}

/** A device token is `<deviceId>.<secret>`: the id finds the item, the secret's hash must match it. */
export function parseDeviceToken(token: string | undefined): { deviceId: string } | undefined {
  if (!token || token.length > 200) return undefined;
  const m = /^([A-Za-z0-9-]{1,64})\.([A-Za-z0-9_-]{20,})$/.exec(token);
  return m ? { deviceId: m[1]! } : undefined;
}

/** The start of the wrong-code window `now` falls in (attempts are counted per window). */
export const wrongCodeWindow = (now: number) => Math.floor(now / (wrongCodeWindowMinutes * 60_000)) * wrongCodeWindowMinutes * 60_000;
