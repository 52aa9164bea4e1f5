// `npm run bench`: runs every benchmark, prints the figures and writes bench/results.json.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { runEstimateError } from './estimate-error';
import { runPickupDay } from './pickup-day';
import { runLiveDelay } from './live-delay';

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  estimateError: runEstimateError(42),
  pickupDay: runPickupDay(7),
  liveDelay: await runLiveDelay(50),
};

console.log('\nWait estimates on a generated day (seed 42)');
console.table(results.estimateError);
console.log('\nA busy day with click-and-collect (seed 7): minutes, Dalpak policy vs one FIFO line without ordering ahead');
console.log(results.pickupDay.setup);
console.table(results.pickupDay.minutes);
console.log('\nLive update delay: clerk calls next → shown on the board and the phone (ms, 50 calls, Chromium)');
console.table({ board: results.liveDelay.board, phone: results.liveDelay.phone });
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
console.log('written bench/results.json');
