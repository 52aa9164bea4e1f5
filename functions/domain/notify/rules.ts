// What changed → which message. Pure: the stream handler feeds it the old and new images of
// an item and does the writing; nothing here knows DynamoDB, HTTP or a clock of its own.
import { isOpenOrder } from '../orders/transitions';
import type { Order, PickupConfig } from '../orders/types';
import type { Booking } from '../bookings/types';
import type { Ticket } from '../queue/types';

/** Per-branch knobs of notifications, with defaults. */
export interface NotifyConfig {
  /** "N ahead of you" goes out once when a remote ticket has this many people ahead, or fewer. */
  aheadAt: number;
  /** An open order gets one "collect it soon" message this long before it would expire. */
  expiringMinutes: number;
}
export const defaultNotifyConfig: NotifyConfig = { aheadAt: 3, expiringMinutes: 30 };

export function notifyConfigOf(branch: { notifyAheadAt?: number }): NotifyConfig {
  const aheadAt = branch.notifyAheadAt;
  return { ...defaultNotifyConfig, ...(Number.isInteger(aheadAt) && aheadAt! >= 0 ? { aheadAt: aheadAt! } : {}) };
}

/** A message the rules ask for: the caller adds the recipient and the language. */
export interface MessageDraft {
  id: string;
  template: 'ticket_called' | 'ticket_ahead' | 'survey_invite' | 'order_expiring';
  params: Record<string, string | number | boolean>;
  createdAt: number;
}

// ---------------------------------------------------------------- outbox

export interface OutboxImage {
  status: string;
  createdAt: number;
}

/**
 * Deliver when a change leaves a message pending that was not pending as this version before:
 * written pending, released from scheduled, or rewritten. A pending → sent update, a replay
 * of a status change or a deletion delivers nothing.
 */
export function becamePending(old: OutboxImage | undefined, next: OutboxImage | undefined): boolean {
  if (!next || next.status !== 'pending') return false;
  return !old || old.status !== 'pending' || old.createdAt !== next.createdAt;
}

// ---------------------------------------------------------------- tickets

export type TicketImage = Pick<Ticket, 'id' | 'branchId' | 'day' | 'serviceId' | 'number' | 'status' | 'channel' | 'recalls' | 'calledAt' | 'endedAt' | 'counterId'> & {
  contact?: { name?: string; phone?: string; email?: string };
  aheadNotifiedAt?: number;
};

export const hasContact = (t: Pick<TicketImage, 'contact'>) => Boolean(t.contact?.phone || t.contact?.email);

/** The calls in a change: a first call (waiting → called) or a recall (the recall count went up). */
export function callOf<T extends TicketImage>(old: T | undefined, next: T | undefined): { recall: boolean; calledAt: number } | undefined {
  if (!next || next.status !== 'called' || next.calledAt === undefined) return undefined;
  if (old?.status === 'called') {
    if (next.recalls > old.recalls) return { recall: true, calledAt: next.calledAt };
    return undefined; // another change while called (a note, "on my way"): not a call
  }
  return { recall: false, calledAt: next.calledAt };
}

export const finished = <T extends TicketImage>(old: T | undefined, next: T | undefined) => next?.status === 'done' && old?.status !== 'done';

/**
 * Messages a ticket change asks for, each with a fixed id so a replay writes nothing new:
 * "please go to counter N" on every call and recall, and the survey once service is done.
 * `reachable`: the customer left a phone or email, or a browser subscribed to push.
 */
export function ticketChangeMessages<T extends TicketImage>(old: T | undefined, next: T | undefined, ctx: { reachable: boolean; counterNumber?: number }): MessageDraft[] {
  if (!next || !ctx.reachable) return [];
  const base = { ticketId: next.id, branchId: next.branchId, number: next.number };
  const out: MessageDraft[] = [];
  const call = callOf(old, next);
  if (call) {
    out.push({
      id: `called-${next.id}-${call.calledAt}`,
      template: 'ticket_called',
      params: { ...base, ...(ctx.counterNumber !== undefined ? { counterNumber: ctx.counterNumber } : {}), recall: call.recall, ...(call.recall ? { recalls: next.recalls } : {}) },
      createdAt: call.calledAt,
    });
  }
  if (finished(old, next)) {
    out.push({ id: `survey-${next.id}`, template: 'survey_invite', params: base, createdAt: next.endedAt ?? 0 });
  }
  return out;
}

/** Tickets whose customer may be away from the branch: joined remotely, or took a kiosk ticket to the phone. */
const awayChannels: readonly Ticket['channel'][] = ['mobile', 'kiosk'];

/** Changes that can move people in the line: a new ticket, a status, service, counter or priority change. */
const queueFields = ['status', 'serviceId', 'targetCounterId', 'notBefore', 'priority', 'orderReady', 'appointmentAt', 'joinedAt'] as const;
export function queueMoved(old: (TicketImage & Partial<Ticket>) | undefined, next: (TicketImage & Partial<Ticket>) | undefined): boolean {
  if (!next) return false;
  if (!old) return true;
  return queueFields.some((f) => old[f] !== next[f]);
}

/** The change that makes the notifier look at the line: which ticket, whether it joined, and when. */
export interface QueueTrigger {
  ticketId: string;
  joined: boolean;
  /** When the change happened (not when the stream got to it): the join, the call, the end… */
  at: number;
}

/** When a ticket change happened, by the ticket's own clock where it has one. */
export function queueTrigger<T extends TicketImage & Partial<Ticket>>(old: T | undefined, next: T, now: number): QueueTrigger {
  const base = { ticketId: next.id, joined: old === undefined };
  if (!old) return { ...base, at: next.joinedAt ?? now };
  for (const k of ['calledAt', 'servingAt', 'endedAt'] as const) {
    if (next[k] !== undefined && next[k] !== old[k]) return { ...base, at: next[k]! };
  }
  return { ...base, at: now };
}

/**
 * Tickets that should now hear "N ahead of you": waiting, not told yet, with at most `aheadAt`
 * people ahead. Level-triggered (the stream may lag behind the queue), once per ticket (the
 * caller marks it). A ticket that joins already that close is marked `silent`: it sees its
 * place on its page, and a later change must not announce what never changed for it. For the
 * same reason tickets that joined after the triggering change are left to their own join.
 * `aheadOf` is only asked about tickets that pass the cheap checks.
 */
export function aheadCandidates<T extends TicketImage & { joinedAt: number }>(
  tickets: T[],
  aheadOf: (t: T) => number,
  config: Pick<NotifyConfig, 'aheadAt'>,
  trigger: QueueTrigger,
): { ticket: T; ahead: number; silent: boolean }[] {
  return tickets
    .filter((t) => t.status === 'waiting' && awayChannels.includes(t.channel) && t.aheadNotifiedAt === undefined)
    .map((ticket) => ({ ticket, silent: trigger.joined && ticket.id === trigger.ticketId }))
    .filter(({ ticket, silent }) => silent || ticket.joinedAt < trigger.at)
    .map((c) => ({ ...c, ahead: aheadOf(c.ticket) }))
    .filter((c) => c.ahead <= config.aheadAt);
}

/** Who can be told: a remote ticket with a phone or email, or any with a push subscription. */
export const aheadReachable = (t: Pick<TicketImage, 'channel' | 'contact'>, hasPush: boolean) => hasPush || (t.channel === 'mobile' && hasContact(t));

export function aheadMessage(t: TicketImage, ahead: number, now: number): MessageDraft {
  return { id: `ahead-${t.id}`, template: 'ticket_ahead', params: { ticketId: t.id, branchId: t.branchId, number: t.number, ahead }, createdAt: now };
}

// ---------------------------------------------------------------- orders and bookings

/** The instant an open order expires (its window's end plus the collection grace). */
export const collectBy = (o: Pick<Order, 'window'>, config: Pick<PickupConfig, 'expireAfterMinutes'>) => o.window.end + config.expireAfterMinutes * 60_000;

/** An open order within `expiringMinutes` of expiring gets one reminder. */
export function expiringSoon(o: Pick<Order, 'status' | 'window'>, now: number, pickup: Pick<PickupConfig, 'expireAfterMinutes'>, config: Pick<NotifyConfig, 'expiringMinutes'>): boolean {
  if (!isOpenOrder(o.status)) return false;
  const deadline = collectBy(o, pickup);
  return now < deadline && now >= deadline - config.expiringMinutes * 60_000;
}

export function expiringMessage(o: Pick<Order, 'id' | 'branchId' | 'code' | 'window'>, pickup: Pick<PickupConfig, 'expireAfterMinutes'>, now: number): MessageDraft {
  return { id: `expiring-${o.id}`, template: 'order_expiring', params: { orderId: o.id, branchId: o.branchId, code: o.code, deadline: collectBy(o, pickup) }, createdAt: now };
}

/** A reminder goes out only for a booking still booked whose appointment has not begun. */
export function reminderWanted(b: Pick<Booking, 'status' | 'slot'> | undefined, now: number): boolean {
  return b !== undefined && b.status === 'booked' && now < b.slot.start;
}
