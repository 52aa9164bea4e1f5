import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { logger } from '../../functions/http/logger';
import { handler as insightStream } from '../../functions/insight/stream';
import { handler as notifierStream } from '../../functions/notify/stream';
import { handler as expiryJob } from '../../functions/orders/expire';
import { handler as fanout } from '../../functions/realtime/fanout';
import { handler as webhooksStream } from '../../functions/webhooks/stream';
import { call } from '../support/api';
import { kioskCall } from '../support/devices';
import { tailStream, type StreamTail } from '../support/stream';

// Issue 10: one correlation id from the request through the items it wrote, the stream
// consumers that act on them, and the scheduled job that later acts on the same item.
const branch = 'tel-aviv-center';
type Line = Record<string, unknown>;
let stdout: MockInstance<typeof process.stdout.write>;
let tail: StreamTail;
let level: string;
let n = 0;
const corr = (what: string) => `corr-test-${what}-${Date.now()}-${n++}`;

beforeAll(async () => {
  tail = await tailStream();
  level = logger.getLevelName();
  logger.setLogLevel('DEBUG');
  // The logger writes JSON lines to stdout: watched here, passed on (the log scan keeps them off the console).
  stdout = vi.spyOn(process.stdout, 'write');
});
afterAll(() => {
  stdout?.mockRestore();
  logger.setLogLevel(level as never);
  tail?.close();
});
/** The log lines written since the last `forget()`. */
function lines(): Line[] {
  return stdout.mock.calls.flatMap(([chunk]) =>
    String(chunk)
      .split('\n')
      .flatMap((text) => {
        try {
          return [JSON.parse(text) as Line];
        } catch {
          return []; // not a log line
        }
      }),
  );
}
const forget = () => stdout.mockClear();
afterEach(() => vi.useRealTimers());

/** Every consumer of the stream gets what was written since the last read, until the notifier's own writes stop coming back. */
async function pump(): Promise<DynamoDBRecord[]> {
  const all: DynamoDBRecord[] = [];
  for (let round = 0; round < 12; round++) {
    const Records = await tail.read();
    if (Records.length === 0) break;
    all.push(...Records);
    await fanout({ Records });
    await webhooksStream({ Records });
    expect((await insightStream({ Records })).batchItemFailures).toEqual([]);
    expect((await notifierStream({ Records })).batchItemFailures).toEqual([]);
  }
  return all;
}

const logged = (message: string, id: string, extra: (l: Line) => boolean = () => true) => lines().filter((l) => l.message === message && l.correlation_id === id && extra(l));
const imageCorr = (r: DynamoDBRecord | undefined) => r?.dynamodb?.NewImage?.corrId?.S;
const inserted = (records: DynamoDBRecord[], entity: string, id: string) => records.find((r) => r.eventName === 'INSERT' && r.dynamodb?.NewImage?.entity?.S === entity && r.dynamodb.NewImage.id?.S === id);

async function placeOrder(correlationId: string) {
  const windows = (await call('GET', `/api/branches/${branch}/pickup-windows`)).body.windows.filter((w: { available: boolean }) => w.available);
  const res = await call('POST', `/api/branches/${branch}/orders`, {
    headers: { 'idempotency-key': corr('key'), 'x-correlation-id': correlationId },
    body: { lines: [{ productId: 'sim-card', quantity: 1 }], windowStart: windows[0].start, contact: { name: 'Dana Levi', email: 'dana@example.com' }, language: 'en' },
  });
  expect(res.status).toBe(201);
  return res;
}

describe('correlation ids', () => {
  it("answers with the caller's X-Correlation-Id, or with the request's own id when the header is missing or malformed", async () => {
    const id = corr('header');
    expect((await call('GET', `/api/branches/${branch}`, { headers: { 'x-correlation-id': id } })).headers['x-correlation-id']).toBe(id);
    const bad = (await call('GET', `/api/branches/${branch}`, { headers: { 'x-correlation-id': 'has spaces, and a phone 050 1234567' } })).headers['x-correlation-id'];
    expect(bad).toMatch(/^[0-9a-f-]{36}$/);
    expect((await call('GET', `/api/branches/${branch}/nope`)).headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('stamps the items a request writes, and every stream consumer logs and passes on that id, never the id of another record in the batch', async () => {
    await pump();
    forget();
    const ticketCorr = corr('ticket');
    const orderCorr = corr('order');
    const taken = await kioskCall('POST', `/api/branches/${branch}/tickets`, { headers: { 'x-correlation-id': ticketCorr }, body: { serviceId: 'general', channel: 'kiosk', language: 'en', needs: [], deviceId: corr('device') } });
    expect(taken.status).toBe(201);
    const placed = await placeOrder(orderCorr);
    const order = placed.body.order as { id: string };

    const records = await pump();
    // The items carry the id of the request that wrote them...
    expect(imageCorr(inserted(records, 'ticket', taken.body.ticket.id))).toBe(ticketCorr);
    expect(imageCorr(inserted(records, 'order', order.id))).toBe(orderCorr);
    // ...and so do the notifier's own writes (the confirmation's delivery records).
    const confirmation = records.find((r) => r.eventName === 'INSERT' && r.dynamodb?.NewImage?.template?.S === 'order_confirmed' && JSON.stringify(r.dynamodb.NewImage.params).includes(order.id));
    expect(imageCorr(confirmation)).toBe(orderCorr);
    const confirmationId = confirmation!.dynamodb!.NewImage!.id!.S!;
    const written = records.filter((r) => JSON.stringify(r.dynamodb?.NewImage ?? {}).includes(confirmationId) && r.dynamodb?.NewImage?.entity?.S !== 'outbox');
    expect(written.length).toBeGreaterThan(0);
    for (const r of written) expect(imageCorr(r)).toBe(orderCorr);

    // Each consumer logged each record under the id its item carries.
    for (const consumer of ['realtime-fanout', 'webhooks', 'insight', 'notifier']) {
      expect(logged('Stream record', ticketCorr, (l) => l.consumer === consumer).length, consumer).toBeGreaterThan(0);
      expect(logged('Stream record', orderCorr, (l) => l.consumer === consumer).length, consumer).toBeGreaterThan(0);
    }
    expect(logged('Message delivered', orderCorr, (l) => l.messageId === confirmationId)).toHaveLength(1);
    // The HTTP handlers logged nothing without an id.
    expect(lines().filter((l) => !l.correlation_id)).toEqual([]);
  });

  it('keeps the id out of what the API answers', async () => {
    const id = corr('view');
    const placed = await placeOrder(id);
    const seen = await call('GET', `/api/orders/${placed.body.order.id}`, { customerToken: placed.body.token });
    expect(seen.status).toBe(200);
    expect(placed.raw).not.toContain(id);
    expect(seen.raw).not.toContain(id);
    expect(seen.raw).not.toContain('corrId');
  });

  it("logs the order's id when the scheduled expiry acts on it, and carries it through the stream to the customer's message", async () => {
    const orderCorr = corr('expiring');
    const placed = await placeOrder(orderCorr);
    const order = placed.body.order as { id: string; window: { end: number } };
    await pump();
    forget();

    vi.useFakeTimers({ toFake: ['Date'], now: order.window.end + 121 * 60_000 });
    expect((await expiryJob()).expired).toBeGreaterThanOrEqual(1);
    vi.useRealTimers();
    expect(logged('Order expired', orderCorr, (l) => l.orderId === order.id)).toHaveLength(1);

    const records = await pump();
    const expiry = records.find((r) => r.eventName === 'MODIFY' && r.dynamodb?.NewImage?.id?.S === order.id && r.dynamodb.NewImage.status?.S === 'expired');
    expect(imageCorr(expiry)).toBe(orderCorr);
    for (const consumer of ['realtime-fanout', 'webhooks', 'insight', 'notifier']) {
      expect(logged('Stream record', orderCorr, (l) => l.consumer === consumer).length, consumer).toBeGreaterThan(0);
    }
    const told = records.find((r) => r.eventName === 'INSERT' && r.dynamodb?.NewImage?.template?.S === 'order_expired' && JSON.stringify(r.dynamodb.NewImage.params).includes(order.id));
    expect(imageCorr(told)).toBe(orderCorr);
    expect(logged('Message delivered', orderCorr, (l) => l.messageId === told!.dynamodb!.NewImage!.id!.S)).toHaveLength(1);
  });
});
