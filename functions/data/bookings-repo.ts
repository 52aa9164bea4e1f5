import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Booking } from '../domain/bookings/types';
import { ConflictError, NotFoundError } from '../domain/errors';
import { db, table } from './client';
import { queryAll, strip } from './items';
import { keys } from './keys';
import { messageLinks, outboxPuts, scheduledDelete, scheduledPut, type OutboxMessage } from './outbox';
import { contactLinkPuts } from './privacy-repo';
import { defaultRetention, personalExpiry } from '../domain/privacy/retention';
import { transact, type TxItem } from './transact';

/** A booking as stored: the booking, the hash of its customer token and its contact's key. */
export interface StoredBooking extends Booking {
  tokenHash: string;
  day: string; // branch-local day of the slot
  contactKey: string; // hashed phone or email: the per-day cap
  ticketNumber?: string; // checked in: the number the customer was given
  /** The branch's retention for bookings when it was made (days kept after the slot). */
  retainDays?: number;
}

export type Reminder = OutboxMessage & { sendAt: number };

/** Personal data goes with the whole booking the branch's retention after its slot. */
const bookingExpiry = (b: StoredBooking) => personalExpiry(b.slot.end, b.retainDays ?? defaultRetention.bookingDays);

const bookingItem = (b: StoredBooking) => ({
  ...keys.booking(b.id),
  ...keys.bookingDayEntry(b.branchId, b.day, b.slot.start, b.id),
  entity: 'booking',
  ...b,
  expiresAt: bookingExpiry(b),
});
/** The booking's own links and its messages' (unconditional: always last in a transaction). */
const bookingLinks = (b: StoredBooking, messages: OutboxMessage[]): TxItem[] => [
  ...contactLinkPuts(b.contact, b.branchId, 'booking', b.id, keys.booking(b.id), bookingExpiry(b)),
  ...messages.flatMap((m) => messageLinks(m, b.retainDays)),
];

const ttl = (b: StoredBooking, days: number) => Math.floor(b.slot.end / 1000) + days * 86400;

/** Take one place in the slot, never above capacity. */
const takeSlot = (b: StoredBooking, capacity: number): TxItem => ({
  Update: {
    TableName: table(),
    Key: keys.appointmentSlot(b.branchId, b.serviceId, b.day, b.slot.start),
    UpdateExpression: 'SET used = if_not_exists(used, :zero) + :one, #end = :end, expiresAt = :exp',
    ConditionExpression: 'attribute_not_exists(used) OR used < :cap',
    ExpressionAttributeNames: { '#end': 'end' },
    ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':cap': capacity, ':end': b.slot.end, ':exp': ttl(b, 7) },
  },
});
const freeSlot = (b: StoredBooking): TxItem => ({
  Update: {
    TableName: table(),
    Key: keys.appointmentSlot(b.branchId, b.serviceId, b.day, b.slot.start),
    UpdateExpression: 'ADD used :minus',
    ConditionExpression: 'used >= :one',
    ExpressionAttributeValues: { ':minus': -1, ':one': 1 },
  },
});
/** One more booking for this contact on this day, never above the cap. */
const countContact = (b: StoredBooking, max: number): TxItem => ({
  Update: {
    TableName: table(),
    Key: keys.contactBookings(b.branchId, b.contactKey, b.day),
    UpdateExpression: 'SET held = if_not_exists(held, :zero) + :one, expiresAt = :exp',
    ConditionExpression: 'attribute_not_exists(held) OR held < :max',
    ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':max': max, ':exp': ttl(b, 2) },
  },
});
const uncountContact = (b: StoredBooking): TxItem => ({
  Update: {
    TableName: table(),
    Key: keys.contactBookings(b.branchId, b.contactKey, b.day),
    UpdateExpression: 'ADD held :minus',
    ConditionExpression: 'held >= :one',
    ExpressionAttributeValues: { ':minus': -1, ':one': 1 },
  },
});
const putVersioned = (next: StoredBooking, prevVersion: number): TxItem => ({
  Put: { TableName: table(), Item: bookingItem(next), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': prevVersion } },
});

export type BookOutcome = { ok: true } | { ok: false; reason: 'slot' | 'contact_limit' | 'code' };

export interface Capacity {
  slotCapacity: number;
  maxPerContactPerDay: number;
}

/**
 * One transaction: a place in the slot (never above capacity), one of the contact's places
 * for the day, the booking code, the booking, its confirmation and its reminders.
 */
export async function placeBooking(b: StoredBooking, cap: Capacity, confirmation: OutboxMessage, reminders: Reminder[]): Promise<BookOutcome> {
  const failed = await transact([
    takeSlot(b, cap.slotCapacity),
    countContact(b, cap.maxPerContactPerDay),
    { Put: { TableName: table(), Item: { ...keys.bookingCode(b.branchId, b.code), entity: 'bookingCode', bookingId: b.id, expiresAt: ttl(b, 2) }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: table(), Item: bookingItem(b), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...outboxPuts(confirmation, b.retainDays),
    ...reminders.map((r) => scheduledPut(r, b.retainDays)),
    ...bookingLinks(b, reminders),
  ]);
  if (failed.length === 0) return { ok: true };
  if (failed.includes(0)) return { ok: false, reason: 'slot' };
  if (failed.includes(1)) return { ok: false, reason: 'contact_limit' };
  return { ok: false, reason: 'code' };
}

export interface MoveEffects {
  /** Free the place held (cancel) and the contact's count for the day. */
  release?: boolean;
  /** Rescheduled: the new slot's capacity and the contact cap (the day may change). */
  moveTo?: Capacity;
  message?: OutboxMessage;
  /** Reminders to (re)write; any of `dropReminders` not rewritten is deleted. */
  reminders?: Reminder[];
  dropReminders?: string[];
}
export type MoveOutcome = { ok: true } | { ok: false; reason: 'stale' | 'slot' | 'contact_limit' };

/**
 * Moves a booking from `prev` to `next`, conditional on the version it was read at, with
 * the places it holds in the same transaction: a reschedule frees the old slot and takes
 * the new one, a cancel frees its slot, so no slot ever goes over capacity or leaks a place.
 */
export async function saveBookingMove(prev: StoredBooking, next: StoredBooking, fx: MoveEffects = {}): Promise<MoveOutcome> {
  const items: TxItem[] = [putVersioned(next, prev.version)];
  let slotIndex = -1;
  let contactIndex = -1;
  if (fx.moveTo) {
    items.push(freeSlot(prev));
    slotIndex = items.push(takeSlot(next, fx.moveTo.slotCapacity)) - 1;
    if (next.day !== prev.day) {
      items.push(uncountContact(prev));
      contactIndex = items.push(countContact(next, fx.moveTo.maxPerContactPerDay)) - 1;
    }
  }
  if (fx.release) items.push(freeSlot(prev), uncountContact(prev));
  if (fx.message) items.push(...outboxPuts(fx.message, next.retainDays));
  const rewritten = new Set((fx.reminders ?? []).map((r) => r.id));
  items.push(...(fx.reminders ?? []).map((r) => scheduledPut(r, next.retainDays)));
  items.push(...(fx.dropReminders ?? []).filter((id) => !rewritten.has(id)).map(scheduledDelete));
  // A moved slot moves the expiry: the links follow (a cancel or a check-in keeps them).
  if (fx.moveTo) items.push(...bookingLinks(next, fx.reminders ?? []));
  const failed = await transact(items);
  if (failed.length === 0) return { ok: true };
  if (failed.includes(0)) return { ok: false, reason: 'stale' };
  if (failed.includes(slotIndex)) return { ok: false, reason: 'slot' };
  if (failed.includes(contactIndex)) return { ok: false, reason: 'contact_limit' };
  // A release that finds nothing to release means the stored counts disagree: refuse loudly.
  throw new ConflictError('The booking changed meanwhile; reload and try again', 'stale');
}

export async function getBooking(bookingId: string): Promise<StoredBooking | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.booking(bookingId), ConsistentRead: true }));
  return out.Item ? strip<StoredBooking>(out.Item) : undefined;
}

export async function requireBooking(bookingId: string): Promise<StoredBooking> {
  const b = await getBooking(bookingId);
  if (!b) throw new NotFoundError('No such booking');
  return b;
}

export async function findBookingByCode(branchId: string, code: string): Promise<StoredBooking | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.bookingCode(branchId, code), ConsistentRead: true }));
  return out.Item ? getBooking(String(out.Item.bookingId)) : undefined;
}

/** Bookings whose slot falls on a branch-local day, in slot order. */
export async function listDayBookings(branchId: string, day: string): Promise<StoredBooking[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.bookingDay(branchId, day).gsi1pk } });
  return items.map((i) => strip<StoredBooking>(i));
}

/** Places taken in each slot of a service's day (start → used). */
export async function slotUse(branchId: string, serviceId: string, day: string): Promise<Map<number, number>> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.appointmentSlotDay(branchId, serviceId, day) }, ConsistentRead: true });
  return new Map(items.map((i) => [Number(String(i.sk).slice(2)), Number(i.used ?? 0)]));
}
