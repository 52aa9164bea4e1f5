import { createHash } from 'node:crypto';

// A customer's contact as the index knows it: normalized, then hashed. Phones compare by their
// digits (the spelling "+972 50-123 4567", "+972501234567" or "972-50-1234567" is one number; a
// national "050…" is another, as it is for the one-active-ticket lock); emails trimmed and in
// lower case. The hash is the same one the active-ticket lock uses (http/customer-token.ts).

export type ContactKind = 'phone' | 'email';
export interface ContactRef {
  kind: ContactKind;
  /** Normalized: digits of a phone, lower-case email. */
  value: string;
}

export const normalizePhone = (phone: string) => phone.replace(/\D/g, '');
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
