import type { OperationRequest } from '../http/handler';
import { loadBranchDay, serviceWait } from './snapshot';

const recentCount = 6;

/** The public screen: numbers, counters and waits only — never names, phones or notes. */
export async function getBoard({ params, now }: OperationRequest) {
  const snap = await loadBranchDay(params.branchId, now);
  const counterNumber = (id?: string) => snap.counters.find((c) => c.id === id)?.number ?? 0;
  const atCounters = snap.tickets
    .filter((t) => (t.status === 'called' || t.status === 'serving') && t.counterId)
    .sort((a, b) => (b.calledAt ?? 0) - (a.calledAt ?? 0));
  const finished = snap.tickets
    .filter((t) => t.calledAt && (t.status === 'done' || t.status === 'no_show'))
    .sort((a, b) => (b.calledAt ?? 0) - (a.calledAt ?? 0))
    .slice(0, recentCount);
  return {
    branchId: snap.branch.id,
    name: snap.branch.name,
    nowServing: atCounters.map((t) => ({ number: t.number, counterNumber: counterNumber(t.counterId), language: t.language, calledAt: t.calledAt ?? 0, recalls: t.recalls })),
    recentlyCalled: finished.map((t) => ({ number: t.number, counterNumber: counterNumber(t.counterId) })),
    waits: snap.services
      .filter((s) => s.kind === 'walkin')
      .map((s) => {
        const w = serviceWait(snap, s);
        return { serviceId: s.id, name: s.name, prefix: s.prefix, waiting: w.waiting, estimate: w.estimate };
      }),
    // Ticket numbers, not pickup codes: the code is what proves a bag is yours at the counter.
    readyForPickup: snap.tickets.filter((t) => t.orderId && t.orderReady && t.status === 'waiting').map((t) => t.number),
    updatedAt: now,
  };
}
