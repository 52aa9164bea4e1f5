import { describe, expect, it } from 'vitest';
import { call, signIn } from '../support/api';
import { kioskCall } from '../support/devices';
import { listOutbox } from '../../functions/data/outbox';
import { getTicket } from '../../functions/data/tickets-repo';

// The click-and-collect customer at the branch: check in with the code, wait in the pickup
// lane, get called first at the pickup counter once the bag is ready, hand over by code.
const branch = 'tel-aviv-center';
const contact = { name: 'Noa Cohen', email: 'noa@example.com' };

async function placeOrder() {
  const windows = (await call('GET', `/api/branches/${branch}/pickup-windows`)).body.windows.filter((w: { available: boolean }) => w.available);
  const res = await call('POST', `/api/branches/${branch}/orders`, {
    body: { lines: [{ productId: 'sim-card', quantity: 2 }], windowStart: windows[0].start, contact, language: 'he' },
    headers: { 'idempotency-key': `arrival-${Math.random()}` },
  });
  expect(res.status).toBe(201);
  return res.body as { order: { id: string; code: string; version: number }; token: string };
}

describe('pickup arrival', () => {
  it('checks in by code, waits until the bag is ready, is called first at the pickup counter and handed over by code', async () => {
    const clerk = await signIn('clerk.tlv@dalpak.test');
    const { order } = await placeOrder();
    const typed = `${order.code.slice(0, 3).toLowerCase()} ${order.code.slice(3)}`;
    const checkIn = await kioskCall('POST', `/api/branches/${branch}/pickups`, { body: { code: typed, channel: 'kiosk' } });
    expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(201);
    expect(checkIn.body.order).toMatchObject({ id: order.id, ready: false });
    expect(checkIn.body.ticket.number).toMatch(/^P\d{3}$/);
    const ticketId = checkIn.body.ticket.id as string;

    // Checking in again gives the same ticket, not a second one.
    const again = await kioskCall('POST', `/api/branches/${branch}/pickups`, { body: { code: order.code } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ existing: true, ticket: { id: ticketId } });
    expect(again.body.token).toBeUndefined();

    // The clerk's queue shows what is in the bag.
    const queue = await call('GET', `/api/branches/${branch}/queue`, { token: clerk });
    expect(queue.body.waiting.find((t: { id: string }) => t.id === ticketId).reason).toContain('2×');

    // Ready: the ticket learns it, and the board lists its number.
    const seen = (await call('GET', `/api/branches/${branch}/orders/${order.id}`, { token: clerk })).body;
    let version = seen.version;
    for (const status of ['preparing', 'ready']) {
      const r = await call('POST', `/api/branches/${branch}/orders/${order.id}/status`, { token: clerk, body: { status, version, ...(status === 'ready' ? { bagLocation: 'Shelf B3' } : {}) } });
      expect(r.status).toBe(200);
      version = r.body.version;
    }
    expect((await getTicket(ticketId))!.orderReady).toBe(true);
    // The pickup counter's console sees where the bag waits, on the ticket it will call.
    const waitingNow = (await call('GET', `/api/branches/${branch}/queue`, { token: clerk })).body.waiting;
    expect(waitingNow.find((t: { id: string }) => t.id === ticketId)).toMatchObject({ orderReady: true, bagLocation: 'Shelf B3' });
    const forClerk = (await call('GET', `/api/branches/${branch}/orders/${order.id}`, { token: clerk })).body;
    expect(forClerk).toMatchObject({ status: 'ready', bagLocation: 'Shelf B3', ticketId });
    // The clerk can send "ready" again; it goes to the outbox beside the first one.
    const resend = await call('POST', `/api/branches/${branch}/orders/${order.id}/resend-ready`, { token: clerk });
    expect(resend.status).toBe(202);
    expect((await listOutbox()).filter((m) => m.params.orderId === order.id && m.template === 'order_ready')).toHaveLength(2);
    expect((await call('GET', `/api/branches/${branch}/board`)).body.readyForPickup).toContain(checkIn.body.ticket.number);

    // The pickup counter calls it and hands over by code; a wrong code changes nothing.
    expect((await call('POST', `/api/branches/${branch}/counters/c5/open`, { token: clerk })).status).toBe(200);
    const called = await call('POST', `/api/branches/${branch}/counters/c5/call-next`, { token: clerk });
    expect(called.body.ticket.id).toBe(ticketId);
    const base = `/api/branches/${branch}/counters/c5/tickets/${ticketId}/hand-over`;
    const wrong = await call('POST', base, { token: clerk, body: { code: 'AAAAAA' } });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('code_mismatch');
    const handed = await call('POST', base, { token: clerk, body: { code: order.code } });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    expect(handed.body.order.status).toBe('collected');
    expect(handed.body.ticket.status).toBe('done');
    expect((await call('POST', `/api/branches/${branch}/counters/c5/call-next`, { token: clerk })).body.reason).toBe('nobody_waiting');

    // A collected order cannot check in again.
    const late = await kioskCall('POST', `/api/branches/${branch}/pickups`, { body: { code: order.code } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('order_closed');
    expect((await call('POST', `/api/branches/${branch}/orders/${order.id}/resend-ready`, { token: clerk })).status).toBe(409);
  });

  it('gives a customer who arrives after the bag is packed a ready ticket that shows where the bag waits', async () => {
    const clerk = await signIn('clerk.tlv@dalpak.test');
    const { order } = await placeOrder();
    const ready = await call('POST', `/api/branches/${branch}/orders/${order.id}/status`, { token: clerk, body: { status: 'ready', version: order.version, bagLocation: 'Box 7' } });
    expect(ready.status).toBe(200);
    const checkIn = await kioskCall('POST', `/api/branches/${branch}/pickups`, { body: { code: order.code, channel: 'kiosk' } });
    expect(checkIn.status).toBe(201);
    expect(checkIn.body.order.ready).toBe(true);
    expect(await getTicket(checkIn.body.ticket.id)).toMatchObject({ orderReady: true, bagLocation: 'Box 7' });
  });

  it("lets the order's own phone check in (\"I'm here\", channel mobile, its token) and nobody else by code alone", async () => {
    const { order, token } = await placeOrder();
    const other = await placeOrder();
    const path = `/api/branches/${branch}/pickups`;
    const body = { code: order.code, channel: 'mobile' };
    expect((await call('POST', path, { body })).status).toBe(404);
    expect((await call('POST', path, { body, customerToken: other.token })).status).toBe(404);
    const kioskWithoutDevice = await call('POST', path, { body: { code: order.code } });
    expect(kioskWithoutDevice.status).toBe(403);
    expect(kioskWithoutDevice.body.error.code).toBe('device_required');
    const mine = await call('POST', path, { body, customerToken: token });
    expect(mine.status, mine.raw).toBe(201);
    expect(mine.body.order.id).toBe(order.id);
  });

  it('answers an unknown code with 404 and a malformed one with 400 naming the field', async () => {
    expect((await kioskCall('POST', `/api/branches/${branch}/pickups`, { body: { code: 'CCCCCC' } })).status).toBe(404);
    const bad = await kioskCall('POST', `/api/branches/${branch}/pickups`, { body: { code: '0000-00' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('body.code');
  });
});
