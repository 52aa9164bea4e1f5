import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { startLocal, type LocalSystem } from '../../bin/local/runtime';
import { verifySignature } from '../../functions/domain/webhooks';
import { handler as webhookStream } from '../../functions/webhooks/stream';
import { call, signIn } from '../support/api';
import { kioskCall } from '../support/devices';

// Webhooks for integrators, end to end on the local runtime: a manager registers a URL, the
// table's stream (read from DynamoDB Local) becomes signed deliveries, a failing receiver is
// retried and then marked failed, and a replayed stream record is delivered once.
const branch = 'tel-aviv-center';
let system: LocalSystem;
let receiver: Server;
let receiverUrl = '';
let answer = 200;
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];

beforeAll(async () => {
  system = await startLocal({ port: 0, quiet: true, existingTable: { endpoint: process.env.DYNAMODB_ENDPOINT!, tableName: process.env.TABLE_NAME! } });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/dalpak`;
}, 90_000);
afterAll(async () => {
  await system?.stop();
  receiver?.close();
});

const until = async (check: () => boolean, timeoutMs = 15_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};
let phoneN = 0;
const takeTicket = (device: string) =>
  kioskCall('POST', `/api/branches/${branch}/tickets`, { body: { serviceId: 'general', channel: 'kiosk', language: 'en', needs: [], deviceId: device, contact: { name: 'Private Person', phone: `+972 50 999 000${phoneN++}` } } });

describe('webhooks', () => {
  let secret = '';
  let webhookId = '';

  it('lets only a manager register one; the secret is shown once', async () => {
    const clerk = await signIn('clerk.tlv@dalpak.test');
    expect((await call('POST', `/api/branches/${branch}/webhooks`, { token: clerk, body: { url: receiverUrl, events: ['ticket.created'] } })).status).toBe(403);
    const manager = await signIn('manager@dalpak.test');
    const outside = await call('POST', `/api/branches/${branch}/webhooks`, { token: manager, body: { url: 'http://example.com/hook', events: ['ticket.created'] } });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields[0].field).toBe('body.url');
    const bad = await call('POST', `/api/branches/${branch}/webhooks`, { token: manager, body: { url: receiverUrl, events: ['ticket.exploded'] } });
    expect(bad.status).toBe(400);
    const res = await call('POST', `/api/branches/${branch}/webhooks`, { token: manager, body: { url: receiverUrl, events: ['ticket.created', 'ticket.called'] } });
    expect(res.status).toBe(201);
    secret = res.body.secret;
    webhookId = res.body.webhook.id;
    expect(secret.length).toBeGreaterThan(30);
    const list = await call('GET', `/api/branches/${branch}/webhooks`, { token: manager });
    expect(list.body.webhooks).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(secret);
  });

  it('delivers a signed event that verifies with the documented recipe and carries no personal data', async () => {
    const taken = await takeTicket('webhook-device-1');
    expect(taken.status).toBe(201);
    expect(taken.body.existing).toBe(false);
    await until(() => received.some((r) => r.body.includes(taken.body.ticket.id)));
    const delivery = received.find((r) => r.body.includes(taken.body.ticket.id))!;
    expect(delivery.headers['dalpak-event']).toBe('ticket.created');
    expect(verifySignature(secret, String(delivery.headers['dalpak-signature']), delivery.body, Date.now())).toBe(true);
    expect(verifySignature('another-secret', String(delivery.headers['dalpak-signature']), delivery.body, Date.now())).toBe(false);
    expect(verifySignature(secret, String(delivery.headers['dalpak-signature']), delivery.body.replace('A0', 'B0'), Date.now())).toBe(false);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'ticket.created', branchId: branch, data: { ticketId: taken.body.ticket.id, number: taken.body.ticket.number } });
    expect(delivery.body).not.toContain('Private Person');
    expect(delivery.body).not.toContain('999');
  });

  it('retries a receiver that answers 500, then marks the delivery failed for the manager to see', async () => {
    answer = 500;
    const before = received.length;
    const taken = await takeTicket('webhook-device-2');
    await until(() => received.slice(before).filter((r) => r.body.includes(taken.body.ticket.id)).length === 3, 20_000);
    const manager = await signIn('manager@dalpak.test');
    let hook: any;
    for (let i = 0; i < 50; i++) {
      hook = (await call('GET', `/api/branches/${branch}/webhooks`, { token: manager })).body.webhooks[0];
      if (hook.lastStatus === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(hook).toMatchObject({ lastStatus: 'failed', lastHttpStatus: 500, consecutiveFailures: 1, lastEventType: 'ticket.created' });
    answer = 200;
  });

  it('delivers a replayed stream record once', async () => {
    const before = received.length;
    const image = { pk: 'TICKET#01JREPLAYREPLAYREPLAYREPL', sk: 'TICKET', entity: 'ticket', id: '01JREPLAYREPLAYREPLAYREPL0', branchId: branch, number: 'A999', serviceId: 'general', status: 'waiting', recalls: 0 };
    const record = { eventID: `replay-${Date.now()}`, eventName: 'INSERT', dynamodb: { NewImage: marshall(image), SequenceNumber: '1', ApproximateCreationDateTime: Date.now() / 1000 } };
    const batch = { Records: [record] } as unknown as DynamoDBStreamEvent;
    await webhookStream(batch);
    await webhookStream(batch);
    expect(received.slice(before).filter((r) => r.body.includes('A999'))).toHaveLength(1);
  });

  it('stops sending once removed', async () => {
    const manager = await signIn('manager@dalpak.test');
    expect((await call('DELETE', `/api/branches/${branch}/webhooks/${webhookId}`, { token: manager })).status).toBe(200);
    expect((await call('DELETE', `/api/branches/${branch}/webhooks/${webhookId}`, { token: manager })).status).toBe(404);
    const before = received.length;
    const taken = await takeTicket('webhook-device-3');
    await new Promise((r) => setTimeout(r, 1500));
    expect(received.slice(before).some((r) => r.body.includes(taken.body.ticket.id))).toBe(false);
  });
});
