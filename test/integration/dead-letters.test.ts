import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocal, type LocalSystem } from '../../bin/local/runtime';
import { listOutbox } from '../../functions/data/outbox';
import { requireOrder } from '../../functions/data/orders-repo';
import { failLocalDeliveriesTo } from '../../functions/notify/channels';
import { call } from '../support/api';

// The whole delivery path on the local runtime: the stream poller hands the notifier the real
// record, the email channel fails three times, the poller gives the record up to its dead-letter
// list (the on-failure queue in AWS), and the order the message belongs to is untouched.
let system: LocalSystem;
beforeAll(async () => {
  system = await startLocal({ port: 0, quiet: true, existingTable: { endpoint: process.env.DYNAMODB_ENDPOINT!, tableName: process.env.TABLE_NAME! } });
  failLocalDeliveriesTo(/@dead-letter\.invalid$/);
}, 90_000);
afterAll(async () => {
  failLocalDeliveriesTo(undefined);
  await system?.stop();
});

it('sends a message whose channel fails 3 times to the dead letters, leaving its order as it was', async () => {
  const windows = (await call('GET', '/api/branches/tel-aviv-center/pickup-windows')).body.windows.filter((w: { available: boolean }) => w.available);
  const placed = await call('POST', '/api/branches/tel-aviv-center/orders', {
    body: { lines: [{ productId: 'phone-case', quantity: 1 }], windowStart: windows[0].start, contact: { name: 'Nobody Home', email: 'nobody@dead-letter.invalid' }, language: 'en' },
    headers: { 'idempotency-key': `dead-letter-${Date.now()}` },
  });
  expect(placed.status).toBe(201);
  const orderId = placed.body.order.id as string;
  const deadline = Date.now() + 20_000;
  while (!system.deadLetters().some((d) => d.consumer === 'notifier') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(system.deadLetters().filter((d) => d.consumer === 'notifier')).toHaveLength(1);
  const message = (await listOutbox()).find((m) => m.template === 'order_confirmed' && m.params.orderId === orderId)!;
  expect(message.status).toBe('failed');
  expect(await requireOrder(orderId)).toMatchObject({ status: 'placed', version: 1 });
});
