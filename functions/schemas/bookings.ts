import { z } from 'zod';
import { bookingStatuses } from '../domain/bookings/types';
import { needs } from '../domain/queue/types';
import { email, epochMs, lang, localDate, localized, phone, sliceAvailability, slug, ulidId } from './common';
import { staffTicket, ticketView } from './queue';

export const bookingParams = z.object({ bookingId: ulidId });
export const branchBookingParams = z.object({ branchId: slug, bookingId: ulidId });
export const serviceSlotsParams = z.object({ branchId: slug, serviceId: slug });

export const slotsQuery = z.object({
  from: localDate.optional().describe('first branch-local day; default today'),
  days: z.coerce.number().int().min(1).max(31).default(7).describe('how many days from `from`'),
});
export const slot = sliceAvailability.meta({ id: 'Slot' });
export const slotsView = z
  .object({
    branchId: slug,
    serviceId: slug,
    timeZone: z.string(),
    slotMinutes: z.number().int(),
    leadMinutes: z.number().int(),
    horizonDays: z.number().int(),
    days: z.array(z.object({ day: localDate, closed: z.boolean().describe('no opening hours that day (weekend, holiday)'), slots: z.array(slot) })),
  })
  .meta({ id: 'Slots' });

const text = (max: number) => z.string().trim().min(1).max(max);
const contact = z
  .object({ name: text(80), phone: phone.optional(), email: email.optional() })
  .strict()
  .refine((c) => c.phone !== undefined || c.email !== undefined, { message: 'a phone or an email, for the confirmation and the reminder', path: ['phone'] });

export const createBookingBody = z
  .object({
    serviceId: slug,
    slotStart: epochMs.describe('start of a free slot, from listSlots'),
    contact,
    reason: z.string().trim().max(280).optional().describe('what the visit is about: on the clerk\'s screen before you arrive'),
    language: lang.default('he'),
    needs: z.array(z.enum(needs)).max(needs.length).default([]),
  })
  .strict()
  .meta({ id: 'CreateBooking' });

export const bookingView = z
  .object({
    id: ulidId,
    branchId: slug,
    serviceId: slug,
    serviceName: localized,
    code: z.string().describe('booking code to type or scan at the kiosk'),
    codeQr: z.string().describe('the booking code as a QR image (data: URL, SVG)'),
    status: z.enum(bookingStatuses),
    slot: z.object({ start: epochMs, end: epochMs }),
    checkIn: z.object({ opensAt: epochMs, closesAt: epochMs }).describe('when check-in at the branch is possible'),
    reason: z.string().optional(),
    language: lang,
    needs: z.array(z.enum(needs)),
    createdAt: epochMs,
    checkedInAt: epochMs.optional(),
    ticketId: ulidId.optional(),
    endedAt: epochMs.optional(),
    cancelledBy: z.enum(['customer', 'staff']).optional(),
    reschedules: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: 'Booking' });

export const staffBookingView = bookingView
  .extend({
    contact: z.object({ name: z.string(), phone: z.string().optional(), email: z.string().optional() }),
    createdBy: z.enum(['customer', 'staff']),
    ticketNumber: z.string().optional().describe('checked in: the queue ticket'),
  })
  .meta({ id: 'StaffBooking' });

export const createBookingResult = z
  .object({ booking: bookingView, token: z.string().describe('customer token: send as X-Customer-Token to read, move or cancel this booking') })
  .meta({ id: 'CreateBookingResult' });

export const rescheduleBody = z
  .object({ slotStart: epochMs.describe('start of the new slot, from listSlots'), version: z.number().int().min(1).optional() })
  .strict()
  .meta({ id: 'RescheduleBooking' });
export const cancelBookingBody = z.object({ version: z.number().int().min(1).optional() }).strict().meta({ id: 'CancelBooking' });

export const branchBookingsQuery = z.object({ date: localDate.optional().describe('branch-local day; default today') });
export const branchBookingsView = z
  .object({ branchId: slug, day: localDate, timeZone: z.string(), bookings: z.array(staffBookingView) })
  .meta({ id: 'BranchBookings' });

const typedCode = z.string().trim().min(4).max(12).describe('the booking code, as typed or scanned');
export const bookingCheckInBody = z.object({ code: typedCode, channel: z.enum(['kiosk', 'mobile']).default('kiosk') }).strict().meta({ id: 'CheckInBooking' });
export const bookingCheckInResult = z
  .object({
    ticket: ticketView,
    booking: z.object({ id: ulidId, code: z.string(), status: z.enum(bookingStatuses), slot: z.object({ start: epochMs, end: epochMs }) }),
    existing: z.boolean().describe('already checked in: the same ticket, without a new token'),
    token: z.string().optional().describe('customer token of the queue ticket (X-Customer-Token)'),
  })
  .meta({ id: 'BookingCheckInResult' });

export const staffBookingActionResult = z.object({ booking: staffBookingView, ticket: staffTicket.optional() }).meta({ id: 'StaffBookingAction' });
