import { recentBranchDays } from '../data/branches-repo';
import { listDayOrders } from '../data/orders-repo';
import { ConflictError } from '../domain/errors';
import { isExpired } from '../domain/orders/transitions';
import { logger } from '../http/logger';
import { forItem, scheduledHandler } from '../observability/scheduled';
import { moveOrder } from './order-moves';
import { pickupConfigOf } from './windows';

/**
 * Expires orders not collected in time: stock and window go back, the customer is told.
 * Runs on a schedule (EventBridge in AWS, a timer in the local runtime). A cancel that wins
 * the race is fine: the version condition lets exactly one of them release the hold.
 */
export async function expireDueOrders(now: number): Promise<{ expired: string[] }> {
  const expired: string[] = [];
  for (const { branch, day } of await recentBranchDays(now)) {
    const config = pickupConfigOf(branch);
    for (const order of await listDayOrders(branch.id, day)) {
      if (!isExpired(order, now, config)) continue;
      await forItem(order, async () => {
        try {
          await moveOrder(order, { type: 'expire' }, now);
          expired.push(order.id);
          logger.info('Order expired', { orderId: order.id });
        } catch (e) {
          if (!(e instanceof ConflictError)) throw e;
          logger.info('Order moved before it could expire', { orderId: order.id, code: e.code });
        }
      });
    }
  }
  return { expired };
}

/** The scheduled Lambda's entry. */
export const handler = scheduledHandler('order-expiry', async () => ({ expired: (await expireDueOrders(Date.now())).expired.length }));
