// Scheduled (EventBridge in AWS, a timer on `npm start`): messages whose time has come.
// A due reminder flips scheduled → pending once (conditional), and the stream delivers it;
// an open order close to expiring gets one "collect it by …" message.
import { recentBranchDays } from '../data/branches-repo';
import { getBooking } from '../data/bookings-repo';
import { listDayOrders } from '../data/orders-repo';
import { dropScheduled, enqueueOnce, listDueScheduled, releaseScheduled } from '../data/outbox';
import { expiringMessage, expiringSoon, notifyConfigOf, reminderWanted } from '../domain/notify/rules';
import { logger } from '../http/logger';
import { forItem, scheduledHandler } from '../observability/scheduled';
import { pickupConfigOf } from '../orders/windows';

/**
 * Releases every scheduled message due by `now`. A booking reminder goes out only while its
 * booking is still booked and not yet begun; otherwise it is dropped. Each release is
 * conditional on the listed version, so two overlapping runs release a message once.
 */
export async function releaseDueMessages(now: number): Promise<{ released: number }> {
  let released = 0;
  let dropped = 0;
  for (const m of await listDueScheduled(now)) {
    await forItem(m, async () => {
      if (m.template === 'booking_reminder' && typeof m.params.bookingId === 'string' && !reminderWanted(await getBooking(m.params.bookingId), now)) {
        if (await dropScheduled(m)) dropped++;
        return;
      }
      if (await releaseScheduled(m, now)) released++;
    });
  }
  if (released || dropped) logger.info('Scheduled messages released', { released, dropped });
  return { released };
}

/** One "collect it soon" message per open order in the last minutes before it expires. */
export async function remindExpiringOrders(now: number): Promise<{ reminded: number }> {
  let reminded = 0;
  for (const { branch, day } of await recentBranchDays(now)) {
    const pickup = pickupConfigOf(branch);
    const config = notifyConfigOf(branch);
    for (const order of await listDayOrders(branch.id, day)) {
      if (!expiringSoon(order, now, pickup, config)) continue;
      const draft = expiringMessage(order, pickup, now);
      if (await forItem(order, () => enqueueOnce({ ...draft, language: order.language, to: order.contact }))) reminded++;
    }
  }
  return { reminded };
}

/** The scheduled Lambda's entry. */
export const handler = scheduledHandler('notify-release', async () => {
  const now = Date.now();
  return { ...(await releaseDueMessages(now)), ...(await remindExpiringOrders(now)) };
});
