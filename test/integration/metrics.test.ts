import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { handler as insightStream } from '../../functions/insight/stream';
import { failLocalDeliveriesTo } from '../../functions/notify/channels';
import { handler as notifierStream } from '../../functions/notify/stream';
import { call, signIn } from '../support/api';
import { kioskCall } from '../support/devices';
import { tailStream, type StreamTail } from '../support/stream';

// Issue 10: business metrics as CloudWatch EMF (namespace Dalpak, dimensions service + branchId),
// counted from the stream after real requests; a replayed batch counts nothing twice.
const tlv = 'tel-aviv-center';
const haifa = 'haifa-port';
type Emf = Record<string, unknown> & { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] } };
let emf: Emf[] = [];
let stdout: MockInstance<typeof process.stdout.write>;
let tail: StreamTail;
let n = 0;
const key = () => `metrics-test-${Date.now()}-${n++}`;

beforeAll(async () => {
  // Off against DynamoDB Local unless asked for (functions/observability/metrics.ts): ask.
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  tail = await tailStream();
  const write = process.stdout.write.bind(process.stdout) as (...a: unknown[]) => boolean;
  // EMF lines are kept here, not printed; anything else goes on as before.
  stdout = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    const text = String(chunk);
    if (!text.startsWith('{"_aws"')) return write(chunk, ...rest);
    for (const l of text.split('\n').filter(Boolean)) emf.push(JSON.parse(l) as Emf);
    return true;
  }) as never);
});
afterAll(() => {
  stdout?.mockRestore();
  delete process.env.POWERTOOLS_METRICS_DISABLED;
  tail?.close();
});
afterEach(() => failLocalDeliveriesTo(undefined));

/** Sums of each metric per branch ('' = no branchId dimension) over the captured EMF lines. */
function totals(): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const line of emf) {
    for (const d of line._aws.CloudWatchMetrics) {
      expect(d.Namespace).toBe('Dalpak'); // locally; a stage sets Dalpak/<stage> (lib/function.ts)
      const branch = typeof line.branchId === 'string' ? line.branchId : '';
      expect(d.Dimensions).toEqual([branch ? ['service', 'branchId'] : ['service']]);
      expect(line.service).toBe('dalpak-test');
      for (const m of d.Metrics) {
        expect(m.Unit).toBe('Count');
        const v = line[m.Name];
        out[branch] ??= {};
        out[branch][m.Name] = (out[branch][m.Name] ?? 0) + (Array.isArray(v) ? v.reduce((a: number, b: number) => a + b, 0) : Number(v));
      }
    }
  }
  return out;
}

async function drive(): Promise<DynamoDBRecord[]> {
  const all: DynamoDBRecord[] = [];
  for (let round = 0; round < 12; round++) {
    const Records = await tail.read();
    if (Records.length === 0) break;
    all.push(...Records);
    expect((await insightStream({ Records })).batchItemFailures).toEqual([]);
    await notifierStream({ Records });
  }
  return all;
}

const take = (branch: string) => kioskCall('POST', `/api/branches/${branch}/tickets`, { body: { serviceId: 'general', channel: 'kiosk', language: 'en', needs: [], deviceId: key() } });

async function placeOrder(email: string) {
  const windows = (await call('GET', `/api/branches/${tlv}/pickup-windows`)).body.windows.filter((w: { available: boolean }) => w.available);
  const res = await call('POST', `/api/branches/${tlv}/orders`, {
    headers: { 'idempotency-key': key() },
    body: { lines: [{ productId: 'sim-card', quantity: 1 }], windowStart: windows[n % windows.length].start, contact: { name: 'Noa Bar', email }, language: 'en' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.order as { id: string; version: number };
}

describe('business metrics', () => {
  it('counts tickets, orders, bookings and notifications per branch from the stream, once however often a batch is replayed', async () => {
    await drive();
    emf = [];
    const clerk = await signIn('clerk.tlv@dalpak.test');
    const haifaClerk = await signIn('clerk.haifa@dalpak.test');
    const counter = (branch: string, c: string) => `/api/branches/${branch}/counters/${c}`;

    // Tel Aviv: three tickets; one served, one a no-show, one still waiting.
    const served = (await take(tlv)).body.ticket.id as string;
    const missed = (await take(tlv)).body.ticket.id as string;
    expect((await take(tlv)).status).toBe(201);
    expect((await call('POST', `${counter(tlv, 'c1')}/open`, { token: clerk })).status).toBe(200);
    expect((await call('POST', `${counter(tlv, 'c1')}/call-next`, { token: clerk })).body.ticket.id).toBe(served);
    expect((await call('POST', `${counter(tlv, 'c1')}/tickets/${served}/recall`, { token: clerk })).status).toBe(200); // not another call
    expect((await call('POST', `${counter(tlv, 'c1')}/tickets/${served}/start`, { token: clerk })).status).toBe(200);
    expect((await call('POST', `${counter(tlv, 'c1')}/tickets/${served}/complete`, { token: clerk })).status).toBe(200);
    expect((await call('POST', `${counter(tlv, 'c1')}/call-next`, { token: clerk })).body.ticket.id).toBe(missed);
    expect((await call('POST', `${counter(tlv, 'c1')}/tickets/${missed}/no-show`, { token: clerk })).status).toBe(200);
    // Haifa: one ticket taken and called.
    expect((await take(haifa)).status).toBe(201);
    expect((await call('POST', `${counter(haifa, 'c1')}/open`, { token: haifaClerk })).status).toBe(200);
    expect((await call('POST', `${counter(haifa, 'c1')}/call-next`, { token: haifaClerk })).status).toBe(200);

    // Two orders: one walked to collected (confirmation + ready message delivered), one whose confirmation fails.
    const o = await placeOrder('noa@example.com');
    let version = o.version;
    for (const status of ['preparing', 'ready', 'collected']) {
      const res = await call('POST', `/api/branches/${tlv}/orders/${o.id}/status`, { token: clerk, body: { status, version } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      version = res.body.version;
    }
    failLocalDeliveriesTo(/@fail\.invalid$/);
    await placeOrder('noa@fail.invalid');

    // One booking.
    const slots = await call('GET', `/api/branches/${tlv}/services/appointments/slots?days=3`);
    const slot = slots.body.days.flatMap((d: { slots: { start: number; available: boolean }[] }) => d.slots).find((s: { available: boolean }) => s.available);
    const booked = await call('POST', `/api/branches/${tlv}/bookings`, {
      headers: { 'idempotency-key': key() },
      body: { serviceId: 'appointments', slotStart: slot.start, contact: { name: 'Guest One', phone: '+972 50 765 4321' }, reason: 'Open an account', language: 'en' },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);

    const records = await drive();
    // The failing channel is retried by the stream (three attempts), then given up on.
    for (let attempt = 0; attempt < 3; attempt++) await notifierStream({ Records: records });
    await drive();

    expect(totals()).toEqual({
      [tlv]: {
        TicketsTaken: 3,
        TicketsCalled: 2,
        TicketsServed: 1,
        TicketsNoShow: 1,
        OrdersPlaced: 2,
        OrdersReady: 1,
        OrdersCollected: 1,
        BookingsMade: 1,
        NotificationsDelivered: expect.any(Number),
        NotificationsFailed: 1,
      },
      [haifa]: { TicketsTaken: 1, TicketsCalled: 1 },
      '': { NotificationsDelivered: expect.any(Number), NotificationsFailed: 1 },
    });
    const t = totals();
    // Confirmations of the collected order and of the booking, the ready message at least; the same count without the branch.
    expect(t[tlv]!.NotificationsDelivered).toBeGreaterThanOrEqual(3);
    expect(t['']!.NotificationsDelivered).toBeGreaterThanOrEqual(t[tlv]!.NotificationsDelivered!);

    // A replayed stream counts nothing again.
    const before = JSON.stringify(totals());
    for (let i = 0; i < records.length; i += 100) {
      expect((await insightStream({ Records: records.slice(i, i + 100) })).batchItemFailures).toEqual([]);
      await notifierStream({ Records: records.slice(i, i + 100) });
    }
    expect(JSON.stringify(totals())).toBe(before);
  });
});
