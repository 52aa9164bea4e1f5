// `npm run bench`: runs every benchmark (issue 9), prints the figures and writes
// bench/results.json. The simulations run here; everything that starts DynamoDB Local, the
// local system or a browser runs in a process of its own (bench/lib/child.ts), one at a time.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { runBranchDay } from './branch-day';
import { runEstimateError } from './estimate-error';
import { inChild } from './lib/child';
import type { runHotPath } from './hot-path';
import type { runApiLatency } from './api-latency';
import type { runColdStart } from './cold-start';
import type { runWebWeight } from './web-weight';
import type { runLiveDelay } from './live-delay';

type Of<F extends (...a: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
const started = Date.now();
const step = async <T>(name: string, run: () => T | Promise<T>): Promise<T> => {
  process.stderr.write(`[bench] ${name}…\n`);
  const t0 = Date.now();
  const r = await run();
  process.stderr.write(`[bench] ${name}: ${Math.round((Date.now() - t0) / 1000)} s\n`);
  return r;
};

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  command: 'npm run bench',
  branchDay: await step('1. branch day simulation', () => runBranchDay()),
  estimateError: await step('1b. estimate error while service slows', () => runEstimateError(42)),
  hotPath: await step('2. hot path: DynamoDB requests per operation', () => inChild<Of<typeof runHotPath>>('hot-path.ts')),
  apiLatency: await step('3. API latency at 1, 10, 50 clients', () => inChild<Of<typeof runApiLatency>>('api-latency.ts')),
  coldStart: await step('4. Lambda bundles and cold start', () => inChild<Of<typeof runColdStart>>('cold-start.ts')),
  webWeight: await step('5. web weight and Lighthouse', () => inChild<Of<typeof runWebWeight>>('web-weight.ts')),
  liveDelay: await step('6. live update delay', () => inChild<Of<typeof runLiveDelay>>('live-delay.ts')),
  seconds: 0,
};
results.seconds = Math.round((Date.now() - started) / 1000);

const day = results.branchDay;
console.log(`\n1. A branch day (seed ${day.setup.seed}, ${day.setup.hours} h, ${JSON.stringify(day.setup.customers)}, ${day.setup.counters} counters): minutes`);
for (const [name, r] of [
  ['Dalpak (the pickup counter also calls walk-ins)', day.dalpak],
  ['Dalpak, dedicated pickup counter', day.dalpakDedicatedPickupCounter],
  ['Baseline: one FIFO line, same staff, nothing joined, booked or ordered ahead', day.fifoNoPreorder],
] as const) {
  console.log(`\n${name}. In-branch wait by class; pickup time in the branch p50 ${r.pickupInBranchMinutes.p50}, p90 ${r.pickupInBranchMinutes.p90}`);
  console.table(r.inBranchWaitMinutes);
  if (r.remoteEstimate) console.log('Remote tickets, the wait shown at joining vs when their turn came:', r.remoteEstimate);
  if ('erlangC' in r) console.log('Erlang C (M/M/c) for the same load:', r.erlangC);
}
console.log('\n1b. Wait estimates on a day where service slows after lunch (seed 42)');
console.table(results.estimateError);

console.log(`\n2. DynamoDB requests per API operation (mean of ${results.hotPath.callsPerOperation} calls, real handlers on DynamoDB Local)`);
console.table(results.hotPath.ops);

console.log('\n3. API latency through the local runtime (ms) vs the raw DynamoDB Local round trip of the same write or read');
const lat = results.apiLatency;
console.table(
  Object.fromEntries(
    Object.entries(lat.latency).flatMap(([op, byLevel]) =>
      Object.entries(byLevel as Record<string, Record<string, any>>).map(([c, r]) => {
        const rawName = Object.keys(r).find((k) => k !== 'api')!;
        const ratio = (lat.apiOverRaw as Record<string, Record<string, { p50Ratio: number; p99Ratio: number }>>)[op]![c]!;
        return [`${op} × ${c}`, { apiP50: r.api.p50Ms, apiP99: r.api.p99Ms, rps: r.api.requestsPerSecond, non2xx: r.api.non2xx + (r.api.refusals && Object.keys(r.api.refusals).length ? ` ${JSON.stringify(r.api.refusals)}` : ''), raw: rawName, rawP50: r[rawName].p50Ms, rawP99: r[rawName].p99Ms, p50Ratio: ratio.p50Ratio, p99Ratio: ratio.p99Ratio }];
      }),
    ),
  ),
);

console.log(`\n4. Lambda bundles (${results.coldStart.sdk}) and module init (ms, ${results.coldStart.processes} fresh processes)`);
console.table(results.coldStart.functions);

console.log('\n5. Web weight per face (first load) and Lighthouse mobile');
console.table(results.webWeight.bytes);
console.table(results.webWeight.lighthouseMobile);

console.log('\n6. Live update delay: clerk calls next → shown on the board and the phone (ms, 50 calls, Chromium)');
console.table({ board: results.liveDelay.board, phone: results.liveDelay.phone });

writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
console.log(`\nwritten bench/results.json (${results.seconds} s)`);
