import type { StoredBooking } from '../data/bookings-repo';
import { checkInWindow } from '../domain/bookings/transitions';
import type { AppointmentConfig } from '../domain/bookings/types';
import type { Service } from '../domain/queue/types';
import { codeQr } from '../http/qr';

// What each audience sees of a booking: the customer no contact echo, staff the contact too.
export async function customerBookingView(b: StoredBooking, services: readonly Service[], config: AppointmentConfig) {
  const service = services.find((s) => s.id === b.serviceId);
  return {
    id: b.id,
    branchId: b.branchId,
    serviceId: b.serviceId,
    serviceName: service?.name ?? { he: b.serviceId, en: b.serviceId },
    code: b.code,
    codeQr: await codeQr(b.code),
    status: b.status,
    slot: b.slot,
    checkIn: checkInWindow(b, config),
    reason: b.reason,
    language: b.language,
    needs: b.needs,
    createdAt: b.createdAt,
    checkedInAt: b.checkedInAt,
    ticketId: b.ticketId,
    endedAt: b.endedAt,
    cancelledBy: b.cancelledBy,
    reschedules: b.reschedules,
    version: b.version,
  };
}

export async function staffBookingView(b: StoredBooking, services: readonly Service[], config: AppointmentConfig) {
  return { ...(await customerBookingView(b, services, config)), contact: b.contact, createdBy: b.createdBy, ticketNumber: b.ticketNumber };
}
