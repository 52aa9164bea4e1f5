import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, signIn, type CallOptions } from '../support/api';
import { enrollDevice, kioskCall, kioskToken as enrolledKiosk } from '../support/devices';
import { fillPath, pathParamsOf, routeSamples } from '../support/route-samples';
import { seedStaffUser } from '../../functions/data/staff-repo';
import { localDay } from '../../functions/domain/time';
import { hashPassword } from '../../functions/identity/passwords';
import { routes, type RouteDef } from '../../functions/routes';
import { demoPassword } from '../../functions/seed/demo';

// Issue 7, acceptance 1 (OWASP API1, broken object-level authorization), generated from the
// route table: every route that takes an id (a path parameter) or a credential (customer and
// staff routes) is called on real objects of Tel Aviv Center with every foreign identity —
// no credential, a customer token of another object of the same kind, the kiosk's credential,
// a clerk and a manager of Haifa Port only — and must answer 401/403/404 with an error body that
// carries none of the object's data. The real owner is then served (2xx), so the matrix cannot
// pass on a route that refuses everyone. A route that is neither in `fixtures` nor in
// `meantToBePublic` fails the first test: a new route must be classified.
const branch = 'tel-aviv-center';
const tz = 'Asia/Jerusalem';
const minute = 60_000;

/**
 * The identities that must get nothing. `kiosk` is the branch's own enrolled kiosk: its device
 * token (X-Device-Token) of this same branch, enrolled through the real routes (test/support/devices.ts).
 */
type Foreign = 'none' | 'foreignCustomer' | 'kiosk' | 'otherBranchClerk' | 'otherBranchManager';
const foreignIdentities: Foreign[] = ['none', 'foreignCustomer', 'kiosk', 'otherBranchClerk', 'otherBranchManager'];

/** Public routes that take an id, each with why anyone may call it. */
const meantToBePublic: Record<string, string> = {
  getBranch: 'a branch page: name, hours, services and waits are public',
  getBoard: 'the display board on a public TV: numbers and counters, no personal data (schema says so)',
  takeTicket: 'walk-ins and remote customers take a ticket without an account; the branch id is public',
  reserveTicketBlock: "the branch's enrolled kiosk only (device token; other branches' kiosks, boards and no device get 403, devices.test.ts); returns only a new block and its own token, capped per service and day",
  checkInOrder: "the branch's enrolled kiosk (channel kiosk, devices.test.ts) or the order's own phone with its token (channel mobile, pickup-arrival.test.ts); the pickup code alone checks nobody in",
  getCatalog: 'the catalog and live stock are public',
  listPickupWindows: 'pickup windows and places left are public',
  createOrder: 'ordering needs no account; the order gets its own token',
  listSlots: 'appointment slots and places left are public',
  createBooking: 'booking needs no account; the booking gets its own token',
  checkInBooking: "the branch's enrolled kiosk only (devices.test.ts), and the booking code in the body is the credential",
  startDeviceEnrollment: 'a kiosk or board asks to be enrolled: it writes a pending enrollment with a code for a manager to confirm, and reads nothing',
  getCurrentDevice: 'a device token reads only its own device (id, branch, kind, label); no id is taken',
  startPhoneVerification: 'sends a one-time code to the phone in the body (3 per phone in 15 minutes); it writes, never reads',
  confirmPhoneVerification: 'the 6-digit code in the body is the credential (5 wrong tries lock it); the answer is only a token for that phone and branch',
  requestCallback: '"talk to a person" from any face, without an account: it writes, never reads',
  startCheckout: 'a started checkout from the public shop: it writes, never reads',
};

interface Fixture {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  owner: CallOptions;
  /** A customer token of another object of the same kind (for staff routes: any customer's). */
  foreignToken: string;
  /** Values of the owned object that no foreign answer may carry (ids, contact, number, code, token). */
  secrets: string[];
  /** Values the owner's answer shows: proves the secrets are the right ones. */
  ownerSees?: string[];
  /** Fake clock for the calls (e.g. around an appointment). */
  at?: number;
  ownerStatus?: number;
}

let clerk = '';
let manager = '';
let otherClerk = '';
let otherManager = '';
let admin = '';
let kioskToken = '';
let n = 0;
const unique = () => ++n;
const phoneOf = (i: number) => `+972 52 ${String(3_000_000 + i).slice(0, 3)} ${String(3_000_000 + i).slice(3)}`;
const person = () => {
  const i = unique();
  return { name: `Matrix Person${i}`, phone: phoneOf(i) };
};
const ok = (res: { status: number; body: unknown }, status = 201) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as any;
};

// --- owned objects, made through the API -----------------------------------------------------
async function ticket(serviceId = 'general') {
  const contact = person();
  const body = ok(await call('POST', `/api/branches/${branch}/tickets`, { body: { serviceId, channel: 'mobile', language: 'en', contact, reason: `Private matter ${contact.name}` } }));
  return { id: body.ticket.id as string, number: body.ticket.number as string, token: body.token as string, contact };
}
const ticketSecrets = (t: Awaited<ReturnType<typeof ticket>>) => [t.id, t.token, t.contact.name, t.contact.phone, t.contact.phone.replace(/\D/g, '')];

/** A ticket called to `counterId` (others the counter calls first are completed). */
async function calledTicket(counterId: string, serviceId: string) {
  const t = await ticket(serviceId);
  ok(await call('POST', `/api/branches/${branch}/counters/${counterId}/open`, { token: clerk }), 200);
  for (let i = 0; i < 50; i++) {
    const res = await call('POST', `/api/branches/${branch}/counters/${counterId}/call-next`, { token: clerk });
    if (res.status === 409 && res.body.error.code === 'counter_busy') {
      // The counter still serves an earlier fixture's ticket: finish it first.
      ok(await call('POST', `/api/branches/${branch}/counters/${counterId}/tickets/${res.body.error.details.ticketId}/complete`, { token: clerk }), 200);
      continue;
    }
    const next = ok(res, 200);
    if (!next.ticket) throw new Error(`ticket ${t.id} never called at ${counterId}`);
    if (next.ticket.id === t.id) return t;
    ok(await call('POST', `/api/branches/${branch}/counters/${counterId}/tickets/${next.ticket.id}/complete`, { token: clerk }), 200);
  }
  throw new Error('call-next did not reach the ticket');
}

let windowCursor = 0;
async function order() {
  const windows = ok(await call('GET', `/api/branches/${branch}/pickup-windows`), 200).windows.filter((w: { available: boolean }) => w.available);
  const w = windows[windowCursor++ % windows.length];
  const contact = person();
  const body = ok(
    await call('POST', `/api/branches/${branch}/orders`, {
      body: { lines: [{ productId: 'phone-case', quantity: 1 }], windowStart: w.start, contact, note: `Gift for ${contact.name}`, language: 'en' },
      headers: { 'idempotency-key': `matrix-order-${unique()}` },
    }),
  );
  return { id: body.order.id as string, code: body.order.code as string, version: body.order.version as number, token: body.token as string, contact, day: localDay(w.start, tz) };
}
const orderSecrets = (o: Awaited<ReturnType<typeof order>>) => [o.id, o.code, o.token, o.contact.name, o.contact.phone, o.contact.phone.replace(/\D/g, '')];
const readyOrder = async () => {
  const o = await order();
  const r = ok(await call('POST', `/api/branches/${branch}/orders/${o.id}/status`, { token: clerk, body: { status: 'ready', version: o.version, bagLocation: 'Shelf M1' } }), 200);
  return { ...o, version: r.version as number };
};

const usedSlots = new Set<number>();
async function freeSlot(): Promise<{ start: number }> {
  const res = ok(await call('GET', `/api/branches/${branch}/services/appointments/slots?days=3`), 200);
  const slot = res.days.flatMap((d: { slots: { start: number; available: boolean; remaining: number }[] }) => d.slots).find((s: { start: number; available: boolean; remaining: number }) => s.available && !usedSlots.has(s.start));
  usedSlots.add(slot.start);
  return slot;
}
async function booking() {
  const slot = await freeSlot();
  const contact = person();
  const body = ok(
    await call('POST', `/api/branches/${branch}/bookings`, {
      body: { serviceId: 'appointments', slotStart: slot.start, contact, reason: `Account of ${contact.name}`, language: 'en' },
      headers: { 'idempotency-key': `matrix-booking-${unique()}` },
    }),
  );
  return { id: body.booking.id as string, code: body.booking.code as string, version: body.booking.version as number, token: body.token as string, contact, slot, day: localDay(slot.start, tz) };
}
const bookingSecrets = (b: Awaited<ReturnType<typeof booking>>) => [b.id, b.code, b.token, b.contact.name, b.contact.phone, b.contact.phone.replace(/\D/g, '')];

async function block() {
  const body = ok(await kioskCall('POST', `/api/branches/${branch}/kiosk/blocks`, { body: { serviceId: 'general', size: 3 } }));
  return { id: body.block.id as string, from: body.block.from as number, token: body.token as string };
}
async function enrollment() {
  return ok(await call('POST', `/api/branches/${branch}/devices/enrollments`, { body: { kind: 'kiosk' } })) as { enrollment: { id: string; code: string }; pollToken: string };
}
async function moment() {
  const contact = person();
  const body = ok(await call('POST', `/api/branches/${branch}/callbacks`, { body: { topic: 'complaint', contact, note: `Complaint by ${contact.name}`, language: 'en' } }));
  return { id: body.id as string, contact };
}
async function webhook() {
  const url = `https://hooks.example.com/matrix-${unique()}`;
  const body = ok(await call('POST', `/api/branches/${branch}/webhooks`, { token: manager, body: { url, events: ['ticket.created'] } }));
  return { id: body.webhook.id as string, url, secret: body.secret as string };
}

async function staffMember() {
  const i = unique();
  const body = ok(await call('POST', `/api/branches/${branch}/staff`, { token: manager, body: { email: `matrix.clerk${i}@dalpak.test`, name: `Matrix Clerk${i}`, role: 'clerk' } }));
  return { id: body.member.id as string, email: body.member.email as string, name: body.member.name as string, version: body.member.version as number, temporaryPassword: body.temporaryPassword as string };
}

const subscription = { endpoint: 'https://push.example.com/send/matrix', expirationTime: null, keys: { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) } };
const foreignTicketToken = async () => (await ticket()).token;

// --- one fixture per classified route -----------------------------------------------------------
const fixtures: Record<string, () => Promise<Fixture>> = {
  // Customer routes: the owner is the object's token, the foreign customer another object's.
  reconcileOfflineTickets: async () => {
    const [mine, theirs] = [await block(), await block()];
    return { params: { branchId: branch, blockId: mine.id }, body: { tickets: [{ seq: mine.from, issuedAt: Date.now() }] }, owner: { customerToken: mine.token, headers: { 'x-device-token': kioskToken } }, foreignToken: theirs.token, secrets: [mine.token], ownerStatus: 200, ownerSees: [mine.id] };
  },
  getDeviceEnrollment: async () => {
    const [mine, theirs] = [await enrollment(), await enrollment()];
    return { params: { enrollmentId: mine.enrollment.id }, owner: { customerToken: mine.pollToken }, foreignToken: theirs.pollToken, secrets: [mine.enrollment.code, mine.pollToken], ownerStatus: 200, ownerSees: [mine.enrollment.code] };
  },
  getTicket: async () => {
    const [t, u] = [await ticket(), await ticket()];
    return { params: { ticketId: t.id }, owner: { customerToken: t.token }, foreignToken: u.token, secrets: [...ticketSecrets(t), t.number], ownerSees: [t.id, t.number] };
  },
  updateTicket: async () => {
    const [t, u] = [await ticket(), await ticket()];
    return { params: { ticketId: t.id }, body: { action: 'on_my_way' }, owner: { customerToken: t.token }, foreignToken: u.token, secrets: [...ticketSecrets(t), t.number], ownerSees: [t.id] };
  },
  getOrder: async () => {
    const [o, p] = [await order(), await order()];
    return { params: { orderId: o.id }, owner: { customerToken: o.token }, foreignToken: p.token, secrets: orderSecrets(o), ownerSees: [o.id, o.code] };
  },
  cancelOrder: async () => {
    const [o, p] = [await order(), await order()];
    return { params: { orderId: o.id }, body: { version: o.version }, owner: { customerToken: o.token }, foreignToken: p.token, secrets: orderSecrets(o), ownerSees: [o.id] };
  },
  getBooking: async () => {
    const [b, c] = [await booking(), await booking()];
    return { params: { bookingId: b.id }, owner: { customerToken: b.token }, foreignToken: c.token, secrets: bookingSecrets(b), ownerSees: [b.id, b.code] };
  },
  getBookingCalendar: async () => {
    const [b, c] = [await booking(), await booking()];
    return { params: { bookingId: b.id }, owner: { customerToken: b.token }, foreignToken: c.token, secrets: bookingSecrets(b), ownerSees: [b.code] };
  },
  rescheduleBooking: async () => {
    const [b, c] = [await booking(), await booking()];
    return { params: { bookingId: b.id }, body: { slotStart: (await freeSlot()).start, version: b.version }, owner: { customerToken: b.token }, foreignToken: c.token, secrets: bookingSecrets(b), ownerSees: [b.id] };
  },
  cancelBooking: async () => {
    const [b, c] = [await booking(), await booking()];
    return { params: { bookingId: b.id }, body: { version: b.version }, owner: { customerToken: b.token }, foreignToken: c.token, secrets: bookingSecrets(b), ownerSees: [b.id] };
  },
  checkInMyBooking: async () => {
    const [b, c] = [await booking(), await booking()];
    return { params: { bookingId: b.id }, owner: { customerToken: b.token }, foreignToken: c.token, secrets: bookingSecrets(b), at: b.slot.start, ownerSees: [b.id] };
  },
  subscribePush: async () => {
    const [t, u] = [await ticket(), await ticket()];
    return { body: { kind: 'ticket', id: t.id, subscription }, owner: { customerToken: t.token }, foreignToken: u.token, secrets: [t.token, t.number, t.contact.name, t.contact.phone] };
  },
  getSurveyStatus: async () => {
    const [t, u] = [await ticket(), await ticket()];
    return { params: { kind: 'ticket', id: t.id }, owner: { customerToken: t.token }, foreignToken: u.token, secrets: [t.token, t.number, t.contact.name, t.contact.phone], ownerStatus: 200 };
  },
  submitSurvey: async () => {
    const t = await calledTicket('c1', 'general');
    ok(await call('POST', `/api/branches/${branch}/counters/c1/tickets/${t.id}/complete`, { token: clerk }), 200);
    return { params: { kind: 'ticket', id: t.id }, body: { score: 4, comment: `Thanks ${t.contact.name}` }, owner: { customerToken: t.token }, foreignToken: await foreignTicketToken(), secrets: [t.token, t.number, t.contact.name, t.contact.phone] };
  },

  // Staff routes of Tel Aviv Center: the owner is its clerk (or a manager of it where managers only).
  listStaff: async () => {
    const p = await staffMember();
    return { params: { branchId: branch }, owner: { token: manager }, foreignToken: await foreignTicketToken(), secrets: [p.id, p.email, p.name], ownerStatus: 200, ownerSees: [p.id, p.email] };
  },
  inviteStaff: async () => {
    const p = await staffMember(); // someone already on the staff, whom no foreign answer may show
    const i = unique();
    return { params: { branchId: branch }, body: { email: `matrix.invitee${i}@dalpak.test`, name: `Matrix Invitee${i}`, role: 'clerk' }, owner: { token: manager }, foreignToken: await foreignTicketToken(), secrets: [p.id, p.email, p.name] };
  },
  updateStaff: async () => {
    const p = await staffMember();
    return { params: { branchId: branch, staffId: p.id }, body: { role: 'manager', version: p.version }, owner: { token: manager }, foreignToken: await foreignTicketToken(), secrets: [p.id, p.email, p.name, p.temporaryPassword], ownerStatus: 200, ownerSees: [p.id] };
  },
  removeStaff: async () => {
    const p = await staffMember();
    return { params: { branchId: branch, staffId: p.id }, body: { version: p.version }, owner: { token: manager }, foreignToken: await foreignTicketToken(), secrets: [p.id, p.email, p.name, p.temporaryPassword], ownerStatus: 200 };
  },
  createBranch: async () => ({
    body: { id: `matrix-branch-${unique()}`, name: { he: 'סניף בדיקה', en: 'Matrix branch' }, timeZone: tz },
    owner: { token: admin },
    foreignToken: await foreignTicketToken(),
    secrets: [],
  }),
  getBranchSetup: async () => ({ params: { branchId: branch }, owner: { token: manager }, foreignToken: await foreignTicketToken(), secrets: [], ownerStatus: 200, ownerSees: ['"version"', 'Ibn Gabirol'] }),
  updateBranchSetup: async () => {
    // The branch's own set-up sent back unchanged: only who may save it is at stake here.
    const { branchId: _id, counters, ...setup } = ok(await call('GET', `/api/branches/${branch}/setup`, { token: manager }), 200);
    const body = { ...setup, counters: counters.map(({ status: _s, ...c }: { status: string }) => c) };
    return { params: { branchId: branch }, body, owner: { token: manager }, foreignToken: await foreignTicketToken(), secrets: [], ownerStatus: 200 };
  },
  getQueue: async () => {
    const t = await ticket();
    return { params: { branchId: branch }, owner: { token: clerk }, foreignToken: t.token, secrets: [...ticketSecrets(t), t.number], ownerSees: [t.id, t.contact.name] };
  },
  openCounter: async () => ({ params: { branchId: branch, counterId: 'c2' }, owner: { token: clerk }, foreignToken: await foreignTicketToken(), secrets: [], ownerStatus: 200 }),
  pauseCounter: async () => {
    ok(await call('POST', `/api/branches/${branch}/counters/c2/open`, { token: clerk }), 200);
    return { params: { branchId: branch, counterId: 'c2' }, owner: { token: clerk }, foreignToken: await foreignTicketToken(), secrets: [], ownerStatus: 200 };
  },
  closeCounter: async () => ({ params: { branchId: branch, counterId: 'c2' }, owner: { token: clerk }, foreignToken: await foreignTicketToken(), secrets: [], ownerStatus: 200 }),
  callNext: async () => {
    ok(await call('POST', `/api/branches/${branch}/counters/c3/open`, { token: clerk }), 200);
    const t = await ticket();
    return { params: { branchId: branch, counterId: 'c3' }, owner: { token: clerk }, foreignToken: t.token, secrets: ticketSecrets(t), ownerStatus: 200 };
  },
  ...Object.fromEntries(
    (
      [
        ['recallTicket', undefined],
        ['startService', undefined],
        ['completeService', undefined],
        ['markNoShow', undefined],
        ['transferTicket', { serviceId: 'general' }],
        ['addTicketNote', { text: 'Brought the contract' }],
      ] as const
    ).map(([op, body]) => [
      op,
      async (): Promise<Fixture> => {
        const t = await calledTicket('c4', 'accounts');
        return { params: { branchId: branch, counterId: 'c4', ticketId: t.id }, body, owner: { token: clerk }, foreignToken: t.token, secrets: [...ticketSecrets(t), t.number], ownerStatus: 200, ownerSees: [t.id] };
      },
    ]),
  ),
  handOverOrder: async () => {
    const o = await readyOrder();
    const checkIn = ok(await kioskCall('POST', `/api/branches/${branch}/pickups`, { body: { code: o.code, channel: 'kiosk' } }));
    ok(await call('POST', `/api/branches/${branch}/counters/c5/open`, { token: clerk }), 200);
    const called = ok(await call('POST', `/api/branches/${branch}/counters/c5/call-next`, { token: clerk }), 200);
    expect(called.ticket.id).toBe(checkIn.ticket.id);
    return {
      params: { branchId: branch, counterId: 'c5', ticketId: checkIn.ticket.id },
      body: { code: o.code },
      owner: { token: clerk },
      foreignToken: o.token,
      secrets: [...orderSecrets(o).filter((s) => s !== o.code), checkIn.token, o.id],
      ownerStatus: 200,
      ownerSees: [o.id],
    };
  },
  resendReadyMessage: async () => {
    const o = await readyOrder();
    return { params: { branchId: branch, orderId: o.id }, owner: { token: clerk }, foreignToken: o.token, secrets: orderSecrets(o), ownerStatus: 202 };
  },
  upsertProduct: async () => ({ params: { branchId: branch, productId: 'matrix-product' }, body: routeSamples.upsertProduct!.body, owner: { token: manager }, foreignToken: await foreignTicketToken(), secrets: [], ownerStatus: 200 }),
  setStock: async () => ({ params: { branchId: branch, productId: 'charger-usb-c' }, body: { stock: 12 }, owner: { token: manager }, foreignToken: await foreignTicketToken(), secrets: [], ownerStatus: 200 }),
  listBranchOrders: async () => {
    const o = await order();
    return { params: { branchId: branch }, query: { date: o.day }, owner: { token: clerk }, foreignToken: o.token, secrets: orderSecrets(o), ownerStatus: 200, ownerSees: [o.id, o.contact.name] };
  },
  getBranchOrder: async () => {
    const o = await order();
    return { params: { branchId: branch, orderId: o.id }, owner: { token: clerk }, foreignToken: o.token, secrets: orderSecrets(o), ownerStatus: 200, ownerSees: [o.id, o.contact.name] };
  },
  updateOrderStatus: async () => {
    const o = await order();
    return { params: { branchId: branch, orderId: o.id }, body: { status: 'preparing', version: o.version }, owner: { token: clerk }, foreignToken: o.token, secrets: orderSecrets(o), ownerStatus: 200, ownerSees: [o.id] };
  },
  listBranchBookings: async () => {
    const b = await booking();
    return { params: { branchId: branch }, query: { date: b.day }, owner: { token: clerk }, foreignToken: b.token, secrets: bookingSecrets(b), ownerStatus: 200, ownerSees: [b.id, b.contact.name] };
  },
  addStaffBooking: async () => {
    const b = await booking(); // an existing booking of the branch that nothing may reveal
    const contact = person();
    return {
      params: { branchId: branch },
      body: { serviceId: 'appointments', slotStart: (await freeSlot()).start, contact, language: 'he' },
      owner: { token: clerk },
      foreignToken: b.token,
      secrets: bookingSecrets(b),
    };
  },
  markBookingNoShow: async () => {
    const b = await booking();
    return { params: { branchId: branch, bookingId: b.id }, owner: { token: clerk }, foreignToken: b.token, secrets: bookingSecrets(b), at: b.slot.start + 16 * minute, ownerStatus: 200, ownerSees: [b.id] };
  },
  staffCancelBooking: async () => {
    const b = await booking();
    return { params: { branchId: branch, bookingId: b.id }, body: { version: b.version }, owner: { token: clerk }, foreignToken: b.token, secrets: bookingSecrets(b), ownerStatus: 200, ownerSees: [b.id] };
  },
  registerWebhook: async () => {
    const w = await webhook();
    return { params: { branchId: branch }, body: { url: `https://hooks.example.com/matrix-new-${unique()}`, events: ['ticket.called'] }, owner: { token: manager }, foreignToken: await foreignTicketToken(), secrets: [w.id, w.url, w.secret] };
  },
  listBranchWebhooks: async () => {
    const w = await webhook();
    return { params: { branchId: branch }, owner: { token: manager }, foreignToken: await foreignTicketToken(), secrets: [w.id, w.url, w.secret], ownerStatus: 200, ownerSees: [w.id, w.url] };
  },
  removeWebhook: async () => {
    const w = await webhook();
    return { params: { branchId: branch, webhookId: w.id }, owner: { token: manager }, foreignToken: await foreignTicketToken(), secrets: [w.id, w.url, w.secret], ownerStatus: 200 };
  },
  confirmDeviceEnrollment: async () => {
    const e = await enrollment();
    return { params: { branchId: branch }, body: { code: e.enrollment.code, label: 'Matrix kiosk' }, owner: { token: manager }, foreignToken: e.pollToken, secrets: [e.enrollment.id, e.pollToken], ownerSees: ['Matrix kiosk'] };
  },
  listDevices: async () => {
    const d = await enrollDevice(branch, 'board', `Matrix board ${unique()}`);
    return { params: { branchId: branch }, owner: { token: manager }, foreignToken: await foreignTicketToken(), secrets: [d.deviceId, d.token], ownerStatus: 200, ownerSees: [d.deviceId] };
  },
  revokeDevice: async () => {
    const d = await enrollDevice(branch, 'kiosk', `Matrix kiosk ${unique()}`);
    return { params: { branchId: branch, deviceId: d.deviceId }, owner: { token: manager }, foreignToken: d.token, secrets: [d.token], ownerStatus: 200, ownerSees: [d.deviceId] };
  },
  listBranchMoments: async () => {
    const m = await moment();
    return { params: { branchId: branch }, query: { status: 'all' }, owner: { token: clerk }, foreignToken: await foreignTicketToken(), secrets: [m.id, m.contact.name, m.contact.phone], ownerStatus: 200, ownerSees: [m.id, m.contact.name] };
  },
  updateMoment: async () => {
    const m = await moment();
    return { params: { branchId: branch, momentId: m.id }, body: { status: 'called', version: 1 }, owner: { token: clerk }, foreignToken: await foreignTicketToken(), secrets: [m.id, m.contact.name, m.contact.phone], ownerStatus: 200, ownerSees: [m.id] };
  },
  getBranchStats: async () => ({ params: { branchId: branch }, owner: { token: clerk }, foreignToken: await foreignTicketToken(), secrets: [], ownerStatus: 200 }),
  exportBranchStats: async () => ({ params: { branchId: branch }, owner: { token: clerk }, foreignToken: await foreignTicketToken(), secrets: [], ownerStatus: 200 }),
  backfillStats: async () => {
    const today = localDay(Date.now(), tz);
    return { params: { branchId: branch }, body: { from: today, to: today }, owner: { token: manager }, foreignToken: await foreignTicketToken(), secrets: [], ownerStatus: 200 };
  },
  ...Object.fromEntries(
    (['searchCustomerData', 'exportCustomerData', 'eraseCustomerData'] as const).map((op) => [
      op,
      async (): Promise<Fixture> => {
        const t = await ticket();
        return {
          params: { branchId: branch },
          body: { phone: t.contact.phone, ...(op === 'eraseCustomerData' ? { confirm: true } : {}) },
          owner: { token: manager },
          foreignToken: t.token,
          secrets: [t.id, t.token, t.number, t.contact.name],
          ownerStatus: 200,
          ownerSees: op === 'eraseCustomerData' ? [] : [t.id],
        };
      },
    ]),
  ),
};

const credentials = (who: Foreign, f: Fixture): CallOptions => {
  switch (who) {
    case 'none':
      return {};
    case 'foreignCustomer':
      return { customerToken: f.foreignToken };
    case 'kiosk':
      return { headers: { 'x-device-token': kioskToken } };
    case 'otherBranchClerk':
      return { token: otherClerk };
    case 'otherBranchManager':
      return { token: otherManager };
  }
};

/** A route takes an id (path parameter) or a credential: it must be classified. */
const takesIdOrCredential = (r: RouteDef) => pathParamsOf(r).length > 0 || r.auth !== 'public';

beforeAll(async () => {
  // A manager of Haifa Port only (the demo's manager has both branches).
  await seedStaffUser({ email: 'manager.haifa@dalpak.test', name: 'Hila Manager', roles: ['manager'], branches: ['haifa-port'], passwordHash: await hashPassword(demoPassword) });
  [clerk, manager, otherClerk, otherManager, admin] = await Promise.all(['clerk.tlv@dalpak.test', 'manager@dalpak.test', 'clerk.haifa@dalpak.test', 'manager.haifa@dalpak.test', 'admin@dalpak.test'].map(signIn)) as [string, string, string, string, string];
  kioskToken = await enrolledKiosk(branch);
});
afterEach(() => vi.useRealTimers());

describe('BOLA matrix over the route table', () => {
  it('classifies every route that takes an id or a credential: a fixture in the matrix, or public with a reason', () => {
    const unclassified = routes.filter(takesIdOrCredential).filter((r) => !fixtures[r.operationId] && !meantToBePublic[r.operationId]);
    expect(unclassified.map((r) => r.operationId), 'add a fixture (or a reason to be public) for each').toEqual([]);
    const both = Object.keys(fixtures).filter((op) => meantToBePublic[op]);
    expect(both).toEqual([]);
    const stale = [...Object.keys(fixtures), ...Object.keys(meantToBePublic)].filter((op) => !routes.some((r) => r.operationId === op));
    expect(stale, 'entries for routes that no longer exist').toEqual([]);
    const publicInMatrix = Object.keys(fixtures).filter((op) => routes.find((r) => r.operationId === op)?.auth === 'public');
    expect(publicInMatrix, 'a public route in the matrix would answer strangers: allow-list it with a reason').toEqual([]);
  });

  for (const route of routes.filter((r) => fixtures[r.operationId])) {
    it(`${route.operationId}: ${foreignIdentities.join(', ')} get 401/403/404 and nothing; the owner is served`, async () => {
      const f = await fixtures[route.operationId]!();
      if (f.at !== undefined) vi.useFakeTimers({ toFake: ['Date'], now: f.at });
      const path = fillPath(route.path, f.params) + (f.query ? `?${new URLSearchParams(f.query)}` : '');
      const send = (who: CallOptions) => call(route.method, path, { ...(f.body !== undefined && { body: f.body }), ...who, headers: { ...(route.idempotent && { 'idempotency-key': `matrix-${route.operationId}-${unique()}` }), ...who.headers } });
      for (const who of foreignIdentities) {
        const res = await send(credentials(who, f));
        const what = `${route.operationId} as ${who}: ${res.status} ${res.raw.slice(0, 300)}`;
        expect([401, 403, 404], what).toContain(res.status);
        expect(Object.keys(res.body ?? {}), what).toEqual(['error']);
        for (const secret of f.secrets.filter(Boolean)) expect(res.raw.includes(secret), `${what} carries ${secret.slice(0, 6)}…`).toBe(false);
      }
      const mine = await send(f.owner);
      const what = `${route.operationId} as owner: ${mine.status} ${mine.raw.slice(0, 300)}`;
      expect(mine.status, what).toBe(f.ownerStatus ?? route.status ?? 200);
      for (const shown of f.ownerSees ?? []) expect(mine.raw, what).toContain(shown);
    });
  }
});
