import { ulid } from 'ulid';
import { getBranch } from '../data/branches-repo';
import { listDayOrders, requireOrder, saveOrderMove, type StoredOrder } from '../data/orders-repo';
import { enqueue, type OutboxMessage } from '../data/outbox';
import { ConflictError, NotFoundError } from '../domain/errors';
import { applyOrderAction, releasesHold, type OrderAction } from '../domain/orders/transitions';
import { localDay } from '../domain/time';
import { assertBranch } from '../http/auth';
import { tokenMatches } from '../http/customer-token';
import { Reply, type OperationRequest } from '../http/handler';
import { markTicketOrderReady } from './check-in';
import { customerOrderView, staffOrderView } from './views';
import { pickupConfigOf } from './windows';

const messageFor = (o: StoredOrder, now: number): OutboxMessage | undefined => {
  const template = ({ ready: 'order_ready', cancelled: 'order_cancelled', expired: 'order_expired' } as const)[o.status as 'ready' | 'cancelled' | 'expired'];
  return template && { id: ulid(now), template, language: o.language, to: o.contact, params: { code: o.code, orderId: o.id, branchId: o.branchId }, createdAt: now };
};

/** Applies one lifecycle move with optimistic concurrency; releases stock and window when it ends the order. */
export async function moveOrder(prev: StoredOrder, action: OrderAction, now: number, expectedVersion?: number, changes: Partial<Pick<StoredOrder, 'bagLocation'>> = {}): Promise<StoredOrder> {
  if (expectedVersion !== undefined && expectedVersion !== prev.version) {
    throw new ConflictError('The order changed meanwhile; reload and try again', 'stale', undefined, { version: prev.version });
  }
  const branch = await getBranch(prev.branchId);
  const next = { ...applyOrderAction(prev, action, now, pickupConfigOf(branch)), ...changes };
  await saveOrderMove(prev, next, { release: releasesHold(next.status), message: messageFor(next, now) });
  if (next.status === 'ready' && next.ticketId) await markTicketOrderReady(next.ticketId, next.bagLocation, now);
  return next;
}

async function ownOrder(orderId: string, token: string | undefined) {
  const o = await requireOrder(orderId);
  if (!tokenMatches(token, o.tokenHash)) throw new NotFoundError('No such order'); // never confirm it exists
  return o;
}

export async function getOrderForCustomer({ params, customerToken }: OperationRequest) {
  return customerOrderView(await ownOrder(params.orderId, customerToken));
}

export async function cancelOrder({ params, body, customerToken, now }: OperationRequest) {
  const prev = await ownOrder(params.orderId, customerToken);
  return customerOrderView(await moveOrder(prev, { type: 'cancel', by: 'customer' }, now, body?.version));
}

async function branchOrder(branchId: string, orderId: string) {
  const o = await requireOrder(orderId);
  if (o.branchId !== branchId) throw new NotFoundError('No such order');
  return o;
}

export async function getBranchOrder({ params, staff, now }: OperationRequest) {
  assertBranch(staff!, params.branchId);
  return staffOrderView(await branchOrder(params.branchId, params.orderId), now);
}

const staffActions: Record<string, OrderAction> = {
  preparing: { type: 'prepare' },
  ready: { type: 'ready' },
  collected: { type: 'collect' },
  cancelled: { type: 'cancel', by: 'staff' },
};

export async function updateOrderStatus({ params, body, staff, now }: OperationRequest) {
  assertBranch(staff!, params.branchId);
  const prev = await branchOrder(params.branchId, params.orderId);
  const changes = body.status === 'ready' && body.bagLocation ? { bagLocation: body.bagLocation } : {};
  return staffOrderView(await moveOrder(prev, staffActions[body.status]!, now, body.version, changes), now);
}

export async function listBranchOrders({ params, query, staff, now }: OperationRequest) {
  assertBranch(staff!, params.branchId);
  const branch = await getBranch(params.branchId);
  const day = query.date ?? localDay(now, branch.timeZone);
  const orders = await listDayOrders(branch.id, day);
  return { branchId: branch.id, day, orders: await Promise.all(orders.map((o) => staffOrderView(o, now))) };
}

/** "Your order is ready" once more (the customer lost the message, or changed phone). */
export async function resendReadyMessage({ params, staff, now }: OperationRequest) {
  assertBranch(staff!, params.branchId);
  const o = await branchOrder(params.branchId, params.orderId);
  if (o.status !== 'ready') throw new ConflictError(`The order is ${o.status}, not ready`, 'order_not_ready', undefined, { status: o.status });
  await enqueue(messageFor(o, now)!);
  return new Reply(202, { queued: true, template: 'order_ready' });
}
