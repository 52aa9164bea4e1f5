// The one fetch wrapper: every call to the API goes through `request`, so config,
// auth headers and error shapes are handled in exactly one place.
import type {
  BoardView,
  BookingCheckInBody,
  BookingCheckInResult,
  BookingView,
  BranchBookingsView,
  BranchDetail,
  BranchOrdersView,
  BranchSummary,
  CallNextResult,
  CatalogView,
  CheckInBody,
  CheckInResult,
  CounterState,
  CreateBookingBody,
  CreateBookingResult,
  CreateOrderBody,
  CreateOrderResult,
  CustomerAction,
  HandOverResult,
  OrderView,
  PickupWindowsView,
  QueueView,
  SignInResult,
  SlotsView,
  StaffBookingActionResult,
  StaffOrder,
  StaffOrderStatus,
  TakeTicketBody,
  TakeTicketResult,
  TicketActionResult,
  TicketView,
  TransferBody,
  PushConfig,
  PushKind,
  RegisterWebhookBody,
  RegisterWebhookResult,
  WebhookList,
  ReconcileBody,
  ReconcileResult,
  ReserveBlockResult,
} from './types';

export interface FieldIssue {
  field: string;
  reason: string;
}

/** Any failed call: HTTP errors carry the server's `{error:{code,message,fields}}`; network failures have status 0. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldIssue[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Whatever a call threw, as an ApiError (an unexpected exception becomes an "unknown" one). */
export const asApiError = (e: unknown): ApiError => (e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e)));

/** The server's reason for one field (`body.contact.name` matches `contact.name` and `name`). */
export const fieldReason = (e: ApiError | undefined, ...names: string[]): string | undefined =>
  e?.fields.find((f) => names.some((n) => f.field === n || f.field.endsWith(`.${n}`)))?.reason;

interface WebConfig {
  apiBase: string;
  wsUrl: string;
}

let config: Promise<WebConfig> | undefined;
/** /config.json is read once: the same build runs against any stage's API. */
export function webConfig(): Promise<WebConfig> {
  config ??= fetch('/config.json', { cache: 'no-cache' })
    .then((r): Promise<Partial<WebConfig>> | Partial<WebConfig> => (r.ok ? r.json() : {}))
    .catch((): Partial<WebConfig> => ({}))
    .then((c) => ({ apiBase: (c.apiBase ?? '/api').replace(/\/$/, ''), wsUrl: c.wsUrl ?? '' }));
  return config;
}

const staffKey = 'dalpak.staff.token';
export const staffToken = {
  get: (): string | null => sessionStorage.getItem(staffKey),
  set: (t: string) => sessionStorage.setItem(staffKey, t),
  clear: () => sessionStorage.removeItem(staffKey),
};

/** crypto.randomUUID exists only in secure contexts; a kiosk on plain http over the LAN still needs ids. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function' && isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface RequestOptions {
  body?: unknown;
  staff?: boolean;
  customerToken?: string;
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** A non-JSON answer (e.g. text/calendar), returned as text; errors are still JSON. */
  accept?: string;
  /** Sends this kiosk's or board's device token (X-Device-Token), see lib/devices.svelte.ts. */
  device?: boolean;
}

/** The enrolled device's token and what to do when the server refuses it (revoked, unknown). */
let deviceCredential: { token: () => string | null; refused: () => void } | undefined;
export function useDeviceCredential(token: () => string | null, refused: () => void) {
  deviceCredential = { token, refused };
}

/** Called when the server rejects the staff token, so the console can return to sign-in. */
let onStaffUnauthorized: (() => void) | undefined;
export function whenStaffUnauthorized(fn: () => void) {
  onStaffUnauthorized = fn;
}

/** Every call to the API: JSON in and out, the server's refusal as an ApiError, 0 when offline. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const { apiBase } = await webConfig();
  const headers: Record<string, string> = { accept: opts.accept ? `${opts.accept}, application/json` : 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.staff) {
    const token = staffToken.get();
    if (token) headers.authorization = `Bearer ${token}`;
  }
  if (opts.customerToken) headers['x-customer-token'] = opts.customerToken;
  const device = opts.device ? deviceCredential?.token() : undefined;
  if (device) headers['x-device-token'] = device;
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;

  let res: Response;
  try {
    res = await fetch(apiBase + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
      cache: 'no-store',
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'The network is unreachable');
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string; fields?: FieldIssue[]; details?: Record<string, unknown> } })?.error;
    if (res.status === 401 && opts.staff) onStaffUnauthorized?.();
    if (device && (err?.code === 'device_revoked' || err?.code === 'device_unknown')) deviceCredential?.refused();
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? res.statusText, err?.fields ?? [], err?.details ?? {});
  }
  return (opts.accept ? text : json) as T;
}

const seg = encodeURIComponent;
const counterPath = (b: string, c: string) => `/branches/${seg(b)}/counters/${seg(c)}`;
const ticketAt = (b: string, c: string, t: string) => `${counterPath(b, c)}/tickets/${seg(t)}`;
type Sig = { signal?: AbortSignal };
/** `?a=1&b=2` from the defined values, or nothing. */
const query = (q: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams(Object.entries(q).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
  return p.size ? `?${p}` : '';
};
const bookingPath = (id: string) => `/bookings/${seg(id)}`;
const branchBookingPath = (b: string, id: string) => `/branches/${seg(b)}/bookings/${seg(id)}`;

export const api = {
  listBranches: (o: Sig = {}) => request<{ branches: BranchSummary[] }>('GET', '/branches', o),
  getBranch: (branchId: string, o: Sig = {}) => request<BranchDetail>('GET', `/branches/${seg(branchId)}`, o),
  getBoard: (branchId: string, o: Sig = {}) => request<BoardView>('GET', `/branches/${seg(branchId)}/board`, o),
  /** The caller keeps one key per user intent, so a retried tap never takes two tickets. */
  takeTicket: (branchId: string, body: TakeTicketBody, idempotencyKey: string = uuid(), o: Sig = {}) =>
    request<TakeTicketResult>('POST', `/branches/${seg(branchId)}/tickets`, { body, idempotencyKey, signal: o.signal, device: body.channel === 'kiosk' }),
  /** Degraded mode: a kiosk's reserve of today's numbers for a walk-in service (one key per attempt). */
  reserveTicketBlock: (branchId: string, serviceId: string, idempotencyKey: string = uuid()) =>
    request<ReserveBlockResult>('POST', `/branches/${seg(branchId)}/kiosk/blocks`, { body: { serviceId }, idempotencyKey, device: true }),
  /** Degraded mode: the paper tickets printed from a block, with the block's token; replays admit nothing twice. */
  reconcileOfflineTickets: (branchId: string, blockId: string, token: string, body: ReconcileBody, idempotencyKey: string = uuid()) =>
    request<ReconcileResult>('POST', `/branches/${seg(branchId)}/kiosk/blocks/${seg(blockId)}/tickets`, { body, customerToken: token, idempotencyKey, device: true }),
  getTicket: (id: string, token: string, o: Sig = {}) => request<TicketView>('GET', `/tickets/${seg(id)}`, { ...o, customerToken: token }),
  updateTicket: (id: string, token: string, action: CustomerAction) =>
    request<TicketView>('POST', `/tickets/${seg(id)}/actions`, { customerToken: token, body: { action } }),

  /** `newPassword` on an invited person's first sign-in (409 `new_password_required` asks for it). */
  signIn: (email: string, password: string, newPassword?: string) => request<SignInResult>('POST', '/auth/sign-in', { body: { email, password, newPassword } }),
  getQueue: (branchId: string, o: Sig = {}) => request<QueueView>('GET', `/branches/${seg(branchId)}/queue`, { ...o, staff: true }),
  counter: (verb: 'open' | 'pause' | 'close', b: string, c: string) =>
    request<CounterState>('POST', `${counterPath(b, c)}/${verb}`, { staff: true, body: {} }),
  callNext: (b: string, c: string) => request<CallNextResult>('POST', `${counterPath(b, c)}/call-next`, { staff: true, body: {} }),
  ticketAction: (verb: 'recall' | 'start' | 'complete' | 'no-show', b: string, c: string, t: string) =>
    request<TicketActionResult>('POST', `${ticketAt(b, c, t)}/${verb}`, { staff: true, body: {} }),
  transfer: (b: string, c: string, t: string, body: TransferBody) =>
    request<TicketActionResult>('POST', `${ticketAt(b, c, t)}/transfer`, { staff: true, body }),
  addNote: (b: string, c: string, t: string, text: string) =>
    request<TicketActionResult>('POST', `${ticketAt(b, c, t)}/notes`, { staff: true, body: { text } }),

  // Click and collect
  getCatalog: (branchId: string, o: Sig = {}) => request<CatalogView>('GET', `/branches/${seg(branchId)}/catalog`, o),
  getPickupWindows: (branchId: string, o: Sig & { date?: string } = {}) =>
    request<PickupWindowsView>('GET', `/branches/${seg(branchId)}/pickup-windows${o.date ? `?date=${seg(o.date)}` : ''}`, o),
  /** Like takeTicket: one key per checkout attempt, reused when the same submission is retried. */
  createOrder: (branchId: string, body: CreateOrderBody, idempotencyKey: string = uuid()) =>
    request<CreateOrderResult>('POST', `/branches/${seg(branchId)}/orders`, { body, idempotencyKey }),
  getOrder: (id: string, token: string, o: Sig = {}) => request<OrderView>('GET', `/orders/${seg(id)}`, { ...o, customerToken: token }),
  cancelOrder: (id: string, token: string, version?: number) =>
    request<OrderView>('POST', `/orders/${seg(id)}/cancel`, { customerToken: token, body: version === undefined ? {} : { version } }),
  listBranchOrders: (branchId: string, o: Sig & { date?: string } = {}) =>
    request<BranchOrdersView>('GET', `/branches/${seg(branchId)}/orders${o.date ? `?date=${seg(o.date)}` : ''}`, { signal: o.signal, staff: true }),
  setOrderStatus: (branchId: string, orderId: string, status: StaffOrderStatus, version: number, extra: { bagLocation?: string } = {}) =>
    request<StaffOrder>('POST', `/branches/${seg(branchId)}/orders/${seg(orderId)}/status`, { staff: true, body: { status, version, ...extra } }),
  resendReady: (branchId: string, orderId: string) =>
    request<{ queued: boolean }>('POST', `/branches/${seg(branchId)}/orders/${seg(orderId)}/resend-ready`, { staff: true, body: {} }),
  /** Arrived for an order: at the enrolled kiosk, or on the phone with the order's token; one key per typed code, so a retried tap never queues twice. */
  checkIn: (branchId: string, body: CheckInBody, idempotencyKey: string = uuid(), orderToken?: string) =>
    request<CheckInResult>('POST', `/branches/${seg(branchId)}/pickups`, { body, idempotencyKey, device: body.channel !== 'mobile', customerToken: orderToken }),
  /** The clerk types the customer's code: collects the order and completes the pickup ticket. */
  handOver: (b: string, c: string, t: string, code: string) =>
    request<HandOverResult>('POST', `${ticketAt(b, c, t)}/hand-over`, { staff: true, body: { code } }),

  // Appointments
  listSlots: (branchId: string, serviceId: string, o: Sig & { from?: string; days?: number } = {}) =>
    request<SlotsView>('GET', `/branches/${seg(branchId)}/services/${seg(serviceId)}/slots${query({ from: o.from, days: o.days })}`, { signal: o.signal }),
  /** One key per booking attempt, reused when the same submission is retried. */
  createBooking: (branchId: string, body: CreateBookingBody, idempotencyKey: string = uuid()) =>
    request<CreateBookingResult>('POST', `/branches/${seg(branchId)}/bookings`, { body, idempotencyKey }),
  getBooking: (id: string, token: string, o: Sig = {}) => request<BookingView>('GET', bookingPath(id), { ...o, customerToken: token }),
  /** The booking as an iCalendar file (text). */
  getBookingCalendar: (id: string, token: string) =>
    request<string>('GET', `${bookingPath(id)}/calendar`, { customerToken: token, accept: 'text/calendar' }),
  rescheduleBooking: (id: string, token: string, slotStart: number, version?: number) =>
    request<BookingView>('POST', `${bookingPath(id)}/reschedule`, { customerToken: token, body: { slotStart, ...(version !== undefined && { version }) } }),
  cancelBooking: (id: string, token: string, version?: number) =>
    request<BookingView>('POST', `${bookingPath(id)}/cancel`, { customerToken: token, body: version === undefined ? {} : { version } }),
  /** "I'm here" on the phone: the server answers a repeat with the same ticket. */
  checkInMyBooking: (id: string, token: string) => request<BookingCheckInResult>('POST', `${bookingPath(id)}/check-in`, { customerToken: token, body: {} }),
  /** At the kiosk by code: one key per typed code, so a retried tap never queues twice. */
  checkInBooking: (branchId: string, body: BookingCheckInBody, idempotencyKey: string = uuid()) =>
    request<BookingCheckInResult>('POST', `/branches/${seg(branchId)}/booking-check-ins`, { body, idempotencyKey, device: true }),
  listBranchBookings: (branchId: string, o: Sig & { date?: string } = {}) =>
    request<BranchBookingsView>('GET', `/branches/${seg(branchId)}/bookings${query({ date: o.date })}`, { signal: o.signal, staff: true }),
  /** A clerk books for a phone caller or a walk-in (no lead time; capacity still holds). */
  addStaffBooking: (branchId: string, body: CreateBookingBody, idempotencyKey: string = uuid()) =>
    request<CreateBookingResult>('POST', `/branches/${seg(branchId)}/staff-bookings`, { body, idempotencyKey, staff: true }),
  bookingAction: (verb: 'no-show' | 'cancel', branchId: string, bookingId: string, version?: number) =>
    request<StaffBookingActionResult>('POST', `${branchBookingPath(branchId, bookingId)}/${verb}`, {
      staff: true,
      body: version === undefined || verb === 'no-show' ? {} : { version },
    }),

  // Web Push ("notify me")
  getPushConfig: () => request<PushConfig>('GET', '/push/config'),
  subscribePush: (kind: PushKind, id: string, token: string, subscription: PushSubscriptionJSON) =>
    request<{ subscribed: true }>('POST', '/push/subscriptions', { customerToken: token, body: { kind, id, subscription } }),

  // Webhooks for integrators (managers of the branch only; a clerk gets 403)
  listBranchWebhooks: (branchId: string, o: Sig = {}) =>
    request<WebhookList>('GET', `/branches/${seg(branchId)}/webhooks`, { signal: o.signal, staff: true }),
  /** The answer carries the signing secret: the only time it is ever shown. */
  registerWebhook: (branchId: string, body: RegisterWebhookBody) =>
    request<RegisterWebhookResult>('POST', `/branches/${seg(branchId)}/webhooks`, { staff: true, body }),
  removeWebhook: (branchId: string, webhookId: string) =>
    request<{ deleted: boolean }>('DELETE', `/branches/${seg(branchId)}/webhooks/${seg(webhookId)}`, { staff: true }),
};
