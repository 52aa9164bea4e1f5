import { findBookingByCode, requireBooking, saveBookingMove, type StoredBooking } from '../data/bookings-repo';
import { getTicket } from '../data/tickets-repo';
import { applyBookingAction } from '../domain/bookings/transitions';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import { isPickupCode, normalisePickupCode } from '../domain/orders/pickup-code';
import { tokenMatches } from '../http/customer-token';
import { Reply, type OperationRequest } from '../http/handler';
import { issueTicket, priorityOf } from '../queue/issue-ticket';
import { loadBranchDay } from '../queue/snapshot';
import { customerTicketView } from '../queue/views';
import { allReminderIds } from './messages';
import { bookingSetup } from './rules';

/**
 * The customer arrived for a booking (code at the kiosk, or "I'm here" on the phone) within
 * its check-in window: a queue ticket carrying the appointment time, so call-next serves it
 * at its time ahead of walk-ins. One ticket per booking, however often they check in.
 */
async function arrive(prev: StoredBooking, now: number) {
  const setup = await bookingSetup(prev.branchId, prev.serviceId);
  const { bundle, service, config } = setup;
  if (prev.status === 'checked_in' && prev.ticketId) return existingTicket(prev, now);
  // Refuse before issuing anything: too early, too late, cancelled, missed.
  applyBookingAction(prev, { type: 'checkIn' }, now, config);
  const issued = await issueTicket(bundle.branch, service, `booking:${prev.id}`, {
    channel: 'booking',
    language: prev.language,
    priority: priorityOf(service, prev.needs),
    needs: prev.needs,
    customerState: 'arrived',
    contact: { name: prev.contact.name },
    reason: prev.reason,
    appointmentAt: prev.slot.start,
  }, now);
  if (!issued.existing) {
    const next = { ...applyBookingAction(prev, { type: 'checkIn', ticketId: issued.ticket.id }, now, config), ticketNumber: issued.ticket.number };
    const out = await saveBookingMove(prev, next, { dropReminders: allReminderIds(prev, config) });
    // Lost a race with a cancel (the ticket stays, the clerk sees the booking's state) or with another check-in.
    if (!out.ok) {
      const now2 = await requireBooking(prev.id);
      if (now2.status !== 'checked_in') throw new ConflictError(`This booking is ${now2.status}`, 'booking_closed', undefined, { status: now2.status });
    }
  }
  const snap = await loadBranchDay(bundle.branch.id, now);
  const result = {
    ticket: customerTicketView(snap, issued.ticket),
    booking: { id: prev.id, code: prev.code, status: 'checked_in' as const, slot: prev.slot },
    existing: issued.existing,
    ...(issued.existing ? {} : { token: issued.token }),
  };
  return issued.existing ? new Reply(200, result) : result;
}

async function existingTicket(b: StoredBooking, now: number) {
  const ticket = await getTicket(b.ticketId!);
  if (!ticket) throw new NotFoundError('The ticket of this booking is gone');
  const snap = await loadBranchDay(b.branchId, now);
  return new Reply(200, { ticket: customerTicketView(snap, ticket), booking: { id: b.id, code: b.code, status: b.status, slot: b.slot }, existing: true });
}

/** Kiosk (or phone) check-in with the booking code. */
export async function checkInBooking({ params, body, now }: OperationRequest) {
  const code = normalisePickupCode(body.code);
  if (!isPickupCode(code)) throw new ValidationError('Not a booking code', [{ field: 'body.code', reason: 'six letters and digits from your booking' }]);
  const booking = await findBookingByCode(params.branchId, code);
  if (!booking) throw new NotFoundError('No booking with this code at this branch');
  return arrive(booking, now);
}

/** "I'm here" from the booking's own page (its token). */
export async function checkInMyBooking({ params, customerToken, now }: OperationRequest) {
  const booking = await requireBooking(params.bookingId);
  if (!tokenMatches(customerToken, booking.tokenHash)) throw new NotFoundError('No such booking');
  return arrive(booking, now);
}
