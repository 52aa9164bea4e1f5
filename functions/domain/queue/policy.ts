// Who is called next. Pure: the same ranking drives call-next, the console's list, the
// customer's position and the benchmarks' simulated branch.
import type { Counter, QueuePolicyConfig, Service, Ticket } from './types';

export interface PolicyContext {
  now: number;
  policy: QueuePolicyConfig;
  services: Pick<Service, 'id' | 'kind'>[];
}

const minute = 60_000;

/** Tiers, lowest first: a due appointment, then a ready pickup (at a pickup counter), then everyone else. */
const enum Tier {
  AppointmentDue = 0,
  ReadyPickup = 1,
  Normal = 2,
  Deferred = 3, // re-queued and still inside its grace: shown, not callable
}

export function appointmentDue(t: Ticket, now: number, policy: QueuePolicyConfig): boolean {
  if (t.appointmentAt === undefined) return false;
  return now >= t.appointmentAt - policy.appointmentEarlyMinutes * minute && now <= t.appointmentAt + policy.appointmentGraceMinutes * minute;
}

/** Priority class lifted by one step every agingMinutes of waiting: nothing starves. */
export function effectivePriority(t: Ticket, now: number, policy: QueuePolicyConfig): number {
  const waited = Math.max(0, now - t.joinedAt);
  return t.priority + Math.floor(waited / (policy.agingMinutes * minute));
}

const deferred = (t: Ticket, now: number) => t.notBefore !== undefined && t.notBefore > now;

function tier(t: Ticket, ctx: PolicyContext, pickupCounter: boolean): Tier {
  if (deferred(t, ctx.now)) return Tier.Deferred;
  if (appointmentDue(t, ctx.now, ctx.policy)) return Tier.AppointmentDue;
  if (pickupCounter && t.orderReady && ctx.services.find((s) => s.id === t.serviceId)?.kind === 'pickup') return Tier.ReadyPickup;
  return Tier.Normal;
}

function compare(ctx: PolicyContext, pickupCounter: boolean) {
  return (a: Ticket, b: Ticket): number => {
    const ta = tier(a, ctx, pickupCounter);
    const tb = tier(b, ctx, pickupCounter);
    if (ta !== tb) return ta - tb;
    if (ta === Tier.AppointmentDue) return a.appointmentAt! - b.appointmentAt! || a.joinedAt - b.joinedAt;
    const pa = effectivePriority(a, ctx.now, ctx.policy);
    const pb = effectivePriority(b, ctx.now, ctx.policy);
    return pb - pa || a.joinedAt - b.joinedAt || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
}

/** May this counter call this ticket now? */
export function callableAt(t: Ticket, counter: Pick<Counter, 'id' | 'serviceIds'>, now: number): boolean {
  return (
    t.status === 'waiting' &&
    counter.serviceIds.includes(t.serviceId) &&
    !deferred(t, now) &&
    (t.targetCounterId === undefined || t.targetCounterId === counter.id)
  );
}

/** The tickets this counter may call, best first. */
export function rankForCounter<T extends Ticket>(tickets: T[], counter: Pick<Counter, 'id' | 'serviceIds' | 'pickup'>, ctx: PolicyContext): T[] {
  return tickets.filter((t) => callableAt(t, counter, ctx.now)).sort(compare(ctx, counter.pickup));
}

export const pickNext = <T extends Ticket>(tickets: T[], counter: Pick<Counter, 'id' | 'serviceIds' | 'pickup'>, ctx: PolicyContext): T | undefined =>
  rankForCounter(tickets, counter, ctx)[0];

/** The whole waiting line in calling order (for the console), deferred tickets last. */
export function orderQueue<T extends Ticket>(tickets: T[], ctx: PolicyContext): T[] {
  return tickets.filter((t) => t.status === 'waiting').sort(compare(ctx, false));
}

/**
 * People ahead of a ticket: those waiting for the same service who rank before it,
 * plus tickets of other services that only its counters can serve and that rank before it.
 * A ticket transferred to one counter counts only those that counter would call first.
 */
export function positionOf(ticketId: string, tickets: Ticket[], counters: Pick<Counter, 'id' | 'serviceIds' | 'pickup' | 'status'>[], ctx: PolicyContext): number {
  const me = tickets.find((t) => t.id === ticketId);
  if (!me || me.status !== 'waiting') return 0;
  const mine = counters.filter((c) => c.serviceIds.includes(me.serviceId) && (me.targetCounterId === undefined || c.id === me.targetCounterId));
  const open = mine.filter((c) => c.status === 'open');
  const relevant = open.length > 0 ? open : mine;
  // Competitors: waiting tickets some of my counters would also serve.
  const rivals = tickets.filter((t) => t.status === 'waiting' && relevant.some((c) => c.serviceIds.includes(t.serviceId)) && (t.serviceId === me.serviceId || relevant.every((c) => c.serviceIds.includes(t.serviceId))));
  const ordered = rivals.sort(compare(ctx, false));
  const index = ordered.findIndex((t) => t.id === ticketId);
  return Math.max(0, index);
}
