import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDemoBranchesAllDay } from '../../functions/seed/open-all-day';

// One whole local Dalpak (DynamoDB Local, demo seed, handlers, built web app) for the browser
// suite. DALPAK_BASE_URL points the suite at a system that is already running instead.
let system: { stop(): Promise<void> } | undefined;

export async function setup(project: TestProject) {
  const external = process.env.DALPAK_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    project.provide('demoDevices', {});
    return;
  }
  // DALPAK_WEB_DIST: a build of its own (parallel work on one checkout builds elsewhere).
  if (!existsSync(resolve(process.env.DALPAK_WEB_DIST ?? 'web/dist', 'index.html'))) {
    throw new Error('The web app is not built: run `npm run build:web` first (`npm run test:browser` does it).');
  }
  // Lazy: the runtime pulls in every handler; only load it when this suite actually runs.
  const { startLocal } = await import('../../bin/local/runtime');
  const started = await startLocal({ port: 0, quiet: true });
  system = started;
  // Every journey runs at any hour, "I'm here" on the phone included.
  await openDemoBranchesAllDay();
  project.provide('baseUrl', started.url);
  // The pre-enrolled demo kiosk and board of each branch (as `npm start` prints them): openPage uses them.
  project.provide('demoDevices', Object.fromEntries(started.demoDevices.map((d) => [`${d.kind}:${d.branchId}`, d.token])));
}

export async function teardown() {
  await system?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** `kiosk:<branch>` / `board:<branch>` → a demo device token (absent against DALPAK_BASE_URL). */
    demoDevices: Record<string, string>;
  }
}
