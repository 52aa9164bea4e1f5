import { describe, expect, it } from 'vitest';
import { call, signIn } from '../support/api';
import { asKiosk, kioskCall } from '../support/devices';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from '../../functions/data/client';
import { keys } from '../../functions/data/keys';
import { listDayTickets } from '../../functions/data/tickets-repo';
import { branchDay } from '../../functions/domain/queue/numbering';

// Issue 10, degraded mode: a kiosk reserves numbers while the API is up, prints them while
// it is down, and reconciles them afterwards — in order, each exactly once.
const tlv = 'tel-aviv-center';
const haifa = 'haifa-port';
const today = () => branchDay(Date.now(), 'Asia/Jerusalem');
const seqOf = (number: string) => Number(number.slice(1));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function reserve(branchId: string, serviceId: string, size?: number, key?: string) {
  const res = await kioskCall('POST', `/api/branches/${branchId}/kiosk/blocks`, { body: { serviceId, ...(size && { size }) }, headers: key ? { 'idempotency-key': key } : {} });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { block: { id: string; from: number; to: number; prefix: string; firstNumber: string; lastNumber: string; day: string }; token: string };
}

const reconcile = (branchId: string, blockId: string, token: string | undefined, tickets: unknown[], key?: string) =>
  kioskCall('POST', `/api/branches/${branchId}/kiosk/blocks/${blockId}/tickets`, { body: { tickets }, customerToken: token, headers: key ? { 'idempotency-key': key } : {} });

const takeOnline = (branchId: string, serviceId: string, device: string) =>
  call('POST', `/api/branches/${branchId}/tickets`, { body: { serviceId, channel: 'mobile', deviceId: device } });

const blockTickets = async (branchId: string, blockId: string) => (await listDayTickets(branchId, today())).filter((t) => t.blockId === blockId);

describe('offline ticket blocks (degraded mode)', () => {
  it('reserves blocks from the top of the day while concurrent online tickets count up from 1, never meeting', async () => {
    const [online, blocks] = await Promise.all([
      Promise.all(Array.from({ length: 40 }, (_, i) => takeOnline(tlv, 'general', `blocks-device-${String(i).padStart(3, '0')}`))),
      Promise.all(Array.from({ length: 4 }, () => reserve(tlv, 'general', 10))),
    ]);
    expect(online.every((r) => r.status === 201)).toBe(true);
    const onlineSeqs = online.map((r) => seqOf(r.body.ticket.number));
    const reserved = blocks.flatMap(({ block }) => Array.from({ length: block.to - block.from + 1 }, (_, i) => block.from + i));
    expect(blocks.every(({ block }) => block.to - block.from === 9 && block.prefix === 'A' && block.day === today())).toBe(true);
    // Online numbers are A001–A040 whatever the kiosks reserved meanwhile; the blocks are the
    // forty numbers below A999, one kiosk's each, none shared.
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    expect([...onlineSeqs].sort((a, b) => a - b)).toEqual(range(1, 40));
    expect([...reserved].sort((a, b) => a - b)).toEqual(range(960, 999));
    expect(blocks.map(({ block }) => block.lastNumber).sort()).toEqual(['A969', 'A979', 'A989', 'A999']);
    const next = await takeOnline(tlv, 'general', 'blocks-device-after');
    expect(next.body.ticket.number).toBe('A041');
  });

  it('gives the same block to a retried reservation with the same Idempotency-Key', async () => {
    const a = await reserve(haifa, 'general', 5, 'reserve-retry-key-1');
    const b = await reserve(haifa, 'general', 5, 'reserve-retry-key-1');
    expect(b.block).toEqual(a.block);
    const c = await reserve(haifa, 'general', 5);
    expect(c.block.to).toBe(a.block.from - 1);
  });

  it('admits offline tickets with their numbers, placed among the online queue by when they were printed', async () => {
    const { block, token } = await reserve(haifa, 'documents', 5);
    const x1 = await takeOnline(haifa, 'documents', 'order-device-1');
    await sleep(5);
    const o1 = Date.now();
    await sleep(5);
    const x2 = await takeOnline(haifa, 'documents', 'order-device-2');
    await sleep(5);
    const o2 = Date.now();
    await sleep(5);
    const o3 = Date.now() + 1;
    await sleep(5);
    const x3 = await takeOnline(haifa, 'documents', 'order-device-3');
    // Sent out of order (as an outbox might): the server orders them by issue time.
    const res = await reconcile(haifa, block.id, token, [
      { seq: block.from + 1, issuedAt: o2, language: 'en' },
      { seq: block.from, issuedAt: o1, language: 'he', needs: ['seating'] },
      { seq: block.from + 2, issuedAt: o3, language: 'he' },
    ], 'reconcile-order-1');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.tickets.map((t: { seq: number; admitted: boolean }) => [t.seq, t.admitted])).toEqual([
      [block.from, true],
      [block.from + 1, true],
      [block.from + 2, true],
    ]);

    const clerk = await signIn('clerk.haifa@dalpak.test');
    const queue = await call('GET', `/api/branches/${haifa}/queue`, { token: clerk });
    expect(queue.status).toBe(200);
    const docs = queue.body.waiting.filter((t: { serviceId: string; priority: number }) => t.serviceId === 'documents' && t.priority === 0);
    const first = (n: number) => `D${String(n).padStart(3, '0')}`;
    expect(docs.map((t: { number: string }) => t.number)).toEqual([
      x1.body.ticket.number,
      x2.body.ticket.number,
      first(block.from + 1),
      first(block.from + 2),
      x3.body.ticket.number,
    ]);
    // The seating need lifted the first offline ticket a class, as it would have online.
    const seated = queue.body.waiting.find((t: { number: string }) => t.number === first(block.from));
    expect(seated).toMatchObject({ channel: 'kiosk', customerState: 'arrived', language: 'he', needs: ['seating'], priority: 1, joinedAt: o1 });
  });

  it('admits none twice: a replay, and ten concurrent replays with or without the same key', async () => {
    const { block, token } = await reserve(tlv, 'accounts', 8);
    const base = Date.now();
    const tickets = Array.from({ length: 6 }, (_, i) => ({ seq: block.from + i, issuedAt: base + i, language: 'he' }));
    const first = await reconcile(tlv, block.id, token, tickets.slice(0, 4), 'replay-first');
    expect(first.body.tickets.every((t: { admitted: boolean }) => t.admitted)).toBe(true);

    const same = await reconcile(tlv, block.id, token, tickets.slice(0, 4), 'replay-first');
    expect(same.status).toBe(200);
    expect(same.body).toEqual(first.body);
    const again = await reconcile(tlv, block.id, token, tickets.slice(0, 4), 'replay-second');
    expect(again.body.tickets.map((t: { admitted: boolean }) => t.admitted)).toEqual([false, false, false, false]);
    expect(again.body.tickets.map((t: { ticketId: string }) => t.ticketId)).toEqual(first.body.tickets.map((t: { ticketId: string }) => t.ticketId));

    // The whole outbox (two already in, four new), ten times at once: half with one key, half with their own.
    const storm = await Promise.all(
      Array.from({ length: 10 }, (_, i) => reconcile(tlv, block.id, token, tickets, i % 2 ? 'storm-shared' : `storm-${i}`)),
    );
    expect(storm.map((r) => r.status)).toEqual(Array(10).fill(200));
    // The shared key replays one answer five times: six distinct runs, each new number admitted by one of them.
    const shared = storm.filter((_, i) => i % 2 === 1);
    expect(shared.every((r) => JSON.stringify(r.body) === JSON.stringify(shared[0]!.body))).toBe(true);
    const distinctAnswers = [...storm.filter((_, i) => i % 2 === 0), shared[0]];
    const admittedOnce = new Map<number, number>();
    for (const r of distinctAnswers) for (const t of r!.body.tickets) if (t.admitted) admittedOnce.set(t.seq, (admittedOnce.get(t.seq) ?? 0) + 1);
    expect([...admittedOnce.keys()].sort((a, b) => a - b)).toEqual([block.from + 4, block.from + 5]);
    expect([...admittedOnce.values()]).toEqual([1, 1]);

    const stored = await blockTickets(tlv, block.id);
    expect(stored.map((t) => t.seq).sort((a, b) => a - b)).toEqual(tickets.map((t) => t.seq));
    expect(new Set(stored.map((t) => t.number)).size).toBe(6);
    expect(stored.every((t) => t.status === 'waiting' && t.number.startsWith('B'))).toBe(true);
  });

  it('refuses bad input with a structured 4xx and stores nothing', async () => {
    const { block, token } = await reserve(tlv, 'general', 3);
    const other = await reserve(haifa, 'general', 3);
    const before = (await listDayTickets(tlv, today())).length;
    const ok = { seq: block.from, issuedAt: Date.now(), language: 'en' };

    const outside = await reconcile(tlv, block.id, token, [ok, { ...ok, seq: block.to + 1 }]);
    expect(outside.status).toBe(400);
    expect(outside.body.error).toMatchObject({ code: 'validation_failed', fields: [{ field: 'body.tickets.1.seq', reason: `not in this block (${block.from}–${block.to})` }] });

    const twice = await reconcile(tlv, block.id, token, [ok, { ...ok, issuedAt: ok.issuedAt + 1 }]);
    expect(twice.status).toBe(400);
    expect(twice.body.error.fields).toEqual([{ field: 'body.tickets.1.seq', reason: 'sent twice in this request' }]);

    const future = await reconcile(tlv, block.id, token, [{ ...ok, issuedAt: Date.now() + 3600_000 }]);
    expect(future.status).toBe(400);
    expect(future.body.error.fields).toEqual([{ field: 'body.tickets.0.issuedAt', reason: 'in the future' }]);
    const early = await reconcile(tlv, block.id, token, [{ ...ok, issuedAt: Date.now() - 3600_000 }]);
    expect(early.body.error.fields).toEqual([{ field: 'body.tickets.0.issuedAt', reason: 'before the block was reserved' }]);

    // Another branch's block through this branch, and this block with another block's token or none: not found.
    const foreign = await reconcile(tlv, other.block.id, other.token, [{ ...ok, seq: other.block.from }]);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('not_found');
    const wrongToken = await reconcile(tlv, block.id, other.token, [ok]);
    expect(wrongToken.status).toBe(404);
    const noToken = await reconcile(tlv, block.id, undefined, [ok]);
    expect(noToken.status).toBe(404);
    const unknown = await reconcile(tlv, '01JZZZZZZZZZZZZZZZZZZZZZZZ', token, [ok]);
    expect(unknown.status).toBe(404);

    const shape = await reconcile(tlv, block.id, token, [{ ...ok, seq: 'A001' }]);
    expect(shape.status).toBe(400);
    expect(shape.body.error.fields[0].field).toBe('body.tickets.0.seq');
    const none = await reconcile(tlv, block.id, token, []);
    expect(none.status).toBe(400);

    const big = await kioskCall('POST', `/api/branches/${tlv}/kiosk/blocks`, { body: { serviceId: 'general', size: 51 } });
    expect(big.status).toBe(400);
    expect(big.body.error.fields[0].field).toBe('body.size');
    const appointment = await kioskCall('POST', `/api/branches/${tlv}/kiosk/blocks`, { body: { serviceId: 'appointments' } });
    expect(appointment.status).toBe(400);
    expect(appointment.body.error.fields).toEqual([{ field: 'body.serviceId', reason: 'a appointment service' }]);
    // No kiosk can be enrolled at a branch that does not exist; another branch's kiosk is refused.
    const noBranch = await call('POST', `/api/branches/nowhere/kiosk/blocks`, { body: { serviceId: 'general' }, headers: await asKiosk(tlv) });
    expect(noBranch.status).toBe(403);

    expect((await listDayTickets(tlv, today())).length).toBe(before);
    expect(await blockTickets(haifa, other.block.id)).toEqual([]);
  });

  it('stops reserving once a service took its daily share of numbers in blocks', async () => {
    // 500 per service and day; 'documents' at haifa used 5 in an earlier test.
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await kioskCall('POST', `/api/branches/${haifa}/kiosk/blocks`, { body: { serviceId: 'documents', size: 50 } }));
    expect(results.slice(0, 9).every((r) => r.status === 201)).toBe(true);
    expect(results[9]!.status).toBe(409);
    expect(results[9]!.body.error).toMatchObject({ code: 'block_limit', fields: [{ field: 'body.size', reason: 'daily block limit reached' }] });
  });

  it('lets a day busy enough to reach the offline range go on past its top, and then reserves no more', async () => {
    // Last, as it fills this service's day: a kiosk's block, then a long day of online tickets
    // that has come to five below it (set on the counter rather than taken one by one).
    const { block } = await reserve(tlv, 'accounts', 10);
    expect(block.to).toBeLessThanOrEqual(999);
    await db.send(new UpdateCommand({ TableName: table(), Key: keys.ticketSeq(tlv, today(), 'B'), UpdateExpression: 'SET #n = :n', ExpressionAttributeNames: { '#n': 'n' }, ExpressionAttributeValues: { ':n': block.from - 5 } }));
    // Eight more, concurrently: the four numbers left below the block, then B1000 onwards past the top.
    const taken = await Promise.all(Array.from({ length: 8 }, (_, i) => takeOnline(tlv, 'accounts', `busy-day-device-${i}`)));
    expect(taken.map((r) => r.status)).toEqual(Array(8).fill(201));
    const below = [4, 3, 2, 1].map((k) => block.from - k);
    expect(taken.map((r) => seqOf(r.body.ticket.number)).sort((a, b) => a - b)).toEqual([...below, 1000, 1001, 1002, 1003]);
    expect(taken.map((r) => r.body.ticket.number)).toContain('B1000');
    // No room is left below the online numbers for another block.
    const refused = await kioskCall('POST', `/api/branches/${tlv}/kiosk/blocks`, { body: { serviceId: 'accounts', size: 10 } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'block_limit', fields: [{ field: 'body.size', reason: 'no offline numbers left today' }] });
  });
});
