// What a cold start costs each Lambda function: its bundle built as CDK builds it (the options
// of lib/function.ts: esbuild, ESM, node22, minified, the createRequire banner, the AWS SDK v3
// left to the runtime as NodejsFunction does by default), its size minified and gzipped, and
// its module init time: the median, over 20 fresh `node` processes, of importing the bundle
// (timed inside the child with performance.now()). Beside them, a bundle that only imports the
// DynamoDB client, built the same way: the floor any function of ours starts from.
import { build, type Metafile } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { contexts } from '../functions/routes';
import { schedules } from '../functions/schedules';
import { emit, isMain } from './lib/child';
import { quantile, round } from './lib/stats';

const root = fileURLToPath(new URL('..', import.meta.url));
// Inside the repository, so the bundles find @aws-sdk/* in node_modules as Lambda finds its own copy.
const outdir = join(root, 'node_modules/.cache/dalpak-bench/cold-start');

/** Every function CDK deploys: one per HTTP context, the realtime pair, the stream consumers, the schedules. */
export function lambdaEntries(): Record<string, string> {
  return {
    ...Object.fromEntries(Object.keys(contexts).map((c) => [c, `functions/${c}/handler.ts`])),
    'realtime-ws': 'functions/realtime/ws.ts',
    'realtime-fanout': 'functions/realtime/fanout.ts',
    notifier: 'functions/notify/stream.ts',
    webhooks: 'functions/webhooks/stream.ts',
    ...Object.fromEntries(schedules.map((s) => [s.id, `functions/${s.context}/${s.entry}`])),
  };
}

/** Bytes of the minified output by package (or our own code), largest first. */
function heaviest(meta: Metafile, outfile: string): string {
  const output = Object.entries(meta.outputs).find(([f]) => outfile.endsWith(f) || f.endsWith('index.mjs'))![1];
  const by = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    const owner = m ? m[1]! : 'our code';
    by.set(owner, (by.get(owner) ?? 0) + bytesInOutput);
  }
  return [...by].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k} ${Math.round(v / 1024)}`).join(', ');
}

async function bundle(name: string, entry: { file: string } | { contents: string }): Promise<{ file: string; heaviest: string }> {
  const outfile = join(outdir, name, 'index.mjs');
  const { metafile } = await build({
    ...('file' in entry ? { entryPoints: [join(root, entry.file)] } : { stdin: { contents: entry.contents, resolveDir: root, loader: 'ts' } }),
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    sourcemap: true, // a separate .map, as CDK writes it: not counted in the size
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*'],
    banner: { js: "import { createRequire } from 'module';const require = createRequire(import.meta.url);" },
    logLevel: 'error',
    metafile: true,
  });
  return { file: outfile, heaviest: heaviest(metafile, outfile) };
}

// The environment a deployed function starts with (names only matter; nothing is called).
const lambdaEnv = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  TABLE_NAME: 'dalpak-bench',
  STAGE: 'bench',
  POWERTOOLS_SERVICE_NAME: 'dalpak-bench',
  POWERTOOLS_METRICS_NAMESPACE: 'Dalpak',
  LOG_LEVEL: 'ERROR',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
const importTimer = 'const t0 = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t0)); process.exit(0);';

function initMs(file: string): number {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', importTimer, pathToFileURL(file).href], { env: { PATH: process.env.PATH ?? '', ...lambdaEnv }, encoding: 'utf8' });
  return Number(out);
}

export async function runColdStart(processes = Number(process.env.COLD_N ?? 20)) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const built: Record<string, { file: string; heaviest: string }> = {};
  for (const [name, file] of Object.entries(lambdaEntries())) built[name] = await bundle(name, { file });
  built['only @aws-sdk/client-dynamodb'] = await bundle('sdk-only', {
    contents: "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';\nconst db = new DynamoDBClient({});\nexport const handler = async () => db.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'x' } } }));\n",
  });
  const files = Object.fromEntries(Object.entries(built).map(([n, b]) => [n, b.file]));
  // Round-robin over the bundles, so a slow moment of the machine touches all of them alike.
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(files).map((n) => [n, []]));
  for (const file of Object.values(files)) initMs(file); // disk cache warm for every run that counts
  for (let i = 0; i < processes; i++) for (const [name, file] of Object.entries(files)) times[name]!.push(initMs(file));
  const functions = Object.fromEntries(
    Object.entries(files).map(([name, file]) => {
      const code = readFileSync(file);
      return [name, { minifiedKB: round(code.length / 1024, 1), gzipKB: round(gzipSync(code).length / 1024, 1), initMsMedian: round(quantile(times[name]!, 0.5), 1), initMsP90: round(quantile(times[name]!, 0.9), 1), heaviestKB: built[name]!.heaviest }];
    }),
  );
  writeFileSync(join(outdir, 'README.txt'), 'Bundles built by bench/cold-start.ts; safe to delete.\n');
  return { processes, node: process.version, sdk: 'external (@aws-sdk/* from the runtime, as NodejsFunction does by default)', functions };
}

if (isMain(import.meta.url)) emit(await runColdStart());
