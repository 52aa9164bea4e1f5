// `npm run bench`: runs every benchmark, prints the figures and writes bench/results.json.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { runEstimateError } from './estimate-error';
import { runBranchDay } from './branch-day';
import { runLiveDelay } from './live-delay';

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  command: 'npm run bench',
  branchDay: runBranchDay(),
  estimateError: runEstimateError(42),
  liveDelay: await runLiveDelay(50),
};

const day = results.branchDay;
console.log(`\n1. A branch day (seed ${day.setup.seed}, ${day.setup.hours} h, ${day.setup.counters} counters): in-branch wait in minutes by class`);
for (const [name, r] of [['Dalpak (pickup counter also calls walk-ins)', day.dalpak], ['Dalpak, dedicated pickup counter', day.dalpakDedicatedPickupCounter], ['one FIFO line, nothing ahead', day.fifoNoPreorder]] as const) {
  console.log(`\n${name}: pickup in branch p50 ${r.pickupInBranchMinutes.p50}, p90 ${r.pickupInBranchMinutes.p90} min`);
  console.table(r.inBranchWaitMinutes);
  if (r.remoteEstimate) console.log('remote tickets, estimate at joining vs their turn:', r.remoteEstimate);
  if ('erlangC' in r) console.log('Erlang C (M/M/c) reference for this load:', r.erlangC);
}
console.log('\nWait estimates on a day where service slows after lunch (seed 42)');
console.table(results.estimateError);
console.log('\n6. Live update delay: clerk calls next → shown on the board and the phone (ms, 50 calls, Chromium)');
console.table({ board: results.liveDelay.board, phone: results.liveDelay.phone });
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
console.log('written bench/results.json');
