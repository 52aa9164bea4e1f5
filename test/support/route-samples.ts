import { routes, type RouteDef } from '../../functions/routes';

// One schema-valid request per route of the route table (issue 7): the fuzz test mutates these
// into requests that are guaranteed invalid, the access matrix starts from them and puts real
// ids in. Valid against the route's zod schemas, not necessarily against the data (the ids
// below need not exist). A route with params, a query or a body and no sample here fails both
// tests: a new route must get one.
export interface RouteSample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

const ulid = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
const branch = { branchId: 'tel-aviv-center' };
const counter = { ...branch, counterId: 'c1' };
const counterTicket = { ...counter, ticketId: ulid };
const contact = { name: 'Sample Person', phone: '+972 50 765 4321' };
const lines = [{ productId: 'sim-card', quantity: 1 }];
const slotStart = 1_900_000_000_000;

export const routeSamples: Record<string, RouteSample> = {
  signIn: { body: { email: 'nobody@dalpak.test', password: 'not-the-password' } },
  getBranch: { params: branch },
  getBoard: { params: branch },
  takeTicket: { params: branch, body: { serviceId: 'general', channel: 'kiosk', language: 'en', needs: ['seating'], contact, deviceId: 'sample-device-1', reason: 'A question' } },
  reserveTicketBlock: { params: branch, body: { serviceId: 'general', size: 5 } },
  startPhoneVerification: { params: branch, body: { phone: '050-1234567', language: 'he' } },
  confirmPhoneVerification: { params: { verificationId: ulid }, body: { code: '123456' } },
  startDeviceEnrollment: { params: branch, body: { kind: 'kiosk', label: 'Entrance kiosk' } },
  getDeviceEnrollment: { params: { enrollmentId: ulid } },
  confirmDeviceEnrollment: { params: branch, body: { code: 'ACD479', label: 'Entrance kiosk' } },
  listDevices: { params: branch },
  revokeDevice: { params: { ...branch, deviceId: ulid } },
  reconcileOfflineTickets: { params: { ...branch, blockId: ulid }, body: { tickets: [{ seq: 1, issuedAt: slotStart, language: 'he', needs: [] }] } },
  getTicket: { params: { ticketId: ulid } },
  updateTicket: { params: { ticketId: ulid }, body: { action: 'on_my_way' } },
  getQueue: { params: branch },
  openCounter: { params: counter, body: {} },
  pauseCounter: { params: counter, body: {} },
  closeCounter: { params: counter, body: {} },
  callNext: { params: counter, body: {} },
  recallTicket: { params: counterTicket, body: {} },
  startService: { params: counterTicket, body: {} },
  completeService: { params: counterTicket, body: {} },
  markNoShow: { params: counterTicket, body: {} },
  transferTicket: { params: counterTicket, body: { serviceId: 'accounts' } },
  addTicketNote: { params: counterTicket, body: { text: 'Bring the contract' } },
  handOverOrder: { params: counterTicket, body: { code: 'ABC123' } },
  resendReadyMessage: { params: { ...branch, orderId: ulid }, body: {} },
  checkInOrder: { params: branch, body: { code: 'ABC123', channel: 'kiosk' } },
  getCatalog: { params: branch },
  upsertProduct: { params: { ...branch, productId: 'sample-product' }, body: { name: { he: 'מוצר', en: 'Product' }, priceAgorot: 1000, category: 'misc', stock: 3 } },
  setStock: { params: { ...branch, productId: 'sim-card' }, body: { stock: 40 } },
  listPickupWindows: { params: branch, query: { date: '2030-01-01' } },
  createOrder: { params: branch, body: { lines, windowStart: slotStart, contact, language: 'en' } },
  getOrder: { params: { orderId: ulid } },
  cancelOrder: { params: { orderId: ulid }, body: { version: 1 } },
  listBranchOrders: { params: branch, query: { date: '2030-01-01' } },
  getBranchOrder: { params: { ...branch, orderId: ulid } },
  updateOrderStatus: { params: { ...branch, orderId: ulid }, body: { status: 'preparing', version: 1 } },
  listSlots: { params: { ...branch, serviceId: 'appointments' }, query: { from: '2030-01-01', days: '3' } },
  createBooking: { params: branch, body: { serviceId: 'appointments', slotStart, contact, reason: 'Open an account', language: 'en', needs: [] } },
  getBooking: { params: { bookingId: ulid } },
  getBookingCalendar: { params: { bookingId: ulid } },
  rescheduleBooking: { params: { bookingId: ulid }, body: { slotStart, version: 1 } },
  cancelBooking: { params: { bookingId: ulid }, body: { version: 1 } },
  checkInMyBooking: { params: { bookingId: ulid }, body: {} },
  checkInBooking: { params: branch, body: { code: 'ABC123', channel: 'kiosk' } },
  listBranchBookings: { params: branch, query: { date: '2030-01-01' } },
  addStaffBooking: { params: branch, body: { serviceId: 'appointments', slotStart, contact, language: 'he' } },
  markBookingNoShow: { params: { ...branch, bookingId: ulid }, body: {} },
  staffCancelBooking: { params: { ...branch, bookingId: ulid }, body: { version: 1 } },
  subscribePush: {
    body: {
      kind: 'ticket',
      id: ulid,
      subscription: { endpoint: 'https://push.example.com/send/abc', expirationTime: null, keys: { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) } },
    },
  },
  registerWebhook: { params: branch, body: { url: 'https://hooks.example.com/dalpak', events: ['ticket.created'] } },
  listBranchWebhooks: { params: branch },
  removeWebhook: { params: { ...branch, webhookId: ulid } },
  getSurveyStatus: { params: { kind: 'ticket', id: ulid } },
  submitSurvey: { params: { kind: 'ticket', id: ulid }, body: { score: 4, comment: 'Quick', wantsCall: false } },
  requestCallback: { params: branch, body: { topic: 'talk_to_person', contact, note: 'About my bill', language: 'en' } },
  startCheckout: { params: branch, body: { checkoutId: '3f0c1a52-6a43-4c1e-9f3e-2b7d5f1e8a90', contact, lines } },
  listBranchMoments: { params: branch, query: { status: 'all' } },
  updateMoment: { params: { ...branch, momentId: 'callback-01jzzzzzzzzzzzzzzzzzzzzzzz' }, body: { status: 'called', version: 1 } },
  getBranchStats: { params: branch, query: { from: '2030-01-01', to: '2030-01-02' } },
  exportBranchStats: { params: branch, query: { from: '2030-01-01', to: '2030-01-02' } },
  backfillStats: { params: branch, body: { from: '2030-01-01', to: '2030-01-02' } },
  listStaff: { params: branch },
  inviteStaff: { params: branch, body: { email: 'new.person@dalpak.test', name: 'New Person', role: 'clerk', branches: ['tel-aviv-center'] } },
  updateStaff: { params: { ...branch, staffId: 'staff-0001' }, body: { role: 'manager', branches: ['tel-aviv-center'], version: 1 } },
  removeStaff: { params: { ...branch, staffId: 'staff-0001' }, body: { version: 1 } },
  createBranch: { body: { id: 'sample-branch', name: { he: 'סניף', en: 'Sample branch' }, address: { he: 'רחוב 1', en: '1 Main St' }, timeZone: 'Asia/Jerusalem' } },
  getBranchSetup: { params: branch },
  updateBranchSetup: {
    params: branch,
    body: {
      version: 1,
      name: { he: 'סניף', en: 'Sample branch' },
      address: { he: 'רחוב 1', en: '1 Main St' },
      timeZone: 'Asia/Jerusalem',
      hours: [{ weekday: 0, open: '08:00', close: '24:00' }],
      exceptions: [{ day: '2030-01-01', hours: [], label: { he: 'חג', en: 'Holiday' } }],
      services: [{ id: 'general', prefix: 'A', name: { he: 'כללי', en: 'General' }, kind: 'walkin', expectedMinutes: 6, priority: 0 }],
      counters: [{ id: 'c1', number: 1, serviceIds: ['general'], pickup: false }],
      pickup: { windowMinutes: 15, capacityPerWindow: 10, leadMinutes: 30, horizonDays: 7, expireAfterMinutes: 120 },
    },
  },
  searchCustomerData: { params: branch, body: { phone: '+972 50 765 4321' } },
  exportCustomerData: { params: branch, body: { email: 'sample.person@example.com' } },
  eraseCustomerData: { params: branch, body: { phone: '+972 50 765 4321', confirm: true } },
};

/** Routes that take any input (path, query or body): each needs a sample. */
export const routesWithInput = (): RouteDef[] => routes.filter((r) => r.params || r.query || r.body);

/** Fills a path template ('/api/tickets/{ticketId}') with encoded values. */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** What a client can put in a URL at all: a lone surrogate cannot be percent-encoded. */
export const sendable = (s: string): string => s.replace(/[\uD800-\uDFFF]/g, '\uFFFD');

/** Does the route's schema accept this input? (What the handler will check first.) */
export function acceptedBy(route: RouteDef, input: RouteSample): boolean {
  const ok = (schema: { safeParse: (v: unknown) => { success: boolean } } | undefined, v: unknown) => !schema || schema.safeParse(v).success;
  return ok(route.params, input.params ?? {}) && ok(route.query, input.query ?? {}) && ok(route.body, input.body);
}

export function pathParamsOf(route: Pick<RouteDef, 'path'>): string[] {
  return [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}
