// Live update delay, measured in a real browser (Debian's Chromium) against the whole local
// system: from the moment a clerk's callNext is sent to the moment the board (1080p) and the
// customer's phone (360 px) show the call. 50 calls, each on a fresh ticket.
import type { Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { startLocal } from '../bin/local/runtime';
import { launchBrowser } from '../test/support/chromium';
import { emit, isMain } from './lib/child';

const branch = 'tel-aviv-center';

// Page scripts are strings: tsx would wrap function literals in a helper the page lacks.
/** Resolves with Date.now() in the page when `selector` first matches (MutationObserver, no polling). */
const whenShown = (page: Page, selector: string) =>
  page.evaluate(`new Promise((resolve) => {
    const seen = () => document.querySelector(${JSON.stringify(selector)}) !== null;
    if (seen()) return resolve(Date.now());
    const obs = new MutationObserver(() => { if (seen()) { obs.disconnect(); resolve(Date.now()); } });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  })`) as Promise<number>;
const isLive = (topic: string) => `window.__dalpakSocket && window.__dalpakSocket.isLive(${JSON.stringify(topic)})`;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

export async function runLiveDelay(calls = 50) {
  if (!existsSync('web/dist/index.html')) throw new Error('Build the web app first (npm run bench does)');
  const system = await startLocal({ port: 0, quiet: true });
  const browser = await launchBrowser();
  try {
    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      (await fetch(`${system.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) })).json() as Promise<any>;
    const clerk = (await call('POST', '/api/auth/sign-in', { email: 'clerk.tlv@dalpak.test', password: 'demo1234' })).token as string;
    const auth = { authorization: `Bearer ${clerk}` };
    const kiosk = { 'x-device-token': system.demoDevices.find((d) => d.kind === 'kiosk' && d.branchId === branch)!.token };
    await call('POST', `/api/branches/${branch}/counters/c1/open`, undefined, auth);
    const board = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-US', bypassCSP: true })).newPage();
    // As the branch's enrolled demo board (issue 7): its token in the link, as npm start prints it.
    await board.goto(`${system.url}/board/${branch}?lang=en#device=${system.demoDevices.find((d) => d.kind === 'board' && d.branchId === branch)!.token}`);
    await board.waitForFunction(isLive(`board:${branch}`));
    const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-US', bypassCSP: true })).newPage();
    const toBoard: number[] = [];
    const toPhone: number[] = [];
    for (let i = 0; i < calls; i++) {
      const taken = await call('POST', `/api/branches/${branch}/tickets`, { serviceId: 'general', channel: 'kiosk', language: 'en', needs: [], deviceId: `bench-live-${i}-${Date.now()}` }, kiosk);
      await phone.goto(`${system.url}/t/${taken.ticket.id}?lang=en#k=${taken.token}`);
      await phone.waitForFunction(isLive(`ticket:${taken.ticket.id}`));
      const phoneShown = whenShown(phone, '[data-testid="called-banner"][data-counter="1"]');
      const boardShown = whenShown(board, `[data-testid="now-serving"][data-number="${taken.ticket.number}"]`);
      const sent = Date.now();
      const called = await call('POST', `/api/branches/${branch}/counters/c1/call-next`, undefined, auth);
      if (called.ticket?.id !== taken.ticket.id) throw new Error(`expected to call ${taken.ticket.number}, got ${called.ticket?.number}`);
      toPhone.push((await phoneShown) - sent);
      toBoard.push((await boardShown) - sent);
      await call('POST', `/api/branches/${branch}/counters/c1/tickets/${taken.ticket.id}/complete`, undefined, auth);
    }
    const summary = (xs: number[]) => ({ p50Ms: pct(xs, 50), p95Ms: pct(xs, 95), maxMs: Math.max(...xs) });
    return { calls, board: summary(toBoard), phone: summary(toPhone) };
  } finally {
    await browser.close();
    await system.stop();
  }
}

if (isMain(import.meta.url)) emit(await runLiveDelay(50));
