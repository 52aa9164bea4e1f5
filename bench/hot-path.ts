// Hot-path efficiency: how many DynamoDB requests (and how much consumed capacity) each API
// operation costs, against the least it could cost. The real handlers run through the local
// dispatcher (route table, JWT check, API Gateway v2 events: what test/support/api.ts does)
// against DynamoDB Local. A middleware added from here to the product's one data client
// (functions/data/client.ts; the idempotency layer shares it) counts every command and asks
// DynamoDB for its consumed capacity; the product's code is untouched. No stream consumers
// run here, so only the operation's own requests are counted.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { exportJWK, generateKeyPair } from 'jose';
import { ulid } from 'ulid';
import { createTable, requireJava17, startDynamo } from '../bin/local/dynamo';
import { emit, isMain } from './lib/child';
import { round } from './lib/stats';

const branch = 'tel-aviv-center';

/** The least an operation could cost: a create is one conditional write or transaction, a read one query or get. */
const minimum = { takeTicket: 1, callNext: 2, getTicket: 1, getBoard: 1, createOrder: 1, createBooking: 1, getBoardBusyDay: 1, getTicketBusyDay: 1 } as const;
const busyDay = 500;
type Op = keyof typeof minimum;
const why: Record<Op, string> = {
  takeTicket: 'one conditional write',
  callNext: 'one query for the line + one transaction',
  getTicket: 'one read',
  getBoard: 'one query',
  createOrder: 'one transaction',
  createBooking: 'one transaction',
  getBoardBusyDay: `one query, with ${busyDay} tickets in the day`,
  getTicketBusyDay: `one read, with ${busyDay} tickets in the day`,
};

interface Tally {
  calls: number;
  requests: number;
  idempotency: number; // of which the Idempotency-Key record (Powertools, same table)
  commands: Record<string, number>;
  rcu: number;
  wcu: number;
}

const capacityCommands = new Set(['GetItemCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'QueryCommand', 'ScanCommand', 'TransactWriteItemsCommand', 'TransactGetItemsCommand', 'BatchGetItemCommand', 'BatchWriteItemCommand']);

type Capacity = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
const isWrite = (command: string) => /Put|Update|Delete|TransactWrite|BatchWrite/.test(command);
// Powertools keeps Idempotency-Key records under one static partition key (functions/http/idempotency.ts).
const isIdempotencyRecord = (input: { Item?: { pk?: { S?: string } }; Key?: { pk?: { S?: string } } }) => (input.Item?.pk ?? input.Key?.pk)?.S === 'IDEMPOTENCY';

/** Counts the commands sent while an operation runs, with the capacity DynamoDB says they consumed. */
function meter(client: DynamoDBClient) {
  const tallies = new Map<Op, Tally>();
  let current: Op | undefined;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      const op = current;
      const ask = op && capacityCommands.has(command);
      const out = await next(ask ? { ...args, input: { ...(args.input as object), ReturnConsumedCapacity: 'TOTAL' } } : args);
      if (op) {
        const t = tallies.get(op)!;
        t.requests++;
        if (isIdempotencyRecord(args.input as never)) t.idempotency++;
        const name = command.replace(/Command$/, '');
        t.commands[name] = (t.commands[name] ?? 0) + 1;
        const raw = (out.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
        for (const c of Array.isArray(raw) ? raw : raw ? [raw] : []) {
          const units = c.CapacityUnits ?? 0;
          t.rcu += c.ReadCapacityUnits ?? (isWrite(command) ? 0 : units);
          t.wcu += c.WriteCapacityUnits ?? (isWrite(command) ? units : 0);
        }
      }
      return out;
    },
    { step: 'initialize', name: 'benchRequestMeter' },
  );
  return {
    async measure<T>(op: Op, run: () => Promise<T>): Promise<T> {
      if (!tallies.has(op)) tallies.set(op, { calls: 0, requests: 0, idempotency: 0, commands: {}, rcu: 0, wcu: 0 });
      current = op;
      try {
        const r = await run();
        tallies.get(op)!.calls++;
        return r;
      } finally {
        current = undefined;
      }
    },
    tallies,
  };
}

/** DynamoDB Local with the table and the demo organisation, and the environment the handlers read. */
async function localSystem() {
  requireJava17();
  const dynamo = await startDynamo();
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  Object.assign(process.env, {
    TABLE_NAME: 'dalpak-bench',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: 'local',
    STAGE: 'bench',
    AUTH_MODE: 'local',
    LOCAL_JWT_PRIVATE_JWK: JSON.stringify({ ...(await exportJWK(privateKey)), alg: 'ES256' }),
    POWERTOOLS_SERVICE_NAME: 'dalpak-bench',
    LOG_LEVEL: 'SILENT',
  });
  await createTable(dynamo.client, 'dalpak-bench');
  await (await import('../functions/seed/seed')).seedDemo();
  await (await import('../functions/seed/open-all-day')).openDemoBranchesAllDay();
  return dynamo;
}

export async function runHotPath(reps = 20) {
  const dynamo = await localSystem();
  try {
    const { call, signIn } = await import('../test/support/api');
    // Walk-in tickets come from the branch's enrolled kiosk (issue 7), enrolled before measuring.
    const kiosk = await (await import('../test/support/devices')).asKiosk(branch);
    const m = meter((await import('../functions/data/client')).dynamo);
    const ok = <T extends { status: number; body: any }>(r: T, what: string): T => {
      if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
      return r;
    };
    const clerk = await signIn('clerk.tlv@dalpak.test');
    ok(await call('POST', `/api/branches/${branch}/counters/c1/open`, { token: clerk }), 'open counter');
    const windows = (ok(await call('GET', `/api/branches/${branch}/pickup-windows`), 'windows').body.windows as { start: number; available: boolean }[]).filter((w) => w.available);
    const slots = (ok(await call('GET', `/api/branches/${branch}/services/appointments/slots?days=7`), 'slots').body.days as { slots: { start: number; available: boolean }[] }[])
      .flatMap((d) => d.slots)
      .filter((s) => s.available);
    let n = 0;
    const take = () =>
      call('POST', `/api/branches/${branch}/tickets`, { body: { serviceId: 'general', channel: 'kiosk', language: 'en', needs: [], deviceId: `bench-device-${n}` }, headers: { ...kiosk, 'idempotency-key': `bench-take-${n++}` } });
    // One unmeasured call of each first: the handlers' cold start (imports, first connection) is not the hot path.
    const ticket = ok(await take(), 'warm-up ticket').body;
    const tickets = [ticket];
    for (let i = 0; i <= reps; i++) {
      const measured = i > 0;
      const run = <T>(op: Op, f: () => Promise<T>) => (measured ? m.measure(op, f) : f());
      tickets.push(ok(await run('takeTicket', take), 'takeTicket').body);
      const mine = tickets[tickets.length - 1]!;
      ok(await run('getTicket', () => call('GET', `/api/tickets/${mine.ticket.id}`, { customerToken: mine.token })), 'getTicket');
      ok(await run('getBoard', () => call('GET', `/api/branches/${branch}/board`)), 'getBoard');
      const called = ok(await run('callNext', () => call('POST', `/api/branches/${branch}/counters/c1/call-next`, { token: clerk })), 'callNext').body;
      ok(await call('POST', `/api/branches/${branch}/counters/c1/tickets/${called.ticket.id}/complete`, { token: clerk }), 'complete');
      const order = { lines: [{ productId: 'sim-card', quantity: 1 }], windowStart: windows[i]!.start, contact: { name: 'Bench Buyer', phone: '+972 50 000 0000' }, language: 'en' };
      ok(await run('createOrder', () => call('POST', `/api/branches/${branch}/orders`, { body: order, headers: { 'idempotency-key': `bench-order-${i}` } })), 'createOrder');
      const booking = { serviceId: 'appointments', slotStart: slots[i]!.start, contact: { name: 'Bench Guest', phone: `+972 52 000 ${String(1000 + i)}` }, reason: 'Benchmark', language: 'en', needs: [] };
      ok(await run('createBooking', () => call('POST', `/api/branches/${branch}/bookings`, { body: booking, headers: { 'idempotency-key': `bench-booking-${i}` } })), 'createBooking');
    }
    // Late on a busy day: every read above lists the whole day's tickets, so fill it to 500.
    const { getTicket, insertTicket } = await import('../functions/data/tickets-repo');
    const model = (await getTicket(ticket.ticket.id))!;
    for (let i = tickets.length; i < busyDay; i++) {
      await insertTicket({ ...model, id: ulid(model.joinedAt + i), seq: 1000 + i, number: `A${1000 + i}`, status: 'done', holder: undefined, joinedAt: model.joinedAt + i });
    }
    for (let i = 0; i < 5; i++) {
      ok(await m.measure('getBoardBusyDay', () => call('GET', `/api/branches/${branch}/board`)), 'getBoard');
      ok(await m.measure('getTicketBusyDay', () => call('GET', `/api/tickets/${ticket.ticket.id}`, { customerToken: ticket.token })), 'getTicket');
    }
    const ops = Object.fromEntries(
      (Object.keys(minimum) as Op[]).map((op) => {
        const t = m.tallies.get(op)!;
        const per = t.requests / t.calls;
        return [
          op,
          {
            requests: round(per, 2),
            forIdempotencyKey: round(t.idempotency / t.calls, 2),
            minimum: minimum[op],
            ratio: round(per / minimum[op], 1),
            rcu: round(t.rcu / t.calls, 2),
            wcu: round(t.wcu / t.calls, 2),
            commands: Object.entries(t.commands).map(([c, k]) => `${c} ${round(k / t.calls, 2)}`).join(', '),
            minimumIs: why[op],
          },
        ];
      }),
    );
    return { callsPerOperation: reps, ticketsInTheDay: tickets.length, ops };
  } finally {
    await dynamo.stop();
  }
}

if (isMain(import.meta.url)) emit(await runHotPath());
