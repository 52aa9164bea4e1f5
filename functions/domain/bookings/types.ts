// Appointment vocabulary. Pure data: no AWS, no HTTP.
import type { Branch } from '../branch';
import type { Counter, Need, Service } from '../queue/types';
import type { Slice } from '../slices';

export const bookingStatuses = ['booked', 'checked_in', 'completed', 'cancelled', 'no_show'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export interface BookingContact {
  name: string;
  phone?: string;
  email?: string;
}

export interface Booking {
  id: string; // ULID, never shown
  branchId: string;
  serviceId: string;
  code: string; // short code read aloud at the kiosk: the pickup-code alphabet (orders/pickup-code.ts)
  status: BookingStatus;
  slot: Slice;
  contact: BookingContact;
  reason?: string; // what the customer wants to discuss, shown on the counter console
  language: 'he' | 'en';
  needs: Need[];
  createdAt: number;
  createdBy: 'customer' | 'staff';
  checkedInAt?: number;
  /** Checked in at the branch: the queue ticket that serves this booking. */
  ticketId?: string;
  endedAt?: number;
  cancelledBy?: 'customer' | 'staff';
  rescheduledAt?: number;
  reschedules: number;
  version: number;
}

/** Per-branch knobs of appointments, with defaults. */
export interface AppointmentConfig {
  /** Slot length; unset: the service's expectedMinutes. */
  slotMinutes?: number;
  /** A slot must start at least this long after booking. */
  leadMinutes: number;
  /** How many days ahead a slot may be booked. */
  horizonDays: number;
  /** Check-in opens this long before the slot... */
  checkInEarlyMinutes: number;
  /** ...and closes this long after its start; later the booking is a no-show. */
  graceMinutes: number;
  remindersMinutesBefore: number[];
  /** Active bookings one contact may hold on one day (enforced where bookings are counted). */
  maxPerContactPerDay: number;
}

export const defaultAppointmentConfig: AppointmentConfig = {
  leadMinutes: 60,
  horizonDays: 30,
  checkInEarlyMinutes: 60,
  graceMinutes: 15,
  remindersMinutesBefore: [1440, 60],
  maxPerContactPerDay: 2,
};

/** The branch's settings over the defaults; a key set to undefined keeps the default. */
export function appointmentConfigOf(branch: Pick<Branch, 'appointments'>): AppointmentConfig {
  const set = Object.fromEntries(Object.entries(branch.appointments ?? {}).filter(([, v]) => v !== undefined));
  return { ...defaultAppointmentConfig, ...set };
}

/** How many appointments of a service one slot holds: the explicit setting, else one per counter serving it (open or not). */
export function capacityOf(service: Pick<Service, 'id' | 'appointmentCapacity'>, counters: readonly Pick<Counter, 'serviceIds'>[]): number {
  const n = service.appointmentCapacity ?? counters.filter((c) => c.serviceIds.includes(service.id)).length;
  return Math.max(0, Math.floor(n));
}
