import { windowUse } from '../data/orders-repo';
import type { Branch } from '../domain/branch';
import { availability, bookableDays, windowsOfDay, type WindowAvailability } from '../domain/orders/windows';
import { defaultPickupConfig, type PickupConfig } from '../domain/orders/types';
import { getBranch } from '../data/branches-repo';
import type { OperationRequest } from '../http/handler';

export const pickupConfigOf = (b: Branch): PickupConfig => ({ ...defaultPickupConfig, ...b.pickup });

/** Windows of the given days with what is left in each (one query per day). */
export async function windowsWithAvailability(branch: Branch, days: string[], now: number): Promise<WindowAvailability[]> {
  const config = pickupConfigOf(branch);
  const perDay = await Promise.all(
    days.map(async (day) => availability(windowsOfDay(day, branch, config), await windowUse(branch.id, day), now, config)),
  );
  return perDay.flat();
}

export async function listPickupWindows({ params, query, now }: OperationRequest) {
  const branch = await getBranch(params.branchId);
  const config = pickupConfigOf(branch);
  const days = bookableDays(now, branch.timeZone, config.horizonDays);
  const wanted = query.date ? days.filter((d) => d === query.date) : days;
  const windows = (await windowsWithAvailability(branch, wanted, now)).filter((w) => w.end > now);
  return { branchId: branch.id, timeZone: branch.timeZone, leadMinutes: config.leadMinutes, windows };
}
