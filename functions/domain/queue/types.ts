// Queue vocabulary shared by the rules, the repositories and the handlers.
// Pure data: no AWS, no HTTP.

export const ticketStatuses = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const channels = ['kiosk', 'mobile', 'staff', 'booking', 'pickup'] as const;
export type Channel = (typeof channels)[number];

export const needs = ['assistance', 'seating', 'hearing', 'vision'] as const;
export type Need = (typeof needs)[number];

export const customerStates = ['none', 'on_my_way', 'running_late', 'arrived'] as const;
export type CustomerState = (typeof customerStates)[number];

export type ServiceKind = 'walkin' | 'pickup' | 'appointment';

export interface Service {
  id: string;
  prefix: string; // one capital letter, shown before the number: A042
  name: { he: string; en: string };
  kind: ServiceKind;
  expectedMinutes: number; // configured duration, seeds the estimator
  priority: number; // base priority class, higher is served first (0 = normal)
  /** Appointments served in parallel per slot; unset: one per counter serving the service. */
  appointmentCapacity?: number;
}

export type CounterStatus = 'open' | 'paused' | 'closed';

export interface Counter {
  id: string;
  number: number; // what the board and the voice say: "counter 3"
  serviceIds: string[];
  pickup: boolean; // a dedicated pickup counter takes ready pickups first
  status: CounterStatus;
  currentTicketId?: string;
}

export interface Ticket {
  id: string; // ULID, never shown
  branchId: string;
  day: string; // branch-local YYYY-MM-DD
  serviceId: string;
  number: string; // displayed: prefix + 3 digits, e.g. A042
  seq: number;
  status: TicketStatus;
  channel: Channel;
  language: 'he' | 'en';
  priority: number; // class at join time: service priority + needs
  needs: Need[];
  joinedAt: number; // epoch ms; transfer keeps it so the ticket keeps its place
  appointmentAt?: number; // for tickets from a checked-in booking
  orderReady?: boolean; // for pickup tickets: the bag is ready
  targetCounterId?: string; // transferred to one counter: only it may call the ticket
  notBefore?: number; // re-queued remote ticket: not callable before this time
  counterId?: string;
  calledAt?: number;
  servingAt?: number;
  endedAt?: number;
  recalls: number;
  requeued: boolean; // the one automatic re-queue was used
  customerState: CustomerState;
  version: number;
}

/** Knobs of the policy; per branch, with sensible defaults. */
export interface QueuePolicyConfig {
  /** Minutes of waiting that lift a ticket by one priority class (ageing). */
  agingMinutes: number;
  /** An appointment is due from this many minutes before its time... */
  appointmentEarlyMinutes: number;
  /** ...until this many minutes after it; later it is served as a normal ticket. */
  appointmentGraceMinutes: number;
  /** Grace given to a re-queued remote ticket before it can be called again. */
  requeueGraceMinutes: number;
}

export const defaultPolicy: QueuePolicyConfig = {
  agingMinutes: 10,
  appointmentEarlyMinutes: 5,
  appointmentGraceMinutes: 15,
  requeueGraceMinutes: 5,
};
