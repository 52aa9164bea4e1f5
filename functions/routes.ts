import { z } from 'zod';
import type { ZodType } from 'zod';
import { branchDetail, branchList, branchParams } from './schemas/branches';
import { signInBody, signInResult } from './schemas/auth';
import { inviteStaffBody, inviteStaffResult, removeStaffBody, removeStaffResult, staffList, staffMember, staffParams, updateStaffBody } from './schemas/staff';
import { empty } from './schemas/common';
import {
  boardView,
  callNextResult,
  counterParams,
  counterStateResult,
  counterTicketParams,
  blockParams,
  noteBody,
  queueView,
  reconcileBody,
  reconcileResult,
  reserveBlockBody,
  reserveBlockResult,
  takeTicketBody,
  takeTicketResult,
  ticketActionResult,
  ticketParams,
  ticketView,
  transferBody,
  updateTicketBody,
} from './schemas/queue';
import {
  branchOrderParams,
  branchOrdersQuery,
  branchOrdersView,
  cancelOrderBody,
  checkInBody,
  checkInResult,
  handOverBody,
  handOverResult,
  catalogView,
  createOrderBody,
  createOrderResult,
  orderParams,
  orderView,
  pickupWindowsQuery,
  pickupWindowsView,
  product,
  productParams,
  setStockBody,
  staffOrderView,
  updateOrderStatusBody,
  upsertProductBody,
} from './schemas/orders';
import {
  bookingCheckInBody,
  bookingCheckInResult,
  bookingParams,
  bookingView,
  branchBookingParams,
  branchBookingsQuery,
  branchBookingsView,
  cancelBookingBody,
  createBookingBody,
  createBookingResult,
  rescheduleBody,
  serviceSlotsParams,
  slotsQuery,
  slotsView,
  staffBookingActionResult,
} from './schemas/bookings';
import {
  backfillBody,
  backfillResult,
  callbackBody,
  callbackResult,
  checkoutBody,
  checkoutResult,
  momentParams,
  momentsQuery,
  momentsView,
  momentView,
  statsQuery,
  statsView,
  surveyBody,
  surveyParams,
  surveyResult,
  surveyStatus,
  updateMomentBody,
} from './schemas/insight';
import { registerWebhookBody, registerWebhookResult, webhookList, webhookParams } from './schemas/webhooks';
import { pushConfigView, subscribePushBody, subscribePushResult } from './schemas/notify';
import { branchSetup, createBranchBody, updateBranchSetupBody } from './schemas/setup';
import { confirmEnrollmentBody, currentDeviceView, deviceList, deviceParams, deviceView, enrollmentParams, enrollmentView, startEnrollmentBody, startEnrollmentResult } from './schemas/devices';
import { confirmPhoneVerificationBody, confirmPhoneVerificationResult, phoneVerificationParams, startPhoneVerificationBody, startPhoneVerificationResult } from './schemas/phone-verification';
import { privacyEraseBody, privacyEraseResult, privacyExportResult, privacySearchBody, privacySearchResult } from './schemas/privacy';

// The one route table. CDK declares API Gateway routes from it (lib/api.ts), the local
// runtime dispatches with it (bin/local/server.ts), the handlers validate with it and
// the OpenAPI document is generated from it. Add a route here and all four follow.

/** A bounded context = one Lambda function. */
export const contexts = {
  meta: { memoryMb: 256, description: 'OpenAPI document and health' },
  identity: { memoryMb: 512, description: 'Staff sign-in and the staff directory' },
  branches: { memoryMb: 512, description: 'Branches, services and live waits' },
  queue: { memoryMb: 1024, description: 'Tickets, counters and the display board' },
  orders: { memoryMb: 1024, description: 'Catalog, stock, pickup windows and click-and-collect orders' },
  bookings: { memoryMb: 1024, description: 'Appointment slots, bookings, reminders and arrival' },
  notify: { memoryMb: 512, description: 'Web Push configuration and subscriptions' },
  insight: { memoryMb: 512, description: 'Surveys, statistics and the call-back list' },
} as const;
export type ContextName = keyof typeof contexts;

/**
 * public: anyone. customer: the item's own token (X-Customer-Token), checked by the handler.
 * staff: a staff JWT (API Gateway's JWT authorizer in AWS, the local issuer on a laptop),
 * then the handler checks the branch claim. device: an enrolled kiosk's or board's token
 * (X-Device-Token), let through by API Gateway like public and checked by the handler
 * (http/devices.ts) against `device` below.
 */
export type AuthKind = 'public' | 'customer' | 'staff' | 'device';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  operationId: string;
  method: HttpMethod;
  path: `/api/${string}`;
  fn: ContextName;
  auth: AuthKind;
  summary: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: ZodType;
  response: ZodType;
  status?: number;
  /** A body that is not JSON (e.g. 'text/calendar'): the operation returns a string. */
  contentType?: string;
  /**
   * Needs a device token of these kinds and of the path's branch (403 device_required without one):
   * 'always', or only when the body's channel is 'kiosk' (a walk-in at the kiosk; a phone says 'mobile').
   */
  device?: { kinds: readonly ('kiosk' | 'board')[]; when: 'always' | 'kioskChannel' };
  /** Accepts an Idempotency-Key header: a retry returns the first answer. 'required': refused (400) without one. */
  idempotent?: boolean | 'required';
}

/** Kiosk actions: an enrolled kiosk of the branch only (issue 7's devices). */
const kiosk = { kinds: ['kiosk'], when: 'always' } as const;

const staffCounter = (
  operationId: string,
  verb: string,
  summary: string,
): RouteDef => ({
  operationId,
  method: 'POST',
  path: `/api/branches/{branchId}/counters/{counterId}/${verb}`,
  fn: 'queue',
  auth: 'staff',
  tag: 'counters',
  summary,
  params: counterParams,
  body: empty.optional(),
  response: counterStateResult,
});

const staffTicketAction = (
  operationId: string,
  verb: string,
  summary: string,
  body: ZodType = empty.optional(),
): RouteDef => ({
  operationId,
  method: 'POST',
  path: `/api/branches/{branchId}/counters/{counterId}/tickets/{ticketId}/${verb}`,
  fn: 'queue',
  auth: 'staff',
  tag: 'counters',
  summary,
  params: counterTicketParams,
  body,
  response: ticketActionResult,
});

export const routes: readonly RouteDef[] = [
  { operationId: 'getOpenApi', method: 'GET', path: '/api/openapi.json', fn: 'meta', auth: 'public', tag: 'meta', summary: 'This OpenAPI 3.1 document', response: z.record(z.string(), z.unknown()) },
  { operationId: 'getHealth', method: 'GET', path: '/api/health', fn: 'meta', auth: 'public', tag: 'meta', summary: 'Liveness and table reachability', response: z.object({ ok: z.boolean(), stage: z.string() }) },
  { operationId: 'signIn', method: 'POST', path: '/api/auth/sign-in', fn: 'identity', auth: 'public', tag: 'identity', summary: 'Staff sign-in: returns a JWT carrying roles and branches', body: signInBody, response: signInResult },
  // Staff of a branch (issue 7): manager of the branch or admin; rules in domain/identity/staff-rules.ts.
  { operationId: 'listStaff', method: 'GET', path: '/api/branches/{branchId}/staff', fn: 'identity', auth: 'staff', tag: 'identity', summary: 'The people who serve this branch: roles, branches, status (manager)', params: branchParams, response: staffList },
  { operationId: 'inviteStaff', method: 'POST', path: '/api/branches/{branchId}/staff', fn: 'identity', auth: 'staff', tag: 'identity', summary: 'Invite a clerk or a manager to branches you hold (Cognito e-mails a temporary password; locally it is returned once); 409 already_staff (manager)', params: branchParams, body: inviteStaffBody, response: inviteStaffResult, status: 201 },
  { operationId: 'updateStaff', method: 'PATCH', path: '/api/branches/{branchId}/staff/{staffId}', fn: 'identity', auth: 'staff', tag: 'identity', summary: "Change a person's role or their branches among yours; their sessions end (manager)", params: staffParams, body: updateStaffBody, response: staffMember },
  { operationId: 'removeStaff', method: 'POST', path: '/api/branches/{branchId}/staff/{staffId}/remove', fn: 'identity', auth: 'staff', tag: 'identity', summary: 'Remove a person from this branch (from the system when you hold all their branches); their sessions end (manager)', params: staffParams, body: removeStaffBody.optional(), response: removeStaffResult },
  { operationId: 'listBranches', method: 'GET', path: '/api/branches', fn: 'branches', auth: 'public', tag: 'branches', summary: 'Branches with hours', response: branchList },
  { operationId: 'getBranch', method: 'GET', path: '/api/branches/{branchId}', fn: 'branches', auth: 'public', tag: 'branches', summary: 'A branch with its services, live waiting counts and estimates', params: branchParams, response: branchDetail },
  // Set-up of a branch (issue 7's admin face): manager of the branch or admin; handlers in functions/branches/setup.ts.
  { operationId: 'createBranch', method: 'POST', path: '/api/branches', fn: 'branches', auth: 'staff', tag: 'setup', summary: 'Open a branch with a minimal valid set-up (admin)', body: createBranchBody, response: branchSetup, status: 201 },
  { operationId: 'getBranchSetup', method: 'GET', path: '/api/branches/{branchId}/setup', fn: 'branches', auth: 'staff', tag: 'setup', summary: "A branch's editable set-up (names, time zone, hours, exceptions, services, counters, pickup windows) with its version (manager)", params: branchParams, response: branchSetup },
  { operationId: 'updateBranchSetup', method: 'PUT', path: '/api/branches/{branchId}/setup', fn: 'branches', auth: 'staff', tag: 'setup', summary: 'Replace the set-up with the version you saw: 409 stale when someone saved in between, 409 service_in_use for a service tickets or bookings still need, 400 naming each field (manager)', params: branchParams, body: updateBranchSetupBody, response: branchSetup },
  // Kiosks and boards (issue 7): enrolled by a code a manager confirms; handlers in functions/devices/.
  { operationId: 'startDeviceEnrollment', method: 'POST', path: '/api/branches/{branchId}/devices/enrollments', fn: 'branches', auth: 'public', tag: 'devices', summary: 'A kiosk or board asks to be enrolled: a short code to show (10 minutes) and a poll token', params: branchParams, body: startEnrollmentBody, response: startEnrollmentResult, status: 201 },
  { operationId: 'getDeviceEnrollment', method: 'GET', path: '/api/device-enrollments/{enrollmentId}', fn: 'branches', auth: 'customer', tag: 'devices', summary: "The device polls its enrollment (its poll token as X-Customer-Token): once approved, the first answer carries the device token, never again", params: enrollmentParams, response: enrollmentView },
  { operationId: 'confirmDeviceEnrollment', method: 'POST', path: '/api/branches/{branchId}/devices', fn: 'branches', auth: 'staff', tag: 'devices', summary: 'Confirm the code a device shows: it becomes an enrolled kiosk or board of this branch (manager); 404 for an unknown code, 409 code_expired, 429 after 5 wrong codes in 10 minutes', params: branchParams, body: confirmEnrollmentBody, response: deviceView, status: 201 },
  { operationId: 'listDevices', method: 'GET', path: '/api/branches/{branchId}/devices', fn: 'branches', auth: 'staff', tag: 'devices', summary: "The branch's kiosks and boards: kind, label, enrolled when, last seen, revoked (manager)", params: branchParams, response: deviceList },
  { operationId: 'revokeDevice', method: 'POST', path: '/api/branches/{branchId}/devices/{deviceId}/revoke', fn: 'branches', auth: 'staff', tag: 'devices', summary: 'Revoke a kiosk or board: its token is refused from the next request (manager)', params: deviceParams, body: empty.optional(), response: deviceView },
  { operationId: 'getCurrentDevice', method: 'GET', path: '/api/devices/me', fn: 'branches', auth: 'device', device: { kinds: ['kiosk', 'board'], when: 'always' }, tag: 'devices', summary: 'The enrolled device asking (X-Device-Token): 401 device_revoked once a manager revoked it', response: currentDeviceView },
  { operationId: 'getBoard', method: 'GET', path: '/api/branches/{branchId}/board', fn: 'queue', auth: 'public', tag: 'queue', summary: 'Display board: now serving, recently called, waits (no personal data)', params: branchParams, response: boardView },
  { operationId: 'takeTicket', method: 'POST', path: '/api/branches/{branchId}/tickets', fn: 'queue', auth: 'public', device: { kinds: ['kiosk'], when: 'kioskChannel' }, tag: 'queue', summary: "Take a ticket at the kiosk (channel 'kiosk': the branch's enrolled kiosk only, X-Device-Token) or join remotely (channel 'mobile'); one active ticket per contact or device", params: branchParams, body: takeTicketBody, response: takeTicketResult, status: 201, idempotent: true },
  // Phone verification before a remote ticket, for branches that ask for it (issue 7): the queue function, since takeTicket spends it.
  { operationId: 'startPhoneVerification', method: 'POST', path: '/api/branches/{branchId}/phone-verifications', fn: 'queue', auth: 'public', tag: 'queue', summary: "Send a 6-digit code by SMS to the phone a remote customer joins with (valid 10 minutes); 429 too_many_codes after 3 codes to one phone in 15 minutes", params: branchParams, body: startPhoneVerificationBody, response: startPhoneVerificationResult, status: 201 },
  { operationId: 'confirmPhoneVerification', method: 'POST', path: '/api/phone-verifications/{verificationId}', fn: 'queue', auth: 'public', tag: 'queue', summary: 'Type the code: a verificationToken for takeTicket (30 minutes, one ticket); 400 wrong_code with attemptsLeft, 409 code_locked after 5 wrong codes, code_expired, code_used', params: phoneVerificationParams, body: confirmPhoneVerificationBody, response: confirmPhoneVerificationResult },
  { operationId: 'reserveTicketBlock', method: 'POST', path: '/api/branches/{branchId}/kiosk/blocks', fn: 'queue', auth: 'device', device: kiosk, tag: 'queue', summary: "Degraded mode: reserve a block of today's numbers of a walk-in service for the kiosk to print while the API is unreachable (counted down from 999 while online numbers count up from 001, so never given to anyone else; 409 block_limit when none are left); returns the block's token (the branch's enrolled kiosk)", params: branchParams, body: reserveBlockBody, response: reserveBlockResult, status: 201, idempotent: true },
  { operationId: 'reconcileOfflineTickets', method: 'POST', path: '/api/branches/{branchId}/kiosk/blocks/{blockId}/tickets', fn: 'queue', auth: 'device', device: kiosk, tag: 'queue', summary: "Degraded mode: admit a block's offline tickets (an enrolled kiosk of the branch, and the block's token as X-Customer-Token) as waiting tickets with their numbers, placed by when they were printed; each number once, whatever the replays", params: blockParams, body: reconcileBody, response: reconcileResult, idempotent: true },
  { operationId: 'getTicket', method: 'GET', path: '/api/tickets/{ticketId}', fn: 'queue', auth: 'customer', tag: 'queue', summary: 'A ticket with position, people ahead and wait range (customer token)', params: ticketParams, response: ticketView },
  { operationId: 'updateTicket', method: 'POST', path: '/api/tickets/{ticketId}/actions', fn: 'queue', auth: 'customer', tag: 'queue', summary: "Customer action: cancel, on my way, running late, I'm here", params: ticketParams, body: updateTicketBody, response: ticketView },
  { operationId: 'getQueue', method: 'GET', path: '/api/branches/{branchId}/queue', fn: 'queue', auth: 'staff', tag: 'counters', summary: "The branch's waiting and in-service tickets with context", params: branchParams, response: queueView },
  staffCounter('openCounter', 'open', 'Open a counter'),
  staffCounter('pauseCounter', 'pause', 'Pause a counter (no new calls)'),
  staffCounter('closeCounter', 'close', 'Close a counter'),
  { operationId: 'callNext', method: 'POST', path: '/api/branches/{branchId}/counters/{counterId}/call-next', fn: 'queue', auth: 'staff', tag: 'counters', summary: 'Call the next ticket by policy; exactly once under concurrency', params: counterParams, body: empty.optional(), response: callNextResult },
  staffTicketAction('recallTicket', 'recall', 'Call the same ticket again'),
  staffTicketAction('startService', 'start', 'The customer arrived at the counter'),
  staffTicketAction('completeService', 'complete', 'Service done'),
  staffTicketAction('markNoShow', 'no-show', 'Did not come (a remote ticket is re-queued once)'),
  staffTicketAction('transferTicket', 'transfer', 'Move to another service or counter, keeping its place', transferBody),
  staffTicketAction('addTicketNote', 'notes', 'Add a note for the next clerk', noteBody),
  { operationId: 'handOverOrder', method: 'POST', path: '/api/branches/{branchId}/counters/{counterId}/tickets/{ticketId}/hand-over', fn: 'queue', auth: 'staff', tag: 'counters', summary: "Hand over a pickup: the customer's code must match; collects the order and completes the ticket", params: counterTicketParams, body: handOverBody, response: handOverResult },
  { operationId: 'resendReadyMessage', method: 'POST', path: '/api/branches/{branchId}/orders/{orderId}/resend-ready', fn: 'orders', auth: 'staff', tag: 'orders', summary: 'Send "ready for pickup" again', params: branchOrderParams, body: empty.optional(), response: z.object({ queued: z.boolean(), template: z.string() }), status: 202 },
  { operationId: 'checkInOrder', method: 'POST', path: '/api/branches/{branchId}/pickups', fn: 'orders', auth: 'public', device: { kinds: ['kiosk'], when: 'kioskChannel' }, tag: 'orders', summary: "Check in for an order with its pickup code: at the branch's enrolled kiosk (channel 'kiosk', X-Device-Token) or \"I'm here\" on the order's phone (channel 'mobile' with the order's token as X-Customer-Token): a ticket in the pickup lane", params: branchParams, body: checkInBody, response: checkInResult, status: 201, idempotent: true },
  { operationId: 'getCatalog', method: 'GET', path: '/api/branches/{branchId}/catalog', fn: 'orders', auth: 'public', tag: 'orders', summary: 'Products of a branch with live stock', params: branchParams, response: catalogView },
  { operationId: 'upsertProduct', method: 'PUT', path: '/api/branches/{branchId}/products/{productId}', fn: 'orders', auth: 'staff', tag: 'orders', summary: 'Create or edit a product (manager); stock is kept', params: productParams, body: upsertProductBody, response: product },
  { operationId: 'setStock', method: 'POST', path: '/api/branches/{branchId}/products/{productId}/stock', fn: 'orders', auth: 'staff', tag: 'orders', summary: 'Set the counted stock of a product (manager)', params: productParams, body: setStockBody, response: product },
  { operationId: 'listPickupWindows', method: 'GET', path: '/api/branches/{branchId}/pickup-windows', fn: 'orders', auth: 'public', tag: 'orders', summary: 'Pickup windows with the places left, within hours, lead time and horizon', params: branchParams, query: pickupWindowsQuery, response: pickupWindowsView },
  { operationId: 'createOrder', method: 'POST', path: '/api/branches/{branchId}/orders', fn: 'orders', auth: 'public', tag: 'orders', summary: 'Order for pickup: reserves stock and a window place in one transaction', params: branchParams, body: createOrderBody, response: createOrderResult, status: 201, idempotent: 'required' },
  { operationId: 'getOrder', method: 'GET', path: '/api/orders/{orderId}', fn: 'orders', auth: 'customer', tag: 'orders', summary: 'An order with status, window and pickup code (customer token)', params: orderParams, response: orderView },
  { operationId: 'cancelOrder', method: 'POST', path: '/api/orders/{orderId}/cancel', fn: 'orders', auth: 'customer', tag: 'orders', summary: 'Cancel before it is ready (customer token); stock and window are released', params: orderParams, body: cancelOrderBody.optional(), response: orderView },
  { operationId: 'listBranchOrders', method: 'GET', path: '/api/branches/{branchId}/orders', fn: 'orders', auth: 'staff', tag: 'orders', summary: "The pickup board: a day's orders by window, with contact and lateness", params: branchParams, query: branchOrdersQuery, response: branchOrdersView },
  { operationId: 'getBranchOrder', method: 'GET', path: '/api/branches/{branchId}/orders/{orderId}', fn: 'orders', auth: 'staff', tag: 'orders', summary: 'One order of the branch, for staff', params: branchOrderParams, response: staffOrderView },
  { operationId: 'updateOrderStatus', method: 'POST', path: '/api/branches/{branchId}/orders/{orderId}/status', fn: 'orders', auth: 'staff', tag: 'orders', summary: 'Move an order: preparing, ready, collected, cancelled (with the version you saw)', params: branchOrderParams, body: updateOrderStatusBody, response: staffOrderView },
  { operationId: 'listSlots', method: 'GET', path: '/api/branches/{branchId}/services/{serviceId}/slots', fn: 'bookings', auth: 'public', tag: 'bookings', summary: 'Appointment slots of a service with the places left, in the branch\'s time zone (hours, holidays, lead time, horizon)', params: serviceSlotsParams, query: slotsQuery, response: slotsView },
  { operationId: 'createBooking', method: 'POST', path: '/api/branches/{branchId}/bookings', fn: 'bookings', auth: 'public', tag: 'bookings', summary: 'Book a slot: never more bookings than its capacity (one transaction); confirmation and reminders queued', params: branchParams, body: createBookingBody, response: createBookingResult, status: 201, idempotent: 'required' },
  { operationId: 'getBooking', method: 'GET', path: '/api/bookings/{bookingId}', fn: 'bookings', auth: 'customer', tag: 'bookings', summary: 'A booking with its slot, code and check-in times (customer token)', params: bookingParams, response: bookingView },
  { operationId: 'getBookingCalendar', method: 'GET', path: '/api/bookings/{bookingId}/calendar', fn: 'bookings', auth: 'customer', tag: 'bookings', summary: 'The booking as a calendar file (.ics, customer token)', params: bookingParams, response: z.string().describe('iCalendar (RFC 5545)'), contentType: 'text/calendar; charset=utf-8' },
  { operationId: 'rescheduleBooking', method: 'POST', path: '/api/bookings/{bookingId}/reschedule', fn: 'bookings', auth: 'customer', tag: 'bookings', summary: 'Move to another slot: frees the old place and takes the new one in one transaction', params: bookingParams, body: rescheduleBody, response: bookingView },
  { operationId: 'cancelBooking', method: 'POST', path: '/api/bookings/{bookingId}/cancel', fn: 'bookings', auth: 'customer', tag: 'bookings', summary: 'Cancel before the appointment (customer token); the place is freed', params: bookingParams, body: cancelBookingBody.optional(), response: bookingView },
  { operationId: 'checkInMyBooking', method: 'POST', path: '/api/bookings/{bookingId}/check-in', fn: 'bookings', auth: 'customer', tag: 'bookings', summary: "\"I'm here\" on the phone, around the appointment time: a queue ticket served at its time", params: bookingParams, body: empty.optional(), response: bookingCheckInResult, status: 201 },
  { operationId: 'checkInBooking', method: 'POST', path: '/api/branches/{branchId}/booking-check-ins', fn: 'bookings', auth: 'device', device: kiosk, tag: 'bookings', summary: "Check in with the booking code at the branch's enrolled kiosk (the phone uses checkInMyBooking): a queue ticket served at its time, ahead of walk-ins", params: branchParams, body: bookingCheckInBody, response: bookingCheckInResult, status: 201, idempotent: true },
  { operationId: 'listBranchBookings', method: 'GET', path: '/api/branches/{branchId}/bookings', fn: 'bookings', auth: 'staff', tag: 'bookings', summary: "A branch day's bookings per service, with status and contact", params: branchParams, query: branchBookingsQuery, response: branchBookingsView },
  { operationId: 'addStaffBooking', method: 'POST', path: '/api/branches/{branchId}/staff-bookings', fn: 'bookings', auth: 'staff', tag: 'bookings', summary: 'Book for a walk-in or a phone caller (no lead time; capacity still holds)', params: branchParams, body: createBookingBody, response: createBookingResult, status: 201, idempotent: 'required' },
  { operationId: 'markBookingNoShow', method: 'POST', path: '/api/branches/{branchId}/bookings/{bookingId}/no-show', fn: 'bookings', auth: 'staff', tag: 'bookings', summary: 'Did not come by the end of the grace period (frees nothing retroactively)', params: branchBookingParams, body: empty.optional(), response: staffBookingActionResult },
  { operationId: 'staffCancelBooking', method: 'POST', path: '/api/branches/{branchId}/bookings/{bookingId}/cancel', fn: 'bookings', auth: 'staff', tag: 'bookings', summary: 'Cancel a booking for the customer (e.g. by phone); the place is freed', params: branchBookingParams, body: cancelBookingBody.optional(), response: staffBookingActionResult },
  { operationId: 'getPushConfig', method: 'GET', path: '/api/push/config', fn: 'notify', auth: 'public', tag: 'notify', summary: 'The Web Push public key (VAPID) browsers subscribe with', response: pushConfigView },
  { operationId: 'subscribePush', method: 'POST', path: '/api/push/subscriptions', fn: 'notify', auth: 'customer', tag: 'notify', summary: "Receive a ticket's, order's or booking's messages as Web Push in this browser (the item's customer token)", body: subscribePushBody, response: subscribePushResult, status: 201 },
  { operationId: 'registerWebhook', method: 'POST', path: '/api/branches/{branchId}/webhooks', fn: 'branches', auth: 'staff', tag: 'webhooks', summary: 'Register an integrator URL for events (manager); deliveries are signed with HMAC-SHA256 and retried', params: branchParams, body: registerWebhookBody, response: registerWebhookResult, status: 201 },
  { operationId: 'listBranchWebhooks', method: 'GET', path: '/api/branches/{branchId}/webhooks', fn: 'branches', auth: 'staff', tag: 'webhooks', summary: "A branch's webhooks with their last delivery status (manager)", params: branchParams, response: webhookList },
  { operationId: 'removeWebhook', method: 'DELETE', path: '/api/branches/{branchId}/webhooks/{webhookId}', fn: 'branches', auth: 'staff', tag: 'webhooks', summary: 'Stop sending events to a URL (manager)', params: webhookParams, response: z.object({ deleted: z.boolean() }) },
  { operationId: 'getSurveyStatus', method: 'GET', path: '/api/surveys/{kind}/{id}', fn: 'insight', auth: 'customer', tag: 'insight', summary: 'Is the one-question survey open for this visit (its customer token)?', params: surveyParams, response: surveyStatus },
  { operationId: 'submitSurvey', method: 'POST', path: '/api/surveys/{kind}/{id}', fn: 'insight', auth: 'customer', tag: 'insight', summary: 'Answer 1–5 (and a comment) once per visit, after it ended', params: surveyParams, body: surveyBody, response: surveyResult, status: 201 },
  { operationId: 'requestCallback', method: 'POST', path: '/api/branches/{branchId}/callbacks', fn: 'insight', auth: 'public', tag: 'insight', summary: 'Ask a person to call back (a question or a complaint)', params: branchParams, body: callbackBody, response: callbackResult, status: 201, idempotent: true },
  { operationId: 'startCheckout', method: 'POST', path: '/api/branches/{branchId}/checkouts', fn: 'insight', auth: 'public', tag: 'insight', summary: 'Save a started checkout with its contact (an order with its id completes it; else staff may call back)', params: branchParams, body: checkoutBody, response: checkoutResult, status: 201 },
  { operationId: 'listBranchMoments', method: 'GET', path: '/api/branches/{branchId}/moments', fn: 'insight', auth: 'staff', tag: 'insight', summary: 'The call-back list: people worth a human call, with context', params: branchParams, query: momentsQuery, response: momentsView },
  { operationId: 'updateMoment', method: 'POST', path: '/api/branches/{branchId}/moments/{momentId}', fn: 'insight', auth: 'staff', tag: 'insight', summary: 'Mark an item called or resolved (with the version you saw)', params: momentParams, body: updateMomentBody, response: momentView },
  { operationId: 'getBranchStats', method: 'GET', path: '/api/branches/{branchId}/stats', fn: 'insight', auth: 'staff', tag: 'insight', summary: 'Statistics per day, service and hour for a date range (waits, service times, no-shows, pickups, bookings, survey)', params: branchParams, query: statsQuery, response: statsView },
  { operationId: 'exportBranchStats', method: 'GET', path: '/api/branches/{branchId}/stats.csv', fn: 'insight', auth: 'staff', tag: 'insight', summary: 'The same statistics as CSV', params: branchParams, query: statsQuery, response: z.string(), contentType: 'text/csv; charset=utf-8' },
  // Data protection (handlers in functions/privacy/, served by the insight function: lib/api.ts
  // keys table access by context, so a context of its own waits for an entry there).
  { operationId: 'searchCustomerData', method: 'POST', path: '/api/branches/{branchId}/privacy/search', fn: 'insight', auth: 'staff', tag: 'privacy', summary: "What the branch holds about one phone or email: kinds, ids, dates (manager; the contact in the body, never in the URL)", params: branchParams, body: privacySearchBody, response: privacySearchResult },
  { operationId: 'exportCustomerData', method: 'POST', path: '/api/branches/{branchId}/privacy/export', fn: 'insight', auth: 'staff', tag: 'privacy', summary: "One customer's personal data in the branch as JSON, for them to take away (manager)", params: branchParams, body: privacySearchBody, response: privacyExportResult },
  { operationId: 'eraseCustomerData', method: 'POST', path: '/api/branches/{branchId}/privacy/erase', fn: 'insight', auth: 'staff', tag: 'privacy', summary: "Remove one customer's personal data everywhere in the branch, keeping the anonymous facts the statistics count; audited without the contact; a second erase does nothing (manager)", params: branchParams, body: privacyEraseBody, response: privacyEraseResult },
  { operationId: 'backfillStats', method: 'POST', path: '/api/branches/{branchId}/stats/backfill', fn: 'insight', auth: 'staff', tag: 'insight', summary: 'Recompute a date range from the records still kept (manager)', params: branchParams, body: backfillBody, response: backfillResult },
];

export const routeKey = (r: Pick<RouteDef, 'method' | 'path'>): string => `${r.method} ${r.path}`;

const byKey = new Map(routes.map((r) => [routeKey(r), r]));
export function routeByKey(key: string): RouteDef | undefined {
  return byKey.get(key);
}
