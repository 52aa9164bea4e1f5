import { getBranchBundle, type BranchBundle } from '../data/branches-repo';
import { listDayTickets, type StoredTicket } from '../data/tickets-repo';
import { estimateWait } from '../domain/queue/estimate';
import { branchDay } from '../domain/queue/numbering';
import { positionOf } from '../domain/queue/policy';
import { defaultPolicy, type QueuePolicyConfig, type Service } from '../domain/queue/types';

/** Everything the queue rules need about a branch right now: two reads. */
export interface BranchDay extends BranchBundle {
  day: string;
  tickets: StoredTicket[];
  policy: QueuePolicyConfig;
  now: number;
}

export async function loadBranchDay(branchId: string, now: number): Promise<BranchDay> {
  const bundle = await getBranchBundle(branchId);
  const day = branchDay(now, bundle.branch.timeZone);
  const tickets = await listDayTickets(branchId, day);
  return { ...bundle, day, tickets, policy: { ...defaultPolicy, ...bundle.branch.policy }, now };
}

export function openCountersFor(snap: BranchDay, serviceId: string): number {
  return snap.counters.filter((c) => c.status === 'open' && c.serviceIds.includes(serviceId)).length;
}

const ctx = (snap: BranchDay) => ({ now: snap.now, policy: snap.policy, services: snap.services });

/** People ahead of a ticket and the honest range of its wait. */
export function ticketOutlook(snap: BranchDay, ticket: StoredTicket) {
  const service = snap.services.find((s) => s.id === ticket.serviceId);
  if (ticket.status !== 'waiting' || !service) return { position: 0, estimate: undefined };
  const position = positionOf(ticket.id, snap.tickets, snap.counters, ctx(snap));
  return { position, estimate: estimateWait({ ahead: position, openCounters: openCountersFor(snap, service.id), stats: snap.stats.get(service.id), expectedMinutes: service.expectedMinutes }) };
}

/** Waiting count and the wait of someone joining a service now. */
export function serviceWait(snap: BranchDay, service: Service) {
  const waiting = snap.tickets.filter((t) => t.serviceId === service.id && t.status === 'waiting').length;
  const openCounters = openCountersFor(snap, service.id);
  return { waiting, openCounters, estimate: estimateWait({ ahead: waiting, openCounters, stats: snap.stats.get(service.id), expectedMinutes: service.expectedMinutes }) };
}
