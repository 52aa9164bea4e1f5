// API latency through the local runtime's HTTP server (the real handlers, DynamoDB Local, the
// stream consumers running alongside, as on `npm start`), at 1, 10 and 50 concurrent clients,
// driven by autocannon; side by side, in the same run, the raw DynamoDB Local round trip of
// the operation's own write (or read) sent straight through the SDK at the same concurrency.
// The system runs in a child process so the load generator does not share its event loop.
import autocannon, { type Client, type Request } from 'autocannon';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { keys } from '../functions/data/keys';
import { branchDay } from '../functions/domain/queue/numbering';
import { emit, isMain } from './lib/child';
import { quantile, round } from './lib/stats';

const branch = 'tel-aviv-center';
const levels = [1, 10, 50] as const;
const perLevel = { takeTicket: 120, callNext: { 1: 50, 10: 100, 50: 100 }, getBoard: 100, raw: 150 };

interface System {
  url: string;
  dynamoEndpoint: string;
  tableName: string;
  /** `kiosk:<branch>` → the demo kiosk's device token (walk-in tickets come from an enrolled kiosk). */
  devices: Record<string, string>;
  child: ChildProcess;
}

async function startSystem(): Promise<System> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./lib/serve-local.ts', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'], env: process.env });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) resolve({ ...JSON.parse(line.slice(6)), child });
    });
    child.once('exit', (code) => reject(new Error(`the local system ended (${code}) before it was ready`)));
  });
}

const summary = (ms: number[]) => ({ p50Ms: round(quantile(ms, 0.5), 1), p99Ms: round(quantile(ms, 0.99), 1), n: ms.length });

/** Runs autocannon and keeps the latency of every response (its own high-resolution timer). */
async function load(url: string, connections: number, amount: number, requests: Request[], keep: (client: object) => boolean = () => true, setupClient?: (client: Client) => void) {
  const ms: number[] = [];
  let refused = 0;
  const instance = autocannon({ url, connections, amount, requests, timeout: 60, ...(setupClient ? { setupClient } : {}) });
  instance.on('response', (client, status, _bytes, time) => {
    if (!keep(client)) return;
    ms.push(time);
    if (status >= 300) refused++;
  });
  const result = await instance;
  return { ...summary(ms), non2xx: refused, errors: result.errors + result.timeouts, requestsPerSecond: round(result.requests.total / result.duration, 0) };
}

/** The same request sent straight to DynamoDB Local by `connections` concurrent workers. */
async function raw(connections: number, amount: number, send: (i: number, worker: number) => Promise<unknown>) {
  for (let i = 0; i < connections; i++) await send(-1 - i, i); // open the sockets first
  const ms: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async (_, w) => {
      while (next < amount) {
        const i = next++;
        const t0 = performance.now();
        await send(i, w);
        ms.push(performance.now() - t0);
      }
    }),
  );
  return summary(ms);
}

async function json(system: System, method: string, path: string, body?: unknown, token?: string) {
  const kiosk: Record<string, string> = (body as { channel?: string } | undefined)?.channel === 'kiosk' ? { 'x-device-token': system.devices[`kiosk:${branch}`]! } : {};
  const res = await fetch(`${system.url}${path}`, { method, headers: { 'content-type': 'application/json', ...kiosk, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const out = (await res.json()) as any;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(out)}`);
  return out;
}

export async function runApiLatency() {
  const system = await startSystem();
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: system.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const TableName = system.tableName;
  try {
    const clerk = (await json(system, 'POST', '/api/auth/sign-in', { email: 'clerk.tlv@dalpak.test', password: 'demo1234' })).token as string;
    const sample = await json(system, 'POST', `/api/branches/${branch}/tickets`, { serviceId: 'general', channel: 'kiosk', language: 'en', needs: [], deviceId: 'latency-sample' });
    const ticketItem = (await ddb.send(new GetCommand({ TableName, Key: keys.ticket(sample.ticket.id) }))).Item!;
    const day = branchDay(Date.now(), 'Asia/Jerusalem');
    let n = 0;
    const out = { takeTicket: {} as Record<number, unknown>, getBoard: {} as Record<number, unknown>, callNext: {} as Record<number, unknown> };
    const t0 = performance.now();
    const progress = (what: string) => process.stderr.write(`[api-latency] ${what} done at ${Math.round((performance.now() - t0) / 1000)} s\n`);

    // takeTicket: every request a new device (one active ticket per device) and a new Idempotency-Key, as the kiosk sends.
    const take: Request = {
      method: 'POST',
      path: `/api/branches/${branch}/tickets`,
      setupRequest: (req) => {
        const id = `latency-${n++}`;
        return { ...req, headers: { 'content-type': 'application/json', 'idempotency-key': id, 'x-device-token': system.devices[`kiosk:${branch}`]! }, body: JSON.stringify({ serviceId: 'general', channel: 'kiosk', language: 'en', needs: [], deviceId: id }) };
      },
    };
    // Its write, raw: the conditional put of a ticket-sized item (kept out of the branch's day).
    const putTicket = (i: number, w: number) =>
      ddb.send(new PutCommand({ TableName, Item: { ...ticketItem, ...keys.ticket(`raw-${w}-${i}-${n}`), gsi1pk: 'BENCH#raw' }, ConditionExpression: 'attribute_not_exists(pk)' }));
    for (const c of levels) {
      out.takeTicket[c] = { api: await load(system.url, c, perLevel.takeTicket, [take]), rawPutItem: await raw(c, perLevel.raw, putTicket) };
      progress(`takeTicket × ${c}`);
    }

    // getBoard, and its read raw: the query of the day's tickets (the board's second query).
    const board: Request = { method: 'GET', path: `/api/branches/${branch}/board` };
    const queryDay = () => ddb.send(new QueryCommand({ TableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.ticketDay(branch, day).gsi1pk } }));
    for (const c of levels) {
      out.getBoard[c] = { api: await load(system.url, c, perLevel.getBoard, [board]), rawQuery: await raw(c, perLevel.raw, queryDay) };
      progress(`getBoard × ${c}`);
    }

    // callNext: each connection is a clerk at a counter of its own, completing each call before the next.
    // (Counters are configuration: added with the product's setup code; 61 so no level reuses one.)
    process.env.TABLE_NAME = TableName;
    process.env.DYNAMODB_ENDPOINT = system.dynamoEndpoint;
    const { putBranchSetup } = await import('../functions/data/setup-repo');
    const { demoBranches } = await import('../functions/seed/demo');
    const demo = demoBranches.find((b) => b.branch.id === branch)!;
    const extra = Array.from({ length: 61 }, (_, i) => ({ id: `bench${i}`, number: 100 + i, serviceIds: ['general'], pickup: false, status: 'closed' as const }));
    const allDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));
    await putBranchSetup({ ...demo, branch: { ...demo.branch, hours: allDay, exceptions: [] }, counters: [...demo.counters, ...extra], catalog: [] });
    for (const counter of extra) await json(system, 'POST', `/api/branches/${branch}/counters/${counter.id}/open`, undefined, clerk);
    let free = extra.map((x) => x.id);
    const auth = { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' };
    // Its write, raw: a two-item transaction (the ticket's conditional put and the counter's conditional update).
    const versions = new Map<number, number>();
    const transact = async (i: number, w: number) => {
      const v = versions.get(w) ?? 0;
      await ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: { ...ticketItem, ...keys.ticket(`rawtx-${w}-${i}-${n}`), gsi1pk: 'BENCH#raw' }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName, Item: { pk: `BENCH#counter#${n}#${w}`, sk: 'COUNTER', version: v + 1, currentTicketId: `t${i}` }, ConditionExpression: v === 0 ? 'attribute_not_exists(pk)' : 'version = :v', ExpressionAttributeValues: v === 0 ? undefined : { ':v': v } } },
          ],
        }),
      );
      versions.set(w, v + 1);
    };
    for (const c of levels) {
      const mine = free.slice(0, c);
      free = free.slice(c);
      const calls = new WeakMap<object, number>();
      const refusals: Record<string, number> = {}; // callNext's non-2xx answers by error code
      // The counter is per connection (setupClient); the called ticket is per round (the request context).
      const requests = (counter: string): Request[] => [
        {
          method: 'POST',
          path: `/api/branches/${branch}/counters/${counter}/call-next`,
          headers: auth,
          onResponse: (status, body, ctx) => {
            const answer = JSON.parse(body);
            ctx.ticket = answer?.ticket?.id;
            if (status >= 300) refusals[answer?.error?.code ?? status] = (refusals[answer?.error?.code ?? status] ?? 0) + 1;
          },
        },
        { method: 'POST', headers: auth, setupRequest: (req, ctx) => ({ ...req, path: `/api/branches/${branch}/counters/${counter}/tickets/${ctx.ticket ?? 'none'}/complete` }) },
      ];
      // Each connection alternates call-next and complete: keep every other response, the calls.
      const api = await load(
        system.url,
        c,
        2 * perLevel.callNext[c],
        requests('none'),
        (client) => {
          const k = calls.get(client) ?? 0;
          calls.set(client, k + 1);
          return k % 2 === 0;
        },
        (client) => client.setRequests(requests(mine.shift()!)),
      );
      versions.clear();
      n++;
      out.callNext[c] = { api: { ...api, refusals }, rawTransactWrite: await raw(c, perLevel.raw, transact) };
      progress(`callNext × ${c}`);
    }
    const ratios = Object.fromEntries(
      Object.entries(out).map(([op, byLevel]) => [
        op,
        Object.fromEntries(
          Object.entries(byLevel).map(([c, r]) => {
            const { api, ...rest } = r as { api: { p50Ms: number; p99Ms: number } } & Record<string, { p50Ms: number; p99Ms: number }>;
            const base = Object.values(rest)[0]!;
            return [c, { p50Ratio: round(api.p50Ms / base.p50Ms, 1), p99Ratio: round(api.p99Ms / base.p99Ms, 1) }];
          }),
        ),
      ]),
    );
    return { levels, requestsPerLevel: perLevel, ticketsInTheDay: perLevel.takeTicket * levels.length + 1, latency: out, apiOverRaw: ratios };
  } finally {
    ddb.destroy();
    system.child.kill('SIGTERM');
    await new Promise((r) => system.child.once('exit', r));
  }
}

if (isMain(import.meta.url)) emit(await runApiLatency());
