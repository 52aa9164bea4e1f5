import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../domain/errors';
import type { Order } from '../domain/orders/types';
import { localDay } from '../domain/time';
import { db, table } from './client';
import { queryAll, strip } from './items';
import { keys } from './keys';
import type { OutboxMessage } from './outbox';
import { outboxPuts } from './outbox';
import { contactLinkPuts } from './privacy-repo';
import { defaultRetention, personalExpiry, visitEnd } from '../domain/privacy/retention';
import { transact, type TxItem } from './transact';

/** An order as stored: the order plus the hash of its customer token. */
export interface StoredOrder extends Order {
  tokenHash: string;
  day: string; // branch-local day of the window
  /** The branch's retention for visits when the order was placed. */
  retainDays?: number;
}

const orderExpiry = (o: StoredOrder) => personalExpiry(visitEnd(o.window.end, o.endedAt, o.collectedAt), o.retainDays ?? defaultRetention.visitDays);

const orderItem = (o: StoredOrder) => ({
  ...keys.order(o.id),
  ...keys.orderDayEntry(o.branchId, o.day, o.window.start, o.id),
  entity: 'order',
  ...o,
  // Contact details go with the whole order after the branch's retention, counted from the visit's end.
  expiresAt: orderExpiry(o),
});

export const windowDay = (o: Pick<Order, 'window'>, timeZone: string) => localDay(o.window.start, timeZone);

export type PlaceOutcome = { ok: true } | { ok: false; reason: 'stock'; lineIndex: number } | { ok: false; reason: 'window' } | { ok: false; reason: 'code' };

/**
 * One transaction: take each line's quantity from stock (never below zero), take one place
 * in the window (never above capacity), claim the pickup code, store the order and its
 * confirmation message. All or nothing.
 */
export async function placeOrder(order: StoredOrder, capacity: number, message: OutboxMessage): Promise<PlaceOutcome> {
  const lines: TxItem[] = order.lines.map((l) => ({
    Update: {
      TableName: table(),
      Key: keys.product(order.branchId, l.productId),
      UpdateExpression: 'SET stock = stock - :q, version = version + :one',
      ConditionExpression: 'attribute_exists(pk) AND stock >= :q',
      ExpressionAttributeValues: { ':q': l.quantity, ':one': 1 },
    },
  }));
  const items: TxItem[] = [
    ...lines,
    {
      Update: {
        TableName: table(),
        Key: keys.pickupWindow(order.branchId, order.day, order.window.start),
        UpdateExpression: 'SET used = if_not_exists(used, :zero) + :one, #end = :end, expiresAt = :exp',
        ConditionExpression: 'attribute_not_exists(used) OR used < :cap',
        ExpressionAttributeNames: { '#end': 'end' },
        ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':cap': capacity, ':end': order.window.end, ':exp': Math.floor(order.window.end / 1000) + 7 * 86400 },
      },
    },
    { Put: { TableName: table(), Item: { ...keys.pickupCode(order.branchId, order.code), entity: 'pickupCode', orderId: order.id, expiresAt: Math.floor(order.window.end / 1000) + 2 * 86400 }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: table(), Item: orderItem(order), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...outboxPuts(message, order.retainDays),
    ...contactLinkPuts(order.contact, order.branchId, 'order', order.id, keys.order(order.id), orderExpiry(order)),
  ];
  const failed = await transact(items);
  if (failed.length === 0) return { ok: true };
  const line = failed.find((i) => i < lines.length);
  if (line !== undefined) return { ok: false, reason: 'stock', lineIndex: line };
  if (failed.includes(lines.length)) return { ok: false, reason: 'window' };
  return { ok: false, reason: 'code' };
}

/**
 * Moves an order from `prev` to `next`, conditional on the version it was read at. When the
 * move ends the order without collection, stock and the window place go back in the same
 * transaction, so a cancel racing an expiry releases exactly once.
 */
export async function saveOrderMove(prev: StoredOrder, next: StoredOrder, opts: { release?: boolean; message?: OutboxMessage } = {}): Promise<void> {
  const items: TxItem[] = [
    { Put: { TableName: table(), Item: orderItem(next), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': prev.version } } },
  ];
  if (opts.release) {
    for (const l of prev.lines) {
      items.push({
        Update: { TableName: table(), Key: keys.product(prev.branchId, l.productId), UpdateExpression: 'ADD stock :q, version :one', ExpressionAttributeValues: { ':q': l.quantity, ':one': 1 } },
      });
    }
    items.push({
      Update: { TableName: table(), Key: keys.pickupWindow(prev.branchId, prev.day, prev.window.start), UpdateExpression: 'ADD used :minus', ConditionExpression: 'used >= :one', ExpressionAttributeValues: { ':minus': -1, ':one': 1 } },
    });
  }
  if (opts.message) items.push(...outboxPuts(opts.message, next.retainDays));
  const failed = await transact(items);
  if (failed.length > 0) throw new ConflictError('The order changed meanwhile; reload and try again', 'stale', undefined, { version: prev.version });
}

export async function getOrder(orderId: string): Promise<StoredOrder | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.order(orderId), ConsistentRead: true }));
  return out.Item ? strip<StoredOrder>(out.Item) : undefined;
}

export async function requireOrder(orderId: string): Promise<StoredOrder> {
  const o = await getOrder(orderId);
  if (!o) throw new NotFoundError('No such order');
  return o;
}

export async function findOrderByCode(branchId: string, code: string): Promise<StoredOrder | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.pickupCode(branchId, code), ConsistentRead: true }));
  return out.Item ? getOrder(String(out.Item.orderId)) : undefined;
}

/** Orders whose window falls on a branch-local day, in window order. */
export async function listDayOrders(branchId: string, day: string): Promise<StoredOrder[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.orderDay(branchId, day).gsi1pk } });
  return items.map((i) => strip<StoredOrder>(i));
}

/** Places taken in each window of a day (start → used). */
export async function windowUse(branchId: string, day: string): Promise<Map<number, number>> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.pickupWindowDay(branchId, day) }, ConsistentRead: true });
  return new Map(items.map((i) => [Number(String(i.sk).slice(2)), Number(i.used ?? 0)]));
}
