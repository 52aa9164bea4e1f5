// Degraded mode: a kiosk reserves a block of today's numbers while the API is up, hands
// them out on paper while it is down, and sends them back to be admitted when it returns.
// Pure rules: no AWS, no HTTP.
import { ValidationError, type FieldIssue } from '../errors';
import type { Need } from './types';

/** A block holds at most this many numbers (a kiosk asks for one per walk-in service). */
export const maxBlockSize = 50;
export const defaultBlockSize = 10;
/**
 * Numbers a branch may reserve per service and day through blocks (anyone may ask: kiosks
 * are anonymous, like taking a ticket). Caps what a misbehaving client can burn.
 */
export const maxReservedPerDay = 500;
/** Kiosk clocks drift: issue times this far before the block or after "now" are still believed. */
export const clockSkewMs = 5 * 60_000;

export interface TicketBlock {
  id: string;
  branchId: string;
  serviceId: string;
  prefix: string;
  /** Branch-local day the numbers belong to: they mean nothing on another day. */
  day: string;
  /** First and last sequence number of the block, both included. */
  from: number;
  to: number;
  reservedAt: number;
  /** End of the branch day: no ticket of this block can be issued later. */
  dayEndsAt: number;
}

/**
 * Offline numbers count down from here, per service and day, while online ones count up from 1:
 * the day's first customer gets A001 however many kiosks reserved a block that morning, and a
 * printed A995 says "offline" to the clerk. The two ranges never meet (see nextOnlineAfter).
 */
export const offlineTop = 999;

/**
 * The next block: the `size` numbers just below the lowest offline number reserved so far
 * (`floor`; offlineTop + 1 before any), or undefined when online numbers (`online` so far)
 * already reach that far down.
 */
export function offlineBlockBelow(floor: number, online: number, size: number): { from: number; to: number } | undefined {
  const from = floor - size;
  return from > online ? { from, to: floor - 1 } : undefined;
}

export interface OfflineTicketInput {
  seq: number;
  issuedAt: number;
  language: 'he' | 'en';
  needs: Need[];
}

/**
 * Checks a kiosk's offline tickets against their block and returns them in the order they
 * were issued (ties by number). Any bad ticket refuses the whole batch, naming its field,
 * so nothing of a bad request is stored.
 */
export function planOfflineAdmission(block: TicketBlock, tickets: readonly OfflineTicketInput[], now: number): OfflineTicketInput[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<number>();
  tickets.forEach((t, i) => {
    const at = `body.tickets.${i}`;
    if (t.seq < block.from || t.seq > block.to) issues.push({ field: `${at}.seq`, reason: `not in this block (${block.from}–${block.to})` });
    else if (seen.has(t.seq)) issues.push({ field: `${at}.seq`, reason: 'sent twice in this request' });
    seen.add(t.seq);
    if (t.issuedAt < block.reservedAt - clockSkewMs) issues.push({ field: `${at}.issuedAt`, reason: 'before the block was reserved' });
    else if (t.issuedAt > now + clockSkewMs) issues.push({ field: `${at}.issuedAt`, reason: 'in the future' });
    else if (t.issuedAt >= block.dayEndsAt) issues.push({ field: `${at}.issuedAt`, reason: "after the block's day ended" });
  });
  if (issues.length) throw new ValidationError('Some offline tickets do not belong to this block', issues);
  return [...tickets].sort((a, b) => a.issuedAt - b.issuedAt || a.seq - b.seq);
}
