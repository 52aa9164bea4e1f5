import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocal, type LocalSystem } from '../../bin/local/runtime';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { readBatch } from '../../bin/ops/redrive';
import { failLocalConsumers, type DeadLetter } from '../../bin/local/streams';
import { readDay } from '../../functions/data/insight-repo';
import { localDay } from '../../functions/domain/time';
import { listOutbox } from '../../functions/data/outbox';
import { requireOrder } from '../../functions/data/orders-repo';
import { failLocalDeliveriesTo } from '../../functions/notify/channels';
import { call } from '../support/api';
import { asKiosk, kioskCall } from '../support/devices';

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
  failLocalConsumers(undefined);
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

const ticketsToday = async () =>
  (await readDay('tel-aviv-center', localDay(Date.now(), 'Asia/Jerusalem'))).reduce((n, c) => n + (c.counters.tickets ?? 0), 0);
const until = async (done: () => boolean | Promise<boolean>) => {
  const deadline = Date.now() + 20_000;
  while (!(await done()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
};

it('re-drives a crashed consumer\'s batch from the stream once it works again, and only once', async () => {
  const before = await ticketsToday();
  await asKiosk('tel-aviv-center');
  failLocalConsumers((name) => name === 'insight'); // the statistics function crashes (a bad deploy)
  const took = await kioskCall('POST', '/api/branches/tel-aviv-center/tickets', { body: { serviceId: 'general', channel: 'kiosk', language: 'en', deviceId: `redrive-${Date.now()}` } });
  expect(took.status).toBe(201);
  // Other batches (the kiosk's enrollment) may crash too: wait for the one holding this ticket,
  // read back from the stream the way the re-drive reads it.
  const streams = new DynamoDBStreamsClient({ endpoint: system.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const holdsTicket = async (d: DeadLetter) =>
    (await readBatch(streams, d.DDBStreamBatchInfo)).some((r) => r.dynamodb?.NewImage?.id?.S === took.body.ticket.id);
  let letter: DeadLetter | undefined;
  await until(async () => {
    for (const d of system.deadLetters().filter((x) => x.consumer === 'insight')) if (await holdsTicket(d)) letter = d;
    return letter !== undefined;
  });
  streams.destroy();
  if (!letter) throw new Error("the ticket's batch never reached the dead letters");
  // Where the batch lies in the stream, as Lambda's on-failure record says: not the records.
  expect(letter.DDBStreamBatchInfo).toMatchObject({ shardId: expect.any(String), streamArn: expect.stringContaining('stream'), batchSize: expect.any(Number) });
  expect(await ticketsToday()).toBe(before);

  // Still broken: every insight dead letter (this ticket's among them) fails again and stays.
  const crashed = system.deadLetters().filter((d) => d.consumer === 'insight');
  const stillBroken = await system.redriveDeadLetters();
  expect(stillBroken.filter((r) => r.consumer === 'insight').map((r) => r.outcome.status)).toEqual(crashed.map(() => 'failed'));
  expect(system.deadLetters().some((d) => d.consumer === 'insight')).toBe(true);

  failLocalConsumers(undefined); // fixed
  const res = await fetch(`${system.url}/dev/dead-letters/redrive`, { method: 'POST' });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { results: { consumer: string; outcome: { status: string; records: number } }[] };
  expect(body.results.filter((r) => r.consumer === 'insight').map((r) => r.outcome)).toContainEqual({ status: 'redriven', records: letter.DDBStreamBatchInfo.batchSize });
  expect(system.deadLetters().some((d) => d.consumer === 'insight')).toBe(false);
  expect(await ticketsToday()).toBe(before + 1);
  // Nothing left to re-drive, and the counted ticket is not counted twice.
  expect((await system.redriveDeadLetters()).filter((r) => r.consumer === 'insight')).toEqual([]);
  expect(await ticketsToday()).toBe(before + 1);
});
