// `npm start`: the whole Dalpak on this machine. Flags: --persist (or DALPAK_PERSIST=1) keeps
// data under .data/ between runs; --all-day (or DALPAK_DEMO_ALL_DAY=1) opens the demo branches
// around the clock (a demo or a smoke run at night); PORT picks the port (default 3000).
import { resolve } from 'node:path';
import { demoBranches, demoUsers } from '../functions/seed/demo';
import { openDemoBranchesAllDay } from '../functions/seed/open-all-day';
import { startLocal } from './local/runtime';

const persist = process.argv.includes('--persist') || process.env.DALPAK_PERSIST === '1';
const allDay = process.argv.includes('--all-day') || process.env.DALPAK_DEMO_ALL_DAY === '1';
const port = Number(process.env.PORT ?? 3000);

try {
  const system = await startLocal({ port, demoHistory: true, dataDir: persist ? resolve(process.env.DALPAK_DATA_DIR ?? '.data') : undefined });
  if (allDay) await openDemoBranchesAllDay();
  const b = demoBranches[0]?.branch.id ?? 'tel-aviv-center';
  // Pre-enrolled demo devices: the link hands the kiosk/board its token once (then kept in the browser).
  const enrolled = (kind: 'kiosk' | 'board') => {
    const d = system.demoDevices.find((x) => x.branchId === b && x.kind === kind);
    return `${system.url}/${kind}/${b}${d ? `#device=${d.token}` : ''}`;
  };
  console.log(`
Dalpak is running at ${system.url}  (DynamoDB Local: ${system.dynamoEndpoint}, ${persist ? 'data kept in .data/' : 'in memory'}${allDay ? ', demo branches open all day' : ''})

  Customer         ${system.url}/
  Kiosk            ${enrolled('kiosk')}
  Staff console    ${system.url}/staff
  Display board    ${enrolled('board')}
                   (demo kiosk and board, enrolled for this run; ${system.url}/kiosk/${b} alone shows a code
                    that a manager confirms in Staff → Devices)
  OpenAPI          ${system.url}/api/openapi.json
  Local outbox     ${system.url}/dev/outbox   (what email, SMS and push would have sent)

Demo sign-ins (password for all: ${demoUsers[0]?.password}):
${demoUsers.map((u) => `  ${u.email.padEnd(26)} ${u.roles.join(',').padEnd(8)} ${u.branches.join(', ')}`).join('\n')}

${system.demoBookings.length ? `\nDemo bookings (check in with the code at the kiosk, "I have an appointment"):\n${system.demoBookings.map((b) => `  ${b.code}  ${b.status.padEnd(10)} ${new Date(b.start).toLocaleString('en-GB', { timeZone: 'Asia/Jerusalem', dateStyle: 'short', timeStyle: 'short' })}  ${b.branchId}`).join('\n')}\n` : ''}${system.demoOrders.length ? `\nDemo pickup orders (check in with the code at the kiosk):\n${system.demoOrders.map((o) => `  ${o.code}  ${o.status.padEnd(10)} ${o.branchId}`).join('\n')}\n` : ''}
Ctrl-C stops everything (DynamoDB Local included).`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await system.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (e) {
  console.error(`\nDalpak could not start: ${(e as Error).message}`);
  process.exit(1);
}
