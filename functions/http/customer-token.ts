import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { normalizeEmail, normalizePhone } from '../domain/privacy/contact';

// Customers have no account: each ticket, order and booking carries its own unguessable
// token. Only its hash is stored, so a table dump cannot be replayed as links.
export function newCustomerToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function tokenMatches(token: string | undefined, hash: string | undefined): boolean {
  if (!token || !hash) return false;
  const a = Buffer.from(hashToken(token));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** One active ticket per contact or device: a stable, non-reversible holder key. */
export function holderKey(contact: { phone?: string; email?: string } | undefined, deviceId: string | undefined): string | undefined {
  const raw = contact?.phone
    ? `phone:${normalizePhone(contact.phone)}`
    : contact?.email
      ? `email:${normalizeEmail(contact.email)}`
      : deviceId
        ? `device:${deviceId}`
        : undefined;
  return raw && createHash('sha256').update(raw).digest('base64url').slice(0, 32);
}
