import { exportJWK, generateKeyPair } from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTable, requireJava17, startDynamo, type LocalDynamo } from './dynamo';
import { createLocalServer } from './server';
import type { RedriveOutcome } from '../ops/redrive';
import { startStreamPoller, type DeadLetter, type StreamConsumer } from './streams';
import { attachWebSocketApi } from './websocket';
import { serveDevOutbox } from './dev-outbox';
import { schedules } from '../../functions/schedules';
import { webConfig } from '../../lib/web-policy';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface LocalOptions {
  port?: number; // 0 picks a free port
  host?: string;
  /** Keep data under this folder between runs (DynamoDB Local's file mode). */
  dataDir?: string;
  quiet?: boolean;
  seed?: boolean;
  /** On a fresh seed, also play a week of past mornings at the first demo branch in the background (statistics for the dashboard; `npm start`). */
  demoHistory?: boolean;
  /** Use a table that already exists (tests): no DynamoDB Local of its own, no table, no seed. */
  existingTable?: { endpoint: string; tableName: string };
}

export interface LocalSystem {
  url: string;
  /** Pickup codes of the demo orders (fresh seed only), for trying the kiosk check-in. */
  demoOrders: { branchId: string; code: string; status: string }[];
  /** Booking codes of the demo bookings (fresh seed only), for the kiosk's appointment check-in. */
  demoBookings: { branchId: string; code: string; status: string; start: number }[];
  /** One pre-enrolled kiosk and board per branch (not with existingTable): open `/kiosk/<branch>#device=<token>`. */
  demoDevices: { branchId: string; kind: 'kiosk' | 'board'; deviceId: string; token: string }[];
  dynamoEndpoint: string;
  tableName: string;
  /** Stream batches a consumer gave up on (the on-failure destination in AWS). */
  deadLetters(): DeadLetter[];
  /** Hands each dead letter's batch to its consumer again (POST /dev/dead-letters/redrive). */
  redriveDeadLetters(): Promise<{ consumer: string; outcome: RedriveOutcome }[]>;
  stop(): Promise<void>;
}

// A signing key for the local issuer; persisted with the data so sign-ins survive a restart.
async function signingKey(dataDir?: string): Promise<string> {
  const file = dataDir && join(dataDir, 'local-jwt.json');
  if (file && existsSync(file)) return readFileSync(file, 'utf8');
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = JSON.stringify({ ...(await exportJWK(privateKey)), alg: 'ES256' });
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, jwk, { mode: 0o600 });
  }
  return jwk;
}

function existingDynamo(endpoint: string): LocalDynamo {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return { endpoint, client, stop: async () => client.destroy() };
}

/** The stream's consumers, as in AWS: the realtime fan-out, and the notifier once it exists. */
function streamConsumers(): StreamConsumer[] {
  const consumers: StreamConsumer[] = [
    { name: 'realtime-fanout', retryAttempts: 2, load: async () => (await import('../../functions/realtime/fanout')).handler },
    { name: 'webhooks', retryAttempts: 2, load: async () => (await import('../../functions/webhooks/stream')).handler },
    { name: 'insight', retryAttempts: 2, load: async () => (await import('../../functions/insight/stream')).handler },
  ];
  if (existsSync(join(root, 'functions/notify/stream.ts'))) {
    consumers.push({ name: 'notifier', retryAttempts: 2, load: async () => (await import(`../../functions/notify/${'stream'}`)).handler });
  }
  return consumers;
}

/** The whole system on one machine: DynamoDB Local, the table, demo data, handlers, web. */
export async function startLocal(opts: LocalOptions = {}): Promise<LocalSystem> {
  const external = opts.existingTable;
  if (!external) requireJava17();
  const dynamo = external ? existingDynamo(external.endpoint) : await startDynamo({ dataDir: opts.dataDir });
  const tableName = external?.tableName ?? 'dalpak-local';
  // Handlers read these at cold start, exactly as they read Lambda's environment.
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: process.env.AWS_REGION ?? 'local',
    STAGE: 'local',
    AUTH_MODE: 'local',
    LOCAL_JWT_PRIVATE_JWK: external ? process.env.LOCAL_JWT_PRIVATE_JWK : await signingKey(opts.dataDir),
    POWERTOOLS_SERVICE_NAME: 'dalpak-local',
    POWERTOOLS_METRICS_NAMESPACE: 'Dalpak',
    LOG_LEVEL: process.env.LOG_LEVEL ?? (opts.quiet ? 'ERROR' : 'WARN'),
  });
  const demoOrders: LocalSystem['demoOrders'] = [];
  const demoBookings: LocalSystem['demoBookings'] = [];
  const demoDevices: LocalSystem['demoDevices'] = [];
  let seededHistory = false;
  try {
    if (!external) await createTable(dynamo.client, tableName);
    if (!external && opts.seed !== false) {
      const { seedDemo } = await import('../../functions/seed/seed');
      if ((await seedDemo()).seeded) {
        const { seedDemoOrders } = await import('../../functions/seed/demo-orders');
        const branchId = 'tel-aviv-center';
        demoOrders.push(...(await seedDemoOrders(branchId, Date.now())).map((o) => ({ branchId, ...o })));
        const { seedDemoBookings } = await import('../../functions/seed/demo-bookings');
        demoBookings.push(...(await seedDemoBookings(branchId, Date.now())).map((b) => ({ branchId, ...b })));
        seededHistory = opts.demoHistory === true;
      }
      // On every start (a persisted run too): the printed kiosk and board links carry fresh tokens.
      const { seedDemoDevices } = await import('../../functions/seed/demo-devices');
      demoDevices.push(...(await seedDemoDevices(Date.now())));
    }
  } catch (e) {
    await dynamo.stop();
    throw e;
  }
  let poller: ReturnType<typeof startStreamPoller> | undefined;
  const server = createLocalServer({ webRoot: resolve(root, process.env.DALPAK_WEB_DIST ?? 'web/dist'), config: webConfig, extra: (req, res, url) => {
      if (url.pathname === '/dev/outbox' || url.pathname === '/dev/outbox.json') {
        serveDevOutbox(res, url.pathname.endsWith('.json'), poller?.deadLetters() ?? []).catch((e: unknown) => {
          console.error('[local] /dev/outbox failed', e);
          res.writeHead(500).end();
        });
        return true;
      }
      if (url.pathname === '/dev/dead-letters/redrive' && req.method === 'POST') {
        (poller ? poller.redrive() : Promise.resolve([])).then(
          (results) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results, left: poller?.deadLetters().length ?? 0 })),
          (e: unknown) => {
            console.error('[local] re-drive failed', e);
            res.writeHead(500).end();
          },
        );
        return true;
      }
      return wsApi.management(req, res, url);
    },
  });
  const wsApi = attachWebSocketApi(server, async () => (await import('../../functions/realtime/ws')).handler);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 3000, host, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  process.env.WS_MANAGEMENT_ENDPOINT = url;
  process.env.WS_MANAGEMENT_LOCAL = '1';
  process.env.SITE_URL ??= url; // links in messages point at this machine
  // What Lambda's stream event source mappings do in AWS (lib/realtime.ts, lib/notifications.ts).
  poller = startStreamPoller({ dynamo: dynamo.client, endpoint: dynamo.endpoint, tableName, consumers: streamConsumers(), from: external ? 'LATEST' : 'TRIM_HORIZON' });
  await poller.ready;
  // Past mornings take half a minute to play: in the background, while the system already serves.
  if (seededHistory) {
    import('../../functions/seed/demo-history')
      .then((m) => m.seedDemoHistory('tel-aviv-center', Date.now()))
      .catch((e: unknown) => console.error('[local] demo history failed', e));
  }
  // What EventBridge Scheduler does in AWS (lib/schedules.ts): the same handlers on timers.
  const timers = schedules.map((s) => {
    const t = setInterval(() => {
      import(`../../functions/${s.context}/${s.entry}`)
        .then((m: { handler: () => Promise<unknown> }) => m.handler())
        .catch((e: unknown) => console.error(`[local] ${s.id} failed`, e));
    }, s.localEverySeconds * 1000);
    t.unref();
    return t;
  });
  let stopped = false;
  return {
    url,
    demoOrders,
    demoBookings,
    demoDevices,
    dynamoEndpoint: dynamo.endpoint,
    tableName,
    deadLetters: () => poller?.deadLetters() ?? [],
    redriveDeadLetters: async () => (poller ? poller.redrive() : []),
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const t of timers) clearInterval(t);
      await poller?.stop();
      wsApi.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await dynamo.stop();
    },
  };
}
