import { getBranchBundle } from '../data/branches-repo';
import { listDayBookings, requireBooking, saveBookingMove, type MoveEffects, type StoredBooking } from '../data/bookings-repo';
import { applyBookingAction, type BookingAction } from '../domain/bookings/transitions';
import { appointmentConfigOf } from '../domain/bookings/types';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import { localDay } from '../domain/time';
import { assertBranch } from '../http/auth';
import { tokenMatches } from '../http/customer-token';
import type { OperationRequest } from '../http/handler';
import { bookingCalendarFile } from './calendar';
import { allReminderIds, bookingMessage, bookingReminders } from './messages';
import { bookingSetup, refuseContactLimit, refuseSlot, requestedSlot } from './rules';
import { customerBookingView, staffBookingView } from './views';

async function ownBooking(bookingId: string, token: string | undefined) {
  const b = await requireBooking(bookingId);
  if (!tokenMatches(token, b.tokenHash)) throw new NotFoundError('No such booking'); // never confirm it exists
  return b;
}

async function branchBooking(branchId: string, bookingId: string) {
  const b = await requireBooking(bookingId);
  if (b.branchId !== branchId) throw new NotFoundError('No such booking');
  return b;
}

const stale = (b: StoredBooking) => new ConflictError('The booking changed meanwhile; reload and try again', 'stale', undefined, { version: b.version });

function checkVersion(b: StoredBooking, expected: number | undefined) {
  if (expected !== undefined && expected !== b.version) throw stale(b);
}

export async function getBookingForCustomer({ params, customerToken }: OperationRequest) {
  const b = await ownBooking(params.bookingId, customerToken);
  const { branch, services } = await getBranchBundle(b.branchId);
  return customerBookingView(b, services, appointmentConfigOf(branch));
}

export async function getBookingCalendar({ params, customerToken }: OperationRequest) {
  const b = await ownBooking(params.bookingId, customerToken);
  return bookingCalendarFile(b, await getBranchBundle(b.branchId));
}

/** The new slot's place is taken and the old one freed in one transaction. */
export async function rescheduleBooking({ params, body, customerToken, now }: OperationRequest) {
  const prev = await ownBooking(params.bookingId, customerToken);
  checkVersion(prev, body.version);
  const setup = await bookingSetup(prev.branchId, prev.serviceId);
  const slot = await requestedSlot(setup, body.slotStart, now, 'customer');
  if (slot.start === prev.slot.start) throw new ValidationError('This is already your slot', [{ field: 'body.slotStart', reason: 'choose a different slot' }]);
  const { config, rules, bundle } = setup;
  const moved = applyBookingAction(prev, { type: 'reschedule', slot, by: 'customer' }, now, config);
  const next = { ...moved, day: localDay(slot.start, bundle.branch.timeZone) };
  const out = await saveBookingMove(prev, next, {
    moveTo: { slotCapacity: rules.capacity, maxPerContactPerDay: config.maxPerContactPerDay },
    message: bookingMessage(next, 'booking_rescheduled', now, customerToken),
    reminders: bookingReminders(next, config, now, customerToken),
    dropReminders: allReminderIds(prev, config),
  });
  if (!out.ok && out.reason === 'slot') await refuseSlot(setup, slot.start, now, 'full');
  if (!out.ok && out.reason === 'contact_limit') refuseContactLimit(config);
  if (!out.ok) throw stale(prev);
  return customerBookingView(next, bundle.services, config);
}

/** A move that ends the booking (cancel, no-show): reminders go; a cancel frees its place. */
async function endBooking(prev: StoredBooking, action: BookingAction, now: number) {
  const { branch, services } = await getBranchBundle(prev.branchId);
  const config = appointmentConfigOf(branch);
  const next = applyBookingAction(prev, action, now, config);
  const fx: MoveEffects = { release: next.status === 'cancelled', dropReminders: allReminderIds(prev, config) };
  fx.message = bookingMessage(next, next.status === 'cancelled' ? 'booking_cancelled' : 'booking_missed', now);
  const out = await saveBookingMove(prev, next, fx);
  if (!out.ok) throw stale(prev);
  return { next, services, config };
}

export async function cancelBooking({ params, body, customerToken, now }: OperationRequest) {
  const prev = await ownBooking(params.bookingId, customerToken);
  checkVersion(prev, body?.version);
  const { next, services, config } = await endBooking(prev, { type: 'cancel', by: 'customer' }, now);
  return customerBookingView(next, services, config);
}

export async function staffCancelBooking({ params, body, staff, now }: OperationRequest) {
  assertBranch(staff!, params.branchId);
  const prev = await branchBooking(params.branchId, params.bookingId);
  checkVersion(prev, body?.version);
  const { next, services, config } = await endBooking(prev, { type: 'cancel', by: 'staff' }, now);
  return { booking: await staffBookingView(next, services, config) };
}

export async function markBookingNoShow({ params, staff, now }: OperationRequest) {
  assertBranch(staff!, params.branchId);
  const prev = await branchBooking(params.branchId, params.bookingId);
  const { next, services, config } = await endBooking(prev, { type: 'noShow' }, now);
  return { booking: await staffBookingView(next, services, config) };
}

export async function listBranchBookings({ params, query, staff, now }: OperationRequest) {
  assertBranch(staff!, params.branchId);
  const { branch, services } = await getBranchBundle(params.branchId);
  const config = appointmentConfigOf(branch);
  const day = query.date ?? localDay(now, branch.timeZone);
  const bookings = await listDayBookings(branch.id, day);
  return { branchId: branch.id, day, timeZone: branch.timeZone, bookings: await Promise.all(bookings.map((b) => staffBookingView(b, services, config))) };
}

/** The sweeper's move: a booking nobody checked in for by the end of its grace. */
export async function markMissed(prev: StoredBooking, now: number) {
  await endBooking(prev, { type: 'noShow' }, now);
}
