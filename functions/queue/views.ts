import type { StoredTicket } from '../data/tickets-repo';
import { ticketOutlook, type BranchDay } from './snapshot';

// What each audience may see of a ticket. The customer view has no staff notes;
// the board view (board.ts) has no personal data at all.
export function customerTicketView(snap: BranchDay, t: StoredTicket) {
  const service = snap.services.find((s) => s.id === t.serviceId);
  const counter = t.counterId ? snap.counters.find((c) => c.id === t.counterId) : undefined;
  const { position, estimate } = ticketOutlook(snap, t);
  return {
    id: t.id,
    branchId: t.branchId,
    serviceId: t.serviceId,
    serviceName: service?.name ?? { he: t.serviceId, en: t.serviceId },
    number: t.number,
    status: t.status,
    channel: t.channel,
    language: t.language,
    needs: t.needs,
    customerState: t.customerState,
    joinedAt: t.joinedAt,
    calledAt: t.calledAt,
    counterNumber: counter?.number,
    position,
    estimate,
    recalls: t.recalls,
    version: t.version,
  };
}

export function staffTicketView(t: StoredTicket, dayTickets: StoredTicket[] = []) {
  const visitsToday = t.holder ? dayTickets.filter((o) => o.holder === t.holder && o.id !== t.id && o.joinedAt < t.joinedAt).length : 0;
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    status: t.status,
    channel: t.channel,
    language: t.language,
    needs: t.needs,
    customerState: t.customerState,
    priority: t.priority,
    joinedAt: t.joinedAt,
    calledAt: t.calledAt,
    counterId: t.counterId,
    targetCounterId: t.targetCounterId,
    recalls: t.recalls,
    requeued: t.requeued,
    contactName: t.contact?.name,
    reason: t.reason,
    notes: t.notes,
    visitsToday,
    appointmentAt: t.appointmentAt,
    orderId: t.orderId,
    orderReady: t.orderId ? Boolean(t.orderReady) : undefined,
    bagLocation: t.bagLocation,
    version: t.version,
  };
}
