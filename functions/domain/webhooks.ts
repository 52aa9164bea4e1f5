// Webhooks for integrators: which state changes become events, and how a delivery is signed.
// No AWS, no HTTP: the stream handler feeds images in, the sender posts what comes out.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const webhookEvents = [
  'ticket.created',
  'ticket.called',
  'ticket.completed',
  'ticket.no_show',
  'order.placed',
  'order.ready',
  'order.collected',
  'order.cancelled',
  'order.expired',
  'booking.created',
  'booking.rescheduled',
  'booking.cancelled',
  'booking.checked_in',
  'booking.no_show',
] as const;
export type WebhookEventType = (typeof webhookEvents)[number];

export interface WebhookEvent {
  id: string; // stable for one change: a replayed stream record yields the same id
  type: WebhookEventType;
  branchId: string;
  occurredAt: number;
  /** What an integrator needs to act, never a customer's name, phone, email or token. */
  data: Record<string, string | number | boolean | undefined>;
}

type Image = Record<string, any>;

/** The event a stored change is, if any (old → new image of one item). */
export function eventOfChange(eventId: string, before: Image | undefined, after: Image | undefined, at: number): WebhookEvent | undefined {
  if (!after) return undefined;
  const statusChanged = after.status !== before?.status;
  const base = { id: eventId, branchId: String(after.branchId), occurredAt: at };
  const status = String(after.status);
  switch (after.entity) {
    case 'ticket': {
      const recalled = status === 'called' && (after.recalls ?? 0) > (before?.recalls ?? 0);
      const type = !before ? 'ticket.created' : recalled || (statusChanged && status === 'called') ? 'ticket.called' : !statusChanged ? undefined : status === 'done' ? 'ticket.completed' : status === 'no_show' ? 'ticket.no_show' : undefined;
      return type && { ...base, type, data: { ticketId: after.id, number: after.number, serviceId: after.serviceId, status, counterId: after.counterId, recall: type === 'ticket.called' && (after.recalls ?? 0) > 0 } };
    }
    case 'order': {
      const type = !before ? 'order.placed' : !statusChanged ? undefined : (({ ready: 'order.ready', collected: 'order.collected', cancelled: 'order.cancelled', expired: 'order.expired' }) as Record<string, WebhookEventType>)[status];
      return type && { ...base, type, data: { orderId: after.id, code: after.code, status, windowStart: after.window?.start, totalAgorot: after.totalAgorot } };
    }
    case 'booking': {
      const moved = before && before.slot?.start !== after.slot?.start && status === 'booked';
      const type = !before ? 'booking.created' : moved ? 'booking.rescheduled' : !statusChanged ? undefined : (({ cancelled: 'booking.cancelled', checked_in: 'booking.checked_in', no_show: 'booking.no_show' }) as Record<string, WebhookEventType>)[status];
      return type && { ...base, type, data: { bookingId: after.id, code: after.code, serviceId: after.serviceId, status, slotStart: after.slot?.start } };
    }
    default:
      return undefined;
  }
}

/**
 * The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the
 * webhook's secret. Receivers recompute it and refuse timestamps older than a few minutes.
 */
export function signatureHeader(secret: string, body: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** The documented check a receiver runs (kept here so the recipe is tested). */
export function verifySignature(secret: string, header: string, body: string, nowMs: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowMs / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  const given = Buffer.from(parts.v1);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Waits between attempts of one delivery: quick first, then backing off. */
export const retryDelaysMs = [0, 1000, 4000] as const;
