// The session floor: a staff token issued before the person's sessions were revoked (removed,
// or their role or branches changed) is refused on every staff route, in both modes. The JWT
// authorizer cannot know this (Cognito ID tokens stay valid for 10 h after a global sign-out),
// so each handler checks one small item, cached per container for CACHE_MS.
import { UnauthorizedError } from '../domain/errors';
import { staffSessionsRevokedAt } from '../data/staff-repo';
import type { StaffClaims } from './auth';

const CACHE_MS = 15_000;
const floors = new Map<string, { revokedAt: number | undefined; until: number }>();

export async function assertSessionCurrent(staff: StaffClaims, now = Date.now()): Promise<void> {
  let floor = floors.get(staff.sub);
  if (!floor || floor.until <= now) {
    floor = { revokedAt: await staffSessionsRevokedAt(staff.sub), until: now + CACHE_MS };
    floors.set(staff.sub, floor);
  }
  // iat is in whole seconds: a token of the very second of the revocation is refused too (safe side).
  if (floor.revokedAt !== undefined && (staff.issuedAt ?? 0) * 1000 < floor.revokedAt) {
    throw new UnauthorizedError('This session was ended (removed or changed by a manager); sign in again');
  }
}

/** This container revoked the person's sessions: forget the cached floor at once. */
export function forgetSessionFloor(sub: string): void {
  floors.delete(sub);
}
