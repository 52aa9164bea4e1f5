import { requireOrder } from '../data/orders-repo';
import { requireTicket, saveTicketMove } from '../data/tickets-repo';
import { ConflictError, NotFoundError } from '../domain/errors';
import { normalisePickupCode } from '../domain/orders/pickup-code';
import { applyAction } from '../domain/queue/transitions';
import { assertBranch } from '../http/auth';
import type { OperationRequest } from '../http/handler';
import { moveOrder } from '../orders/order-moves';
import { customerOrderView } from '../orders/views';
import { staffTicketView } from './views';

/**
 * The bag changes hands: the clerk types or scans the customer's code, which must match the
 * order of the ticket at this counter. The order is collected first (its version guards it),
 * then the ticket completes and the counter is free.
 */
export async function handOverOrder({ params, body, staff, now }: OperationRequest) {
  assertBranch(staff!, params.branchId);
  const ticket = await requireTicket(params.ticketId);
  if (ticket.branchId !== params.branchId) throw new NotFoundError('No such ticket');
  if (ticket.counterId !== params.counterId) throw new ConflictError(`${ticket.number} is not at this counter`, 'not_at_this_counter');
  if (!ticket.orderId) throw new ConflictError(`${ticket.number} is not a pickup`, 'not_a_pickup');
  const order = await requireOrder(ticket.orderId);
  if (normalisePickupCode(body.code) !== order.code) {
    throw new ConflictError('This code does not match the order at your counter', 'code_mismatch', [{ field: 'body.code', reason: 'not the code of this order' }]);
  }
  if (order.status !== 'ready') throw new ConflictError(`The order is ${order.status}, not ready`, 'order_not_ready', undefined, { status: order.status });
  // Complete the ticket first in memory: an illegal ticket move must refuse before the order changes.
  const { ticket: done } = applyAction(ticket, { type: 'complete' }, now);
  const collected = await moveOrder(order, { type: 'collect' }, now);
  const next = { ...ticket, ...done };
  await saveTicketMove(ticket, next, { freeCounter: { counterId: params.counterId }, releaseHolder: true });
  return { ticket: staffTicketView(next), order: await customerOrderView(collected) };
}
