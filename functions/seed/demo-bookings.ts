import type { OperationRequest } from '../http/handler';
import { checkInBooking } from '../bookings/check-in';
import { addStaffBooking, createBooking } from '../bookings/create-booking';
import { bookingSetup, slotsWithAvailability } from '../bookings/rules';
import { bookableDays } from '../domain/slices';

/**
 * A few bookings for `npm start`, through the same operations the API runs, so the staff day
 * view, the kiosk check-in and the console have something to show: one booked by staff for
 * the slot under way and already checked in (if the branch is open now), two ahead.
 */
export async function seedDemoBookings(branchId: string, now: number): Promise<{ code: string; status: string; start: number }[]> {
  const setup = await bookingSetup(branchId, 'appointments');
  const days = bookableDays(now, setup.bundle.branch.timeZone, 2);
  const slots = await slotsWithAvailability(setup, days, now);
  const current = slots.find((s) => s.start <= now && now < s.end);
  const ahead = slots.filter((s) => s.available);
  const staff = { sub: 'seed', email: 'seed@dalpak.test', roles: ['admin'], branches: ['*'] };
  const plan = [
    { slot: current, by: 'staff' as const, checkIn: true, contact: { name: 'Avi Peretz', phone: '+972 54 555 0103' }, reason: 'Open a business account', language: 'he' as const, needs: ['seating'] },
    { slot: ahead[0], by: 'customer' as const, checkIn: false, contact: { name: 'Sarah Cohen', email: 'sarah@example.com' }, reason: 'Mortgage documents to sign', language: 'en' as const, needs: [] },
    { slot: ahead[3], by: 'customer' as const, checkIn: false, contact: { name: 'Yossi Levi', phone: '+972 52 555 0104' }, reason: 'Change of address', language: 'he' as const, needs: [] },
  ];
  const out: { code: string; status: string; start: number }[] = [];
  for (const p of plan) {
    if (!p.slot) continue;
    const body = { serviceId: 'appointments', slotStart: p.slot.start, contact: p.contact, reason: p.reason, language: p.language, needs: p.needs };
    const req = { params: { branchId }, body, staff, now } as unknown as OperationRequest;
    const { booking } = await (p.by === 'staff' ? addStaffBooking(req) : createBooking(req));
    if (p.checkIn) await checkInBooking({ params: { branchId }, body: { code: booking.code }, now } as unknown as OperationRequest);
    out.push({ code: booking.code, status: p.checkIn ? 'checked_in' : 'booked', start: booking.slot.start });
  }
  return out;
}
