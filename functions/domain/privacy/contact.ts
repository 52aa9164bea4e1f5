import { createHash } from 'node:crypto';

// A customer's contact as the index knows it: normalized, then hashed. Phones compare by their
// digits in Israel's national form: "+972 50-123 4567", "00972501234567" and "050-1234567" are one
// number (else alternating spellings would hoard tickets past the one-active-ticket lock); emails
// trimmed and in lower case. The same normal form feeds the active-ticket lock and the booking
// cap (http/customer-token.ts).

export type ContactKind = 'phone' | 'email';
export interface ContactRef {
  kind: ContactKind;
  /** Normalized: digits of a phone, lower-case email. */
  value: string;
}

export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').replace(/^00/, '');
  // Israel's country code (972) stands for the national trunk 0; other countries keep theirs.
  return digits.startsWith('972') && digits.length >= 11 ? `0${digits.slice(3)}` : digits;
}
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export function contactRef(c: { phone?: string; email?: string }): ContactRef | undefined {
  if (c.phone) return { kind: 'phone', value: normalizePhone(c.phone) };
  if (c.email) return { kind: 'email', value: normalizeEmail(c.email) };
  return undefined;
}

export const contactHash = (ref: ContactRef) => createHash('sha256').update(`${ref.kind}:${ref.value}`).digest('base64url').slice(0, 32);

/** Every contact an item carries (a phone and an email are two ways to find it). */
export function contactRefsOf(c: { phone?: unknown; email?: unknown } | undefined): ContactRef[] {
  const out: ContactRef[] = [];
  if (typeof c?.phone === 'string' && normalizePhone(c.phone)) out.push({ kind: 'phone', value: normalizePhone(c.phone) });
  if (typeof c?.email === 'string' && c.email.trim()) out.push({ kind: 'email', value: normalizeEmail(c.email) });
  return out;
}

/** Fields that hold a customer's personal data wherever they appear in a stored answer (a name goes with its contact). */
export const personalFields = ['contact', 'phone', 'email', 'notes', 'note', 'reason', 'comment', 'to'] as const;

/** A copy without personal fields at any depth (an idempotency record's stored answer). */
export function scrubPersonal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrubPersonal);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !(personalFields as readonly string[]).includes(k))
        .map(([k, v]) => [k, scrubPersonal(v)]),
    );
  }
  return value;
}
