// Retention of personal data: how long a name, phone, email, note or comment is kept after the
// visit (or the booked slot) it belongs to. DynamoDB's TTL deletes the whole item then; the
// statistics outlive it because the insight consumer has already added the item into its
// counters (and ignores removals). Defaults follow what queue vendors ship (Qmatic keeps visit
// data 30 days, booked appointments longer): 30 days after a visit, 90 after a booking's slot.

export interface RetentionSettings {
  /** Days personal data of a visit (ticket, order, checkout, call-back, survey, message) is kept after it ended. */
  visitDays: number;
  /** Days a booking's personal data is kept after its slot. */
  bookingDays: number;
}

export const defaultRetention: RetentionSettings = { visitDays: 30, bookingDays: 90 };
/** The longest a branch may keep anything (a typo of 3650 must not keep phones for ten years). */
export const maxRetentionDays = 730;

/** What a personal item belongs to: a visit (the default) or a booking. */
export type RetentionKind = keyof RetentionSettings;

const day = 86_400;

/**
 * The branch's retention: its own setting over the stage's default (itself over the built-in
 * one). Days are whole, at least 1 and at most `maxRetentionDays`; anything else falls back.
 */
export function retentionOf(branch: { retention?: Partial<RetentionSettings> } | undefined, stage: Partial<RetentionSettings> = {}): RetentionSettings {
  const pick = (k: RetentionKind) => [branch?.retention?.[k], stage[k], defaultRetention[k]].find(valid)!;
  return { visitDays: pick('visitDays'), bookingDays: pick('bookingDays') };
}
const valid = (d: unknown): d is number => typeof d === 'number' && Number.isInteger(d) && d >= 1 && d <= maxRetentionDays;

/** The TTL attribute's value (epoch seconds): the end of the visit or slot plus the retention. */
export function personalExpiry(endMs: number, days: number): number {
  return Math.floor(endMs / 1000) + days * day;
}

/**
 * When a visit ended, for its expiry: the last of the instants it carries (joined, window end,
 * ended, collected). An item still under way expires counted from what is known so far; every
 * later move rewrites the item and so pushes the expiry on.
 */
export function visitEnd(...instants: (number | undefined)[]): number {
  return Math.max(...instants.filter((t): t is number => typeof t === 'number' && Number.isFinite(t)));
}
