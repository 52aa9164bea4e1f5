// `npm run bench`: runs every benchmark, prints the figures and writes bench/results.json.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { runEstimateError } from './estimate-error';

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  estimateError: runEstimateError(42),
};

console.log('\nWait estimates on a generated day (seed 42)');
console.table(results.estimateError);
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
console.log('written bench/results.json');
