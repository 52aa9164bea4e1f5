// API payload types come straight from the server's zod schemas (type-only imports,
// erased at build), so a contract change shows up here as a type error, not at runtime.
import type { z } from 'zod';
import type { branchDetail, branchSummary, counterView, serviceView, waitEstimate } from '../../../functions/schemas/branches';
import type {
  boardView,
  callNextResult,
  counterStateResult,
  queueView,
  staffTicket,
  takeTicketBody,
  takeTicketResult,
  ticketActionResult,
  ticketView,
  transferBody,
  updateTicketBody,
} from '../../../functions/schemas/queue';
import type { signInResult } from '../../../functions/schemas/auth';
import type {
  branchOrdersView,
  catalogView,
  checkInBody,
  checkInResult,
  createOrderBody,
  createOrderResult,
  handOverResult,
  orderView,
  pickupWindow,
  pickupWindowsView,
  product,
  staffOrderView,
  updateOrderStatusBody,
} from '../../../functions/schemas/orders';
import type {
  bookingCheckInBody,
  bookingCheckInResult,
  bookingView,
  branchBookingsView,
  createBookingBody,
  createBookingResult,
  slot,
  slotsView,
  staffBookingActionResult,
  staffBookingView,
} from '../../../functions/schemas/bookings';

export type Lang = 'he' | 'en';
export type Localized = { he: string; en: string };

export type WaitEstimate = z.output<typeof waitEstimate>;
export type BranchSummary = z.output<typeof branchSummary>;
export type BranchDetail = z.output<typeof branchDetail>;
export type ServiceView = z.output<typeof serviceView>;
export type CounterView = z.output<typeof counterView>;
export type TicketView = z.output<typeof ticketView>;
export type TakeTicketBody = z.input<typeof takeTicketBody>;
export type TakeTicketResult = z.output<typeof takeTicketResult>;
export type CustomerAction = z.input<typeof updateTicketBody>['action'];
export type StaffTicket = z.output<typeof staffTicket>;
export type QueueView = z.output<typeof queueView>;
export type CallNextResult = z.output<typeof callNextResult>;
export type TicketActionResult = z.output<typeof ticketActionResult>;
export type CounterState = z.output<typeof counterStateResult>;
export type TransferBody = z.input<typeof transferBody>;
export type BoardView = z.output<typeof boardView>;
export type SignInResult = z.output<typeof signInResult>;
export type StaffUser = SignInResult['user'];
export type Need = TicketView['needs'][number];
export type TicketStatus = TicketView['status'];
export type CustomerState = TicketView['customerState'];
export type Channel = TicketView['channel'];

export type Product = z.output<typeof product>;
export type CatalogView = z.output<typeof catalogView>;
export type PickupWindow = z.output<typeof pickupWindow>;
export type PickupWindowsView = z.output<typeof pickupWindowsView>;
export type CreateOrderBody = z.input<typeof createOrderBody>;
export type CreateOrderResult = z.output<typeof createOrderResult>;
export type OrderView = z.output<typeof orderView>;
export type OrderStatus = OrderView['status'];
export type StaffOrder = z.output<typeof staffOrderView>;
export type BranchOrdersView = z.output<typeof branchOrdersView>;
export type StaffOrderStatus = z.input<typeof updateOrderStatusBody>['status'];
export type CheckInBody = z.input<typeof checkInBody>;
export type CheckInResult = z.output<typeof checkInResult>;
export type HandOverResult = z.output<typeof handOverResult>;

export type Slot = z.output<typeof slot>;
export type SlotsView = z.output<typeof slotsView>;
export type SlotDay = SlotsView['days'][number];
export type CreateBookingBody = z.input<typeof createBookingBody>;
export type CreateBookingResult = z.output<typeof createBookingResult>;
export type BookingView = z.output<typeof bookingView>;
export type BookingStatus = BookingView['status'];
export type StaffBooking = z.output<typeof staffBookingView>;
export type BranchBookingsView = z.output<typeof branchBookingsView>;
export type BookingCheckInBody = z.input<typeof bookingCheckInBody>;
export type BookingCheckInResult = z.output<typeof bookingCheckInResult>;
export type StaffBookingActionResult = z.output<typeof staffBookingActionResult>;

import type { pushConfigView, subscribePushBody } from '../../../functions/schemas/notify';
export type PushConfig = z.output<typeof pushConfigView>;
export type PushKind = z.input<typeof subscribePushBody>['kind'];

import type { registerWebhookBody, registerWebhookResult, webhookList, webhookView } from '../../../functions/schemas/webhooks';
export type Webhook = z.output<typeof webhookView>;
export type WebhookEvent = Webhook['events'][number];
export type RegisterWebhookBody = z.input<typeof registerWebhookBody>;
export type RegisterWebhookResult = z.output<typeof registerWebhookResult>;
export type WebhookList = z.output<typeof webhookList>;

import type { reconcileBody, reconcileResult, reserveBlockResult } from '../../../functions/schemas/queue';
export type ReserveBlockResult = z.output<typeof reserveBlockResult>;
export type TicketBlock = ReserveBlockResult['block'];
export type ReconcileBody = z.input<typeof reconcileBody>;
export type ReconcileResult = z.output<typeof reconcileResult>;
