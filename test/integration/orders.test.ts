import fc from 'fast-check';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { call, signIn } from '../support/api';
import { db, table } from '../../functions/data/client';
import { keys } from '../../functions/data/keys';
import { listOutbox } from '../../functions/data/outbox';
import { localDay } from '../../functions/domain/time';
import { expireDueOrders } from '../../functions/orders/expire';

// Click-and-collect against DynamoDB Local: stock and window places are never oversold,
// released exactly once, and each order is reachable only by its owner or its branch's staff.
const branch = 'tel-aviv-center';
const tz = 'Asia/Jerusalem';
let keyN = 0;
const newKey = () => `test-key-${Date.now()}-${keyN++}`;
const contact = { name: 'Dana Levi', phone: '+972 50 123 4567' };

const stockOf = async (productId: string) => (await db.send(new GetCommand({ TableName: table(), Key: keys.product(branch, productId), ConsistentRead: true }))).Item!.stock as number;
const usedOf = async (start: number) =>
  ((await db.send(new GetCommand({ TableName: table(), Key: keys.pickupWindow(branch, localDay(start, tz), start), ConsistentRead: true }))).Item?.used as number | undefined) ?? 0;

/** Available windows, soonest first. */
async function windows(): Promise<{ start: number; end: number; remaining: number }[]> {
  const res = await call('GET', `/api/branches/${branch}/pickup-windows`);
  expect(res.status).toBe(200);
  return res.body.windows.filter((w: { available: boolean }) => w.available);
}
let windowCursor = 0;
const freshWindow = async () => (await windows())[windowCursor++]!;

const order = (body: Record<string, unknown>, key: string | null = newKey()) =>
  call('POST', `/api/branches/${branch}/orders`, { body, headers: key ? { 'idempotency-key': key } : {} });

async function setStock(productId: string, stock: number) {
  const manager = await signIn('manager@dalpak.test');
  const res = await call('POST', `/api/branches/${branch}/products/${productId}/stock`, { token: manager, body: { stock } });
  expect(res.status).toBe(200);
}

describe('click-and-collect orders', () => {
  it('sells 5 of a product with stock 5 to 100 concurrent buyers, refusing the rest with 409 naming the line', async () => {
    await setStock('router-wifi6', 5);
    // Spread over the last windows of the horizon (the other tests take the first ones),
    // so that window capacity is not what limits this test.
    const all = (await windows()).slice(-40);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => order({ lines: [{ productId: 'sim-card', quantity: 1 }, { productId: 'router-wifi6', quantity: 1 }], windowStart: all[i % 40]!.start, contact })),
    );
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(95);
    for (const r of refused) {
      expect(r.body.error.code).toBe('out_of_stock');
      expect(r.body.error.fields).toEqual([{ field: 'body.lines.1.quantity', reason: expect.any(String) }]);
    }
    expect(await stockOf('router-wifi6')).toBe(0);
  });

  it('fills a window of capacity 10 with exactly 10 of 50 concurrent orders, offering the nearest free windows', async () => {
    await setStock('sim-card', 1000);
    const w = await freshWindow();
    expect(w.remaining).toBe(10);
    const results = await Promise.all(Array.from({ length: 50 }, () => order({ lines: [{ productId: 'sim-card', quantity: 1 }], windowStart: w.start, contact })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    const full = results.filter((r) => r.status === 409);
    expect(full).toHaveLength(40);
    expect(full[0]!.body.error.code).toBe('window_full');
    expect(full[0]!.body.error.details.alternatives.length).toBeGreaterThan(0);
    expect(full[0]!.body.error.details.alternatives.every((a: { start: number; available: boolean }) => a.available && a.start !== w.start)).toBe(true);
    expect(await usedOf(w.start)).toBe(10);
  });

  it('refuses a window that is too soon to prepare, with alternatives', async () => {
    const res = await call('GET', `/api/branches/${branch}/pickup-windows`);
    const soon = res.body.windows.find((x: { reason?: string }) => x.reason === 'too_soon');
    expect(soon).toBeDefined();
    const refused = await order({ lines: [{ productId: 'sim-card', quantity: 1 }], windowStart: soon.start, contact });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('window_too_soon');
    expect(refused.body.error.details.alternatives[0].start).toBeGreaterThan(soon.start);
  });

  it('answers 10 concurrent copies of one Idempotency-Key with one order and identical responses; another body gets 422; no key 400', async () => {
    const w = await freshWindow();
    const before = await stockOf('phone-case');
    const key = newKey();
    const body = { lines: [{ productId: 'phone-case', quantity: 2 }], windowStart: w.start, contact };
    const copies = await Promise.all(Array.from({ length: 10 }, () => order(body, key)));
    expect(copies.map((c) => c.status)).toEqual(Array(10).fill(201));
    for (const c of copies) expect(c.body).toEqual(copies[0]!.body);
    expect(await stockOf('phone-case')).toBe(before - 2);
    expect(await usedOf(w.start)).toBe(1);
    const other = await order({ ...body, lines: [{ productId: 'phone-case', quantity: 1 }] }, key);
    expect(other.status).toBe(422);
    const none = await order(body, null);
    expect(none.status).toBe(400);
    expect(none.body.error.fields).toEqual([{ field: 'header.idempotency-key', reason: 'required' }]);
    expect(await stockOf('phone-case')).toBe(before - 2);
  });

  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const w = await freshWindow();
    const before = await stockOf('sim-card');
    const cases: [Record<string, unknown>, string][] = [
      [{ lines: [], windowStart: w.start, contact }, 'body.lines'],
      [{ lines: [{ productId: 'sim-card', quantity: 0 }], windowStart: w.start, contact }, 'body.lines.0.quantity'],
      [{ lines: [{ productId: 'no-such-thing', quantity: 1 }], windowStart: w.start, contact }, 'body.lines.0.productId'],
      [{ lines: [{ productId: 'sim-card', quantity: 1 }], windowStart: w.start + 60_000, contact }, 'body.windowStart'],
      [{ lines: [{ productId: 'sim-card', quantity: 1 }], windowStart: w.start, contact: { name: 'No Way To Reach' } }, 'body.contact.phone'],
    ];
    for (const [body, field] of cases) {
      const res = await order(body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await stockOf('sim-card')).toBe(before);
    expect(await usedOf(w.start)).toBe(0);
  });

  it('walks placed → preparing → ready → collected, tells the customer, and shows the code with a QR', async () => {
    const token = await signIn('clerk.tlv@dalpak.test');
    const w = await freshWindow();
    const created = await order({ lines: [{ productId: 'charger-usb-c', quantity: 1 }], windowStart: w.start, contact, language: 'en' });
    expect(created.status).toBe(201);
    const { order: o, token: customer } = created.body;
    expect(o.code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY3479]{6}$/);
    expect(o.codeQr).toMatch(/^data:image\/svg\+xml;base64,/);
    let version = o.version;
    for (const status of ['preparing', 'ready', 'collected']) {
      const res = await call('POST', `/api/branches/${branch}/orders/${o.id}/status`, { token, body: { status, version } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      version = res.body.version;
    }
    const seen = await call('GET', `/api/orders/${o.id}`, { customerToken: customer });
    expect(seen.body.status).toBe('collected');
    const sent = (await listOutbox()).filter((m) => m.params.orderId === o.id).map((m) => m.template);
    expect(sent.sort()).toEqual(['order_confirmed', 'order_ready']);
    const late = await call('POST', `/api/orders/${o.id}/cancel`, { customerToken: customer });
    expect(late.status).toBe(409);
  });

  it('lets one of two staff moving the same order win; the other gets 409', async () => {
    const token = await signIn('clerk.tlv@dalpak.test');
    const manager = await signIn('manager@dalpak.test');
    const w = await freshWindow();
    const { order: o } = (await order({ lines: [{ productId: 'sim-card', quantity: 1 }], windowStart: w.start, contact })).body;
    const [a, b] = await Promise.all([
      call('POST', `/api/branches/${branch}/orders/${o.id}/status`, { token, body: { status: 'preparing', version: o.version } }),
      call('POST', `/api/branches/${branch}/orders/${o.id}/status`, { token: manager, body: { status: 'cancelled', version: o.version } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('releases stock and the window place exactly once when a cancel races the expiry', async () => {
    const w = await freshWindow();
    const stock0 = await stockOf('charger-usb-c');
    const { order: o, token: customer } = (await order({ lines: [{ productId: 'charger-usb-c', quantity: 3 }], windowStart: w.start, contact })).body;
    expect(await stockOf('charger-usb-c')).toBe(stock0 - 3);
    expect(await usedOf(w.start)).toBe(1);
    const afterWindow = o.window.end + 121 * 60_000;
    const [cancel, expiry] = await Promise.all([call('POST', `/api/orders/${o.id}/cancel`, { customerToken: customer }), expireDueOrders(afterWindow)]);
    const final = (await call('GET', `/api/orders/${o.id}`, { customerToken: customer })).body;
    expect(['cancelled', 'expired']).toContain(final.status);
    expect(cancel.status === 200).toBe(final.status === 'cancelled');
    expect(expiry.expired.includes(o.id)).toBe(final.status === 'expired');
    expect(await stockOf('charger-usb-c')).toBe(stock0);
    expect(await usedOf(w.start)).toBe(0);
    // Running the expiry again changes nothing.
    expect((await expireDueOrders(afterWindow)).expired).not.toContain(o.id);
    expect(await stockOf('charger-usb-c')).toBe(stock0);
  });

  it("keeps each order to its owner and its branch's staff", async () => {
    const w = await freshWindow();
    const x = (await order({ lines: [{ productId: 'sim-card', quantity: 1 }], windowStart: w.start, contact })).body;
    const y = (await order({ lines: [{ productId: 'sim-card', quantity: 1 }], windowStart: w.start, contact })).body;
    expect((await call('GET', `/api/orders/${y.order.id}`, { customerToken: x.token })).status).toBe(404);
    expect((await call('GET', `/api/orders/${y.order.id}`)).status).toBe(404);
    expect((await call('POST', `/api/orders/${y.order.id}/cancel`, { customerToken: x.token })).status).toBe(404);
    const haifa = await signIn('clerk.haifa@dalpak.test');
    expect((await call('GET', `/api/branches/${branch}/orders/${y.order.id}`, { token: haifa })).status).toBe(403);
    expect((await call('POST', `/api/branches/${branch}/orders/${y.order.id}/status`, { token: haifa, body: { status: 'ready', version: 1 } })).status).toBe(403);
    // Reaching it through another branch's path does not work either.
    expect((await call('GET', `/api/branches/haifa-port/orders/${y.order.id}`, { token: haifa })).status).toBe(404);
    expect((await call('GET', `/api/orders/${y.order.id}`, { customerToken: y.token })).body.status).toBe('placed');
    const clerk = await signIn('clerk.tlv@dalpak.test');
    expect((await call('POST', `/api/branches/${branch}/products/sim-card/stock`, { token: clerk, body: { stock: 1 } })).status).toBe(403);
  });

  it('never stores stock or window counts that disagree with the orders (property over random moves)', async () => {
    const clerk = await signIn('clerk.tlv@dalpak.test');
    await setStock('phone-case', 50);
    const w = await freshWindow();
    const held: { id: string; token: string; qty: number }[] = [];
    type Move = { kind: 'order'; qty: number } | { kind: 'staff'; pick: number; status: 'preparing' | 'ready' | 'collected' | 'cancelled' } | { kind: 'cancel'; pick: number };
    const move = fc.oneof(
      fc.record({ kind: fc.constant('order' as const), qty: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('staff' as const), pick: fc.nat(), status: fc.constantFrom('preparing' as const, 'ready' as const, 'collected' as const, 'cancelled' as const) }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(move, { minLength: 1, maxLength: 6 }), async (moves: Move[]) => {
        for (const m of moves) {
          if (m.kind === 'order') {
            const res = await order({ lines: [{ productId: 'phone-case', quantity: m.qty }], windowStart: w.start, contact });
            expect([201, 409]).toContain(res.status);
            if (res.status === 201) held.push({ id: res.body.order.id, token: res.body.token, qty: m.qty });
          } else if (held.length) {
            const h = held[m.pick % held.length]!;
            const current = (await call('GET', `/api/orders/${h.id}`, { customerToken: h.token })).body;
            const res =
              m.kind === 'staff'
                ? await call('POST', `/api/branches/${branch}/orders/${h.id}/status`, { token: clerk, body: { status: m.status, version: current.version } })
                : await call('POST', `/api/orders/${h.id}/cancel`, { customerToken: h.token });
            expect([200, 409]).toContain(res.status);
          }
        }
        // Conservation: what is on the shelf plus what orders hold is what we started with.
        const states = await Promise.all(held.map(async (h) => ({ ...h, status: (await call('GET', `/api/orders/${h.id}`, { customerToken: h.token })).body.status as string })));
        const holding = states.filter((s) => !['cancelled', 'expired'].includes(s.status));
        expect(await stockOf('phone-case')).toBe(50 - holding.reduce((n, s) => n + s.qty, 0));
        expect(await usedOf(w.start)).toBe(holding.length);
        expect(holding.length).toBeLessThanOrEqual(10);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 15) },
    );
  });
});
