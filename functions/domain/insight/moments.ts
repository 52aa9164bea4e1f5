// Moments of truth: when a human call back is worth its cost. Pure rules from stored changes to
// items on the branch's call-back list; each item's id comes from its cause, so it is raised once.

export const momentKinds = ['abandoned_order', 'order_expired', 'booking_no_show', 'low_score', 'talk_to_person', 'complaint', 'long_wait'] as const;
export type MomentKind = (typeof momentKinds)[number];
export const momentStatuses = ['open', 'called', 'resolved'] as const;
export type MomentStatus = (typeof momentStatuses)[number];

export interface Moment {
  id: string;
  branchId: string;
  kind: MomentKind;
  status: MomentStatus;
  createdAt: number;
  /** Whom to call, when they left a way to reach them. */
  contact?: { name?: string; phone?: string; email?: string };
  /** What the caller should know before dialling (codes, times, a score and comment). */
  context: Record<string, string | number | boolean>;
  version: number;
  updatedAt?: number;
  updatedBy?: string;
}

type Image = Record<string, any>;
const open = (m: Omit<Moment, 'status' | 'version'>): Moment => ({ ...m, status: 'open', version: 1 });
const reachable = (c: Image | undefined) => Boolean(c?.phone || c?.email);

export interface MomentSettings {
  /** A ticket that waited longer than this raises a "long wait" alert for its service (once an hour). */
  waitAlertMinutes: number;
  /** A checkout left this long without an order is an abandoned purchase. */
  abandonAfterMinutes: number;
}
export const defaultMomentSettings: MomentSettings = { waitAlertMinutes: 20, abandonAfterMinutes: 30 };

/** The moments a stored change raises (old → new image). */
export function momentsOfChange(before: Image | undefined, after: Image | undefined, settings: MomentSettings, hourOf: (at: number) => string): Moment[] {
  if (!after) return [];
  const became = (s: string) => after.status === s && before?.status !== s;
  const branchId = String(after.branchId);
  switch (after.entity) {
    case 'order':
      if (became('expired') && reachable(after.contact)) {
        return [open({ id: `order-expired-${after.id}`, branchId, kind: 'order_expired', createdAt: after.endedAt, contact: after.contact, context: { orderCode: after.code, windowStart: after.window.start, items: after.lines.map((l: Image) => `${l.quantity}× ${l.name[after.language]}`).join(', ') } })];
      }
      return [];
    case 'booking':
      if (became('no_show') && reachable(after.contact)) {
        return [open({ id: `booking-no-show-${after.id}`, branchId, kind: 'booking_no_show', createdAt: after.endedAt, contact: after.contact, context: { bookingCode: after.code, serviceId: after.serviceId, slotStart: after.slot.start, ...(after.reason ? { reason: after.reason } : {}) } })];
      }
      return [];
    case 'ticket': {
      if (!(before?.status === 'waiting' && after.status === 'called' && !before.requeued)) return [];
      const waited = (after.calledAt - after.joinedAt) / 60_000;
      if (waited <= settings.waitAlertMinutes) return [];
      const hour = hourOf(after.joinedAt);
      return [open({ id: `long-wait-${after.serviceId}-${hour}`, branchId, kind: 'long_wait', createdAt: after.calledAt, context: { serviceId: after.serviceId, hour, waitedMinutes: Math.round(waited), number: after.number, thresholdMinutes: settings.waitAlertMinutes } })];
    }
    case 'checkout':
      return []; // raised by the sweeper when it is left too long (abandonedCheckouts)
    default:
      return [];
  }
}

/** A checkout with a contact that never became an order within the allowed time. */
export function isAbandoned(c: { createdAt: number; orderId?: string; contact?: Image }, now: number, settings: MomentSettings): boolean {
  return !c.orderId && reachable(c.contact) && now - c.createdAt >= settings.abandonAfterMinutes * 60_000;
}

/** What a survey answer raises: a low score, and a wish to talk to a person. */
export function momentsOfSurvey(a: { kind: string; visitId: string; branchId: string; serviceId: string; score: number; comment?: string; wantsCall: boolean; at: number; visitCode: string }, contact: Image | undefined): Moment[] {
  const context = { visit: a.visitCode, serviceId: a.serviceId, score: a.score, ...(a.comment ? { comment: a.comment } : {}) };
  const out: Moment[] = [];
  if (a.score <= 2) out.push(open({ id: `low-score-${a.kind}-${a.visitId}`, branchId: a.branchId, kind: 'low_score', createdAt: a.at, contact: reachable(contact) ? contact : undefined, context }));
  if (a.wantsCall && reachable(contact)) out.push(open({ id: `talk-${a.kind}-${a.visitId}`, branchId: a.branchId, kind: 'talk_to_person', createdAt: a.at, contact, context }));
  return out;
}
