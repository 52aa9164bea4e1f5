import { randomInt } from 'node:crypto';
import { ulid } from 'ulid';
import { placeBooking, type StoredBooking } from '../data/bookings-repo';
import { ConflictError } from '../domain/errors';
import { makePickupCode } from '../domain/orders/pickup-code';
import type { Need } from '../domain/queue/types';
import { localDay } from '../domain/time';
import { assertBranch } from '../http/auth';
import { holderKey, newCustomerToken } from '../http/customer-token';
import type { OperationRequest } from '../http/handler';
import { bookingMessage, bookingReminders } from './messages';
import { bookingSetup, refuseContactLimit, refuseSlot, requestedSlot } from './rules';
import { retentionOfBranch } from '../privacy/settings';
import { customerBookingView } from './views';

interface CreateBookingInput {
  serviceId: string;
  slotStart: number;
  contact: { name: string; phone?: string; email?: string };
  reason?: string;
  language: 'he' | 'en';
  needs: Need[];
}

/** A place in the slot, the contact's place for the day and the booking: one transaction, or nothing. */
async function book(branchId: string, input: CreateBookingInput, now: number, by: 'customer' | 'staff') {
  const setup = await bookingSetup(branchId, input.serviceId);
  const { bundle, service, config, rules } = setup;
  if (rules.capacity === 0) throw new ConflictError('Nobody serves this service at this branch yet', 'no_capacity', [{ field: 'body.serviceId', reason: 'no counter serves it' }]);
  const slot = await requestedSlot(setup, input.slotStart, now, by);
  const { token, hash } = newCustomerToken();
  const id = ulid(now);
  for (let attempt = 0; attempt < 4; attempt++) {
    const booking: StoredBooking = {
      id,
      branchId: bundle.branch.id,
      serviceId: service.id,
      code: makePickupCode(randomInt),
      status: 'booked',
      slot,
      contact: input.contact,
      reason: input.reason,
      language: input.language,
      needs: input.needs,
      createdAt: now,
      createdBy: by,
      reschedules: 0,
      version: 1,
      tokenHash: hash,
      day: localDay(slot.start, bundle.branch.timeZone),
      contactKey: holderKey(input.contact, undefined)!,
      retainDays: retentionOfBranch(bundle.branch).bookingDays,
    };
    const out = await placeBooking(
      booking,
      { slotCapacity: rules.capacity, maxPerContactPerDay: config.maxPerContactPerDay },
      bookingMessage(booking, 'booking_confirmed', now, token),
      bookingReminders(booking, config, now, token),
    );
    if (out.ok) return { booking: await customerBookingView(booking, bundle.services, config), token };
    if (out.reason === 'slot') await refuseSlot(setup, slot.start, now, 'full');
    if (out.reason === 'contact_limit') refuseContactLimit(config);
    // A booking code collision: draw another code.
  }
  throw new ConflictError('Could not allocate a booking code; try again', 'busy');
}

export const createBooking = ({ params, body, now }: OperationRequest) => book(params.branchId, body as CreateBookingInput, now, 'customer');

/** Staff book for a phone caller or someone at the desk. */
export function addStaffBooking({ params, body, staff, now }: OperationRequest) {
  assertBranch(staff!, params.branchId);
  return book(params.branchId, body as CreateBookingInput, now, 'staff');
}
