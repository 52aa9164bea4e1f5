import { getCounter, setCounterStatus } from '../data/counters-repo';
import { recordServiceTime } from '../data/stats-repo';
import { requireTicket, saveTicketMove, type StoredTicket } from '../data/tickets-repo';
import { ConflictError, NotFoundError } from '../domain/errors';
import { rankForCounter } from '../domain/queue/policy';
import { applyAction, isActive, isTerminal, type TicketAction } from '../domain/queue/transitions';
import type { CounterStatus } from '../domain/queue/types';
import { assertBranch } from '../http/auth';
import type { OperationRequest } from '../http/handler';
import { logger } from '../http/logger';
import { loadBranchDay } from './snapshot';
import { staffTicketView } from './views';

const counterState = (status: CounterStatus) => async ({ params, staff }: OperationRequest) => {
  assertBranch(staff!, params.branchId);
  const c = await setCounterStatus(params.branchId, params.counterId, status, staff!.email);
  return { id: c.id, number: c.number, status: c.status };
};
export const openCounter = counterState('open');
export const pauseCounter = counterState('paused');
export const closeCounter = counterState('closed');

/**
 * Calls the best waiting ticket for this counter. The ticket write is conditional on its
 * version and the counter's, in one transaction: whatever the concurrency, a ticket is
 * called once and a counter holds one ticket. A lost race tries the next candidate.
 */
export async function callNext({ params, staff, now }: OperationRequest) {
  assertBranch(staff!, params.branchId);
  for (let round = 0; round < 8; round++) {
    const counter = await getCounter(params.branchId, params.counterId);
    if (counter.status !== 'open') throw new ConflictError('Open the counter before calling', 'counter_not_open');
    if (counter.currentTicketId) {
      const current = await requireTicket(counter.currentTicketId).catch(() => undefined);
      if (current && isActive(current.status)) {
        throw new ConflictError(`Finish ${current.number} first (complete, no-show or transfer)`, 'counter_busy', undefined, { ticketId: current.id, number: current.number });
      }
    }
    const snap = await loadBranchDay(params.branchId, now);
    const candidates = rankForCounter(snap.tickets, counter, { now, policy: snap.policy, services: snap.services });
    if (candidates.length === 0) return { ticket: null, reason: 'nobody_waiting' };
    for (const candidate of candidates.slice(0, 4)) {
      const { ticket } = applyAction(candidate, { type: 'call', counterId: counter.id }, now, snap.policy);
      const next = { ...candidate, ...ticket } as StoredTicket;
      try {
        await saveTicketMove(candidate as StoredTicket, next, { occupyCounter: { counterId: counter.id, expectedVersion: counter.version } });
        return { ticket: staffTicketView(next, snap.tickets), reason: 'called' };
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
        const fresh = await getCounter(params.branchId, params.counterId);
        if (fresh.version !== counter.version) break; // our counter moved: start over
      }
    }
  }
  throw new ConflictError('The queue is very busy; try again', 'busy');
}

/** Staff moves on one ticket at this counter: recall, start, complete, no-show, transfer. */
function ticketMove(build: (req: OperationRequest) => TicketAction, requireAtCounter = true) {
  return async (req: OperationRequest) => {
    const { params, staff, now } = req;
    assertBranch(staff!, params.branchId);
    const prev = await requireTicket(params.ticketId);
    if (prev.branchId !== params.branchId) throw new NotFoundError('No such ticket');
    if (requireAtCounter && prev.counterId !== params.counterId) {
      throw new ConflictError(`${prev.number} is not at this counter`, 'not_at_this_counter');
    }
    const snap = await loadBranchDay(prev.branchId, now);
    if (req.body?.serviceId && !snap.services.some((s) => s.id === req.body.serviceId)) {
      throw new NotFoundError('No such service in this branch');
    }
    if (req.body?.counterId && !snap.counters.some((c) => c.id === req.body.counterId)) {
      throw new NotFoundError('No such counter in this branch');
    }
    const { ticket, outcome } = applyAction(prev, build(req), now, snap.policy);
    const next = { ...prev, ...ticket } as StoredTicket;
    // The counter is free once the ticket is no longer called or served there.
    const stillThere = next.counterId === prev.counterId && (next.status === 'called' || next.status === 'serving');
    const leftCounter = prev.counterId !== undefined && !stillThere;
    await saveTicketMove(prev, next, {
      freeCounter: leftCounter ? { counterId: prev.counterId! } : undefined,
      releaseHolder: isTerminal(next.status),
    });
    if (next.status === 'done') await measure(snap.services, next);
    return { ticket: staffTicketView(next, snap.tickets), outcome };
  };
}

async function measure(services: { id: string; expectedMinutes: number }[], t: StoredTicket) {
  const started = t.servingAt ?? t.calledAt;
  const service = services.find((s) => s.id === t.serviceId);
  if (!started || !t.endedAt || !service) return;
  // The estimate improves with every service; a failure here must not undo the service itself.
  await recordServiceTime(t.branchId, t.serviceId, t.endedAt - started, service.expectedMinutes).catch((e: unknown) =>
    logger.warn('Could not record service time', { error: (e as Error).name }),
  );
}

export const recallTicket = ticketMove(() => ({ type: 'recall' }));
export const startService = ticketMove(() => ({ type: 'start' }));
export const completeService = ticketMove(() => ({ type: 'complete' }));
export const markNoShow = ticketMove(() => ({ type: 'noShow' }));
export const transferTicket = ticketMove(({ body }) => ({ type: 'transfer', serviceId: body.serviceId, counterId: body.counterId }), false);

/** A note is context for the next clerk, not a move: any ticket of the branch takes one. */
export async function addTicketNote({ params, staff, body, now }: OperationRequest) {
  assertBranch(staff!, params.branchId);
  const prev = await requireTicket(params.ticketId);
  if (prev.branchId !== params.branchId) throw new NotFoundError('No such ticket');
  const next: StoredTicket = { ...prev, notes: [...prev.notes, { at: now, text: body.text }].slice(-20), version: prev.version + 1 };
  await saveTicketMove(prev, next);
  return { ticket: staffTicketView(next), outcome: 'noted' };
}
