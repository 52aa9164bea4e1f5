// The whole local system (`npm start`'s runtime: DynamoDB Local, handlers, stream consumers,
// web) in a process of its own, so a load generator does not share its event loop. Prints
// `READY <json>` with the URL, DynamoDB Local's endpoint and the table; stops on SIGTERM or
// when its parent goes away.
import { startLocal } from '../../bin/local/runtime';

const system = await startLocal({ port: 0, quiet: true });
// The benchmarks run at any hour: the demo branches are open around the clock here.
await (await import('../../functions/seed/open-all-day')).openDemoBranchesAllDay();
// The pre-enrolled demo kiosks and boards (issue 7): `kiosk:<branch>` → device token.
const devices = Object.fromEntries(system.demoDevices.map((d) => [`${d.kind}:${d.branchId}`, d.token]));
process.stdout.write(`READY ${JSON.stringify({ url: system.url, dynamoEndpoint: system.dynamoEndpoint, tableName: system.tableName, devices })}\n`);
const stop = () => void system.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// The parent holds our stdin: if it dies without a word, the pipe closes and we stop too.
process.stdin.on('data', () => {}).once('end', stop);
