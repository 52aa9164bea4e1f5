// The order lifecycle as an explicit table: placed → preparing → ready → collected,
// cancelled (customer before ready, staff before collected) and expired (after the window).
import { ConflictError } from '../errors';
import type { Order, OrderStatus, PickupConfig } from './types';

export type OrderAction =
  | { type: 'prepare' }
  | { type: 'ready' }
  | { type: 'collect' }
  | { type: 'cancel'; by: 'customer' | 'staff' }
  | { type: 'expire' };

const allowedFrom: Record<string, readonly OrderStatus[]> = {
  prepare: ['placed'],
  ready: ['placed', 'preparing'],
  collect: ['ready'],
  'cancel:customer': ['placed', 'preparing'],
  'cancel:staff': ['placed', 'preparing', 'ready'],
  expire: ['placed', 'preparing', 'ready'],
};
const actionKey = (a: OrderAction) => (a.type === 'cancel' ? `cancel:${a.by}` : a.type);

export const isOpenOrder = (s: OrderStatus) => s === 'placed' || s === 'preparing' || s === 'ready';
/** Ending this way gives the stock and the window slot back. */
export const releasesHold = (s: OrderStatus) => s === 'cancelled' || s === 'expired';

export function canApply(order: Pick<Order, 'status'>, action: OrderAction): boolean {
  return allowedFrom[actionKey(action)]!.includes(order.status);
}

export function isExpired(order: Pick<Order, 'status' | 'window'>, now: number, config: Pick<PickupConfig, 'expireAfterMinutes'>): boolean {
  return isOpenOrder(order.status) && now >= order.window.end + config.expireAfterMinutes * 60_000;
}

export function applyOrderAction<T extends Order>(order: T, action: OrderAction, now: number, config: Pick<PickupConfig, 'expireAfterMinutes'>): T {
  if (!canApply(order, action)) {
    throw new ConflictError(`A ${order.status} order cannot take "${actionKey(action)}"`, 'illegal_transition', undefined, { status: order.status, action: actionKey(action) });
  }
  const next = { ...order, version: order.version + 1 };
  switch (action.type) {
    case 'prepare':
      return { ...next, status: 'preparing', preparingAt: now };
    case 'ready':
      return { ...next, status: 'ready', readyAt: now };
    case 'collect':
      return { ...next, status: 'collected', collectedAt: now, endedAt: now };
    case 'cancel':
      return { ...next, status: 'cancelled', cancelledBy: action.by, endedAt: now };
    case 'expire':
      if (!isExpired(order, now, config)) throw new ConflictError('The order is still within its collection time', 'not_expired');
      return { ...next, status: 'expired', endedAt: now };
  }
}
