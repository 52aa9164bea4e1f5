import { getBranch } from '../data/branches-repo';
import { requireOrder } from '../data/orders-repo';
import type { OperationRequest } from '../http/handler';
import { createOrder } from '../orders/create-order';
import { moveOrder } from '../orders/order-moves';
import { pickupConfigOf, windowsWithAvailability } from '../orders/windows';
import { bookableDays } from '../domain/orders/windows';

/**
 * A few orders in different states for `npm start`, through the same operations the API runs,
 * so the pickup board and the kiosk check-in have something to show. Not used by tests.
 */
export async function seedDemoOrders(branchId: string, now: number): Promise<{ code: string; status: string }[]> {
  const branch = await getBranch(branchId);
  const days = bookableDays(now, branch.timeZone, pickupConfigOf(branch).horizonDays);
  const windows = (await windowsWithAvailability(branch, days, now)).filter((w) => w.available);
  const plan = [
    { name: 'Yael Mizrahi', phone: '+972 50 555 0101', lines: [{ productId: 'sim-card', quantity: 1 }], language: 'he' as const, to: 'ready' as const },
    { name: 'Omer Katz', email: 'omer@example.com', lines: [{ productId: 'charger-usb-c', quantity: 1 }, { productId: 'phone-case', quantity: 1 }], language: 'en' as const, to: 'preparing' as const },
    { name: 'Rivka Ben-David', phone: '+972 52 555 0102', lines: [{ productId: 'router-wifi6', quantity: 1 }], language: 'he' as const, to: 'placed' as const },
  ];
  const out: { code: string; status: string }[] = [];
  for (const [i, p] of plan.entries()) {
    const w = windows[i];
    if (!w) break;
    const req = { params: { branchId }, body: { lines: p.lines, windowStart: w.start, contact: { name: p.name, phone: p.phone, email: p.email }, language: p.language }, now } as unknown as OperationRequest;
    const { order } = await createOrder(req);
    let stored = await requireOrder(order.id);
    if (p.to !== 'placed') stored = await moveOrder(stored, { type: 'prepare' }, now);
    if (p.to === 'ready') stored = await moveOrder(stored, { type: 'ready' }, now);
    out.push({ code: stored.code, status: stored.status });
  }
  return out;
}
