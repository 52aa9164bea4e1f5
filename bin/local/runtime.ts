import { exportJWK, generateKeyPair } from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTable, requireJava17, startDynamo } from './dynamo';
import { createLocalServer } from './server';
import { webConfig } from '../../lib/web-policy';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface LocalOptions {
  port?: number; // 0 picks a free port
  host?: string;
  /** Keep data under this folder between runs (DynamoDB Local's file mode). */
  dataDir?: string;
  quiet?: boolean;
  seed?: boolean;
}

export interface LocalSystem {
  url: string;
  /** Pickup codes of the demo orders (fresh seed only), for trying the kiosk check-in. */
  demoOrders: { branchId: string; code: string; status: string }[];
  /** Booking codes of the demo bookings (fresh seed only), for the kiosk's appointment check-in. */
  demoBookings: { branchId: string; code: string; status: string; start: number }[];
  dynamoEndpoint: string;
  tableName: string;
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

/** The whole system on one machine: DynamoDB Local, the table, demo data, handlers, web. */
export async function startLocal(opts: LocalOptions = {}): Promise<LocalSystem> {
  requireJava17();
  const dynamo = await startDynamo({ dataDir: opts.dataDir });
  const tableName = 'dalpak-local';
  // Handlers read these at cold start, exactly as they read Lambda's environment.
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: process.env.AWS_REGION ?? 'local',
    STAGE: 'local',
    AUTH_MODE: 'local',
    LOCAL_JWT_PRIVATE_JWK: await signingKey(opts.dataDir),
    POWERTOOLS_SERVICE_NAME: 'dalpak-local',
    POWERTOOLS_METRICS_NAMESPACE: 'Dalpak',
    LOG_LEVEL: process.env.LOG_LEVEL ?? (opts.quiet ? 'ERROR' : 'WARN'),
  });
  const demoOrders: LocalSystem['demoOrders'] = [];
  const demoBookings: LocalSystem['demoBookings'] = [];
  try {
    await createTable(dynamo.client, tableName);
    if (opts.seed !== false) {
      const { seedDemo } = await import('../../functions/seed/seed');
      if ((await seedDemo()).seeded) {
        const { seedDemoOrders } = await import('../../functions/seed/demo-orders');
        const branchId = 'tel-aviv-center';
        demoOrders.push(...(await seedDemoOrders(branchId, Date.now())).map((o) => ({ branchId, ...o })));
        const { seedDemoBookings } = await import('../../functions/seed/demo-bookings');
        demoBookings.push(...(await seedDemoBookings(branchId, Date.now())).map((b) => ({ branchId, ...b })));
      }
    }
  } catch (e) {
    await dynamo.stop();
    throw e;
  }
  const server = createLocalServer({ webRoot: join(root, 'web/dist'), config: webConfig });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 3000, host, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  // What EventBridge does in AWS (lib/api.ts): run order expiry and the booking sweep every minute.
  const { expireDueOrders } = await import('../../functions/orders/expire');
  const { sweepBookings } = await import('../../functions/bookings/sweep');
  const expiry = setInterval(() => {
    expireDueOrders(Date.now()).catch((e: unknown) => console.error('[local] order expiry failed', e));
    sweepBookings(Date.now()).catch((e: unknown) => console.error('[local] booking sweep failed', e));
  }, 60_000);
  expiry.unref();
  let stopped = false;
  return {
    url,
    demoOrders,
    demoBookings,
    dynamoEndpoint: dynamo.endpoint,
    tableName,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(expiry);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await dynamo.stop();
    },
  };
}
