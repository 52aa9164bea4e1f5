import { getBranchBundle } from '../data/branches-repo';
import { findOrderByCode, requireOrder, saveOrderMove, type StoredOrder } from '../data/orders-repo';
import { requireTicket, saveTicketMove } from '../data/tickets-repo';
import { isOpenAt } from '../domain/branch';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import { isPickupCode, normalisePickupCode } from '../domain/orders/pickup-code';
import { isOpenOrder } from '../domain/orders/transitions';
import { applyAction } from '../domain/queue/transitions';
import { tokenMatches } from '../http/customer-token';
import type { OperationRequest } from '../http/handler';
import { Reply } from '../http/handler';
import { logger } from '../http/logger';
import { issueTicket } from '../queue/issue-ticket';
import { loadBranchDay } from '../queue/snapshot';
import { customerTicketView } from '../queue/views';

const lineSummary = (o: StoredOrder) => o.lines.map((l) => `${l.quantity}× ${l.name[o.language]}`).join(', ');

/**
 * The customer arrived for an order (code typed or scanned at the kiosk, or "I'm here" on
 * the phone): a ticket in the branch's pickup lane, served first at the pickup counter once
 * the bag is ready. One ticket per order, however often they check in.
 */
export async function checkInOrder({ params, body, customerToken, now }: OperationRequest) {
  const code = normalisePickupCode(body.code);
  if (!isPickupCode(code)) throw new ValidationError('Not a pickup code', [{ field: 'body.code', reason: 'six letters and digits from your order' }]);
  const { branch, services } = await getBranchBundle(params.branchId);
  const order = await findOrderByCode(branch.id, code);
  // The kiosk's channel needs the enrolled kiosk (route table); the phone's needs the order's own token,
  // so a code alone, guessed anywhere, checks nobody in.
  if (!order || (body.channel === 'mobile' && !tokenMatches(customerToken, order.tokenHash))) throw new NotFoundError('No order with this code at this branch');
  if (!isOpenOrder(order.status)) throw new ConflictError(`This order is ${order.status}`, 'order_closed', undefined, { status: order.status });
  if (body.channel === 'mobile' && !isOpenAt(branch, now)) {
    throw new ConflictError('The branch is closed now; check in when you arrive during opening hours', 'branch_closed');
  }
  const service = services.find((s) => s.kind === 'pickup');
  if (!service) throw new ConflictError('This branch has no pickup counter', 'no_pickup_service');

  const issued = await issueTicket(branch, service, `order:${order.id}`, {
    channel: 'pickup',
    language: order.language,
    priority: service.priority,
    needs: [],
    customerState: 'arrived',
    contact: { name: order.contact.name },
    reason: lineSummary(order),
    orderId: order.id,
    orderReady: order.status === 'ready',
    ...(order.status === 'ready' && order.bagLocation ? { bagLocation: order.bagLocation } : {}),
  }, now);
  if (!issued.existing) await linkTicket(order, issued.ticket.id, now);
  const snap = await loadBranchDay(branch.id, now);
  const result = {
    ticket: customerTicketView(snap, issued.ticket),
    order: { id: order.id, code: order.code, status: order.status, ready: order.status === 'ready' },
    existing: issued.existing,
    ...(issued.existing ? {} : { token: issued.token }),
  };
  return issued.existing ? new Reply(200, result) : result;
}

/** Remembers the order's ticket, so "ready" can reach the ticket (retrying a lost race). */
async function linkTicket(order: StoredOrder, ticketId: string, now: number) {
  let prev = order;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await saveOrderMove(prev, { ...prev, ticketId, arrivedAt: now, version: prev.version + 1 });
      return;
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      prev = await requireOrder(order.id);
    }
  }
}

/** The bag is ready: the waiting pickup ticket becomes first in line at the pickup counter. */
export async function markTicketOrderReady(ticketId: string, bagLocation: string | undefined, now: number): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const t = await requireTicket(ticketId);
    if (t.status !== 'waiting' || t.orderReady) return;
    try {
      const { ticket } = applyAction(t, { type: 'markOrderReady' }, now);
      await saveTicketMove(t, { ...t, ...ticket, ...(bagLocation ? { bagLocation } : {}) });
      return;
    } catch (e) {
      if (!(e instanceof ConflictError) || e.code !== 'stale') throw e;
    }
  }
  logger.warn('Could not mark the pickup ticket ready', { ticketId });
}
