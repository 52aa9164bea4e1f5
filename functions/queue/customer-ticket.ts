import { requireTicket, saveTicketMove, type StoredTicket } from '../data/tickets-repo';
import { NotFoundError } from '../domain/errors';
import { applyAction, isTerminal } from '../domain/queue/transitions';
import { tokenMatches } from '../http/customer-token';
import type { OperationRequest } from '../http/handler';
import { loadBranchDay } from './snapshot';
import { customerTicketView } from './views';

/** The owner's ticket, or 404 — a wrong token must not reveal that the ticket exists. */
async function ownTicket(ticketId: string, token: string | undefined): Promise<StoredTicket> {
  const t = await requireTicket(ticketId);
  if (!tokenMatches(token, t.tokenHash)) throw new NotFoundError('No such ticket');
  return t;
}

export async function getTicketForCustomer({ params, customerToken, now }: OperationRequest) {
  const t = await ownTicket(params.ticketId, customerToken);
  return customerTicketView(await loadBranchDay(t.branchId, now), t);
}

export async function updateTicketByCustomer({ params, body, customerToken, now }: OperationRequest) {
  const prev = await ownTicket(params.ticketId, customerToken);
  const snap = await loadBranchDay(prev.branchId, now);
  const action = body.action === 'cancel' ? { type: 'cancel' as const } : { type: 'customerUpdate' as const, state: body.action };
  const { ticket } = applyAction(prev, action, now, snap.policy);
  const next = { ...prev, ...ticket };
  await saveTicketMove(prev, next, {
    freeCounter: prev.counterId && isTerminal(next.status) ? { counterId: prev.counterId } : undefined,
    releaseHolder: isTerminal(next.status),
  });
  const fresh = { ...snap, tickets: snap.tickets.map((t) => (t.id === next.id ? next : t)) };
  return customerTicketView(fresh, next);
}
