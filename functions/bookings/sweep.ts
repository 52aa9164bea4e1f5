import { recentBranchDays } from '../data/branches-repo';
import { listDayBookings } from '../data/bookings-repo';
import { isNoShowDue } from '../domain/bookings/transitions';
import { appointmentConfigOf } from '../domain/bookings/types';
import { ConflictError } from '../domain/errors';
import { logger } from '../http/logger';
import { forItem, scheduledHandler } from '../observability/scheduled';
import { markMissed } from './booking-moves';

/**
 * Bookings nobody checked in for by the end of their grace become no-shows (reported to staff,
 * the customer is told; nothing is freed: the time has passed). Runs on a schedule
 * (EventBridge in AWS, a timer in the local runtime). A check-in that wins the race is fine:
 * the version condition lets exactly one of them through.
 */
export async function sweepBookings(now: number): Promise<{ missed: string[] }> {
  const missed: string[] = [];
  for (const { branch, day } of await recentBranchDays(now)) {
    const config = appointmentConfigOf(branch);
    for (const b of await listDayBookings(branch.id, day)) {
      if (!isNoShowDue(b, now, config)) continue;
      await forItem(b, async () => {
        try {
          await markMissed(b, now);
          missed.push(b.id);
          logger.info('Booking marked missed', { bookingId: b.id });
        } catch (e) {
          if (!(e instanceof ConflictError)) throw e;
          logger.info('Booking moved before it could be marked missed', { bookingId: b.id, code: e.code });
        }
      });
    }
  }
  return { missed };
}

/** The scheduled Lambda's entry. */
export const handler = scheduledHandler('booking-sweep', async () => ({ missed: (await sweepBookings(Date.now())).missed.length }));
