import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { baseUrl, jsErrors, launchBrowser, openPage, screenshot } from '../support/browser';

// Live updates in a real browser: the ticket page and the board listen on the WebSocket
// (not only polling), a clerk's call reaches the phone, and a socket killed mid-way comes
// back by itself within seconds, without a reload, and pushes again.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl()}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  return (await res.json()) as any;
}

/** The page's socket state and whether a topic is confirmed ((window as any).__dalpakSocket, see socket.svelte.ts). */
const socketOf = (page: Page, topic: string) =>
  page.evaluate((t) => {
    const s = (window as any).__dalpakSocket!;
    return { state: s.state, live: s.isLive(t) };
  }, topic);
const waitLive = (page: Page, topic: string, timeout = 5000) =>
  page.waitForFunction((t) => (window as any).__dalpakSocket?.isLive(t) === true, topic, { timeout });

it('pushes a call to the phone and the board, and recovers a dropped socket without a reload', async () => {
  const branch = 'haifa-port';
  const taken = await api('POST', `/api/branches/${branch}/tickets`, { serviceId: 'documents', channel: 'mobile', language: 'en', needs: [], deviceId: `live-test-${Date.now()}` });
  const ticketTopic = `ticket:${taken.ticket.id}`;
  const phone = await openPage(browser, { path: `/t/${taken.ticket.id}#k=${taken.token}`, lang: 'en', viewport: 'phone' });
  const board = await openPage(browser, { path: `/board/${branch}`, lang: 'en', viewport: 'board' });
  await phone.getByTestId('ticket-number').filter({ hasText: taken.ticket.number }).waitFor();
  await waitLive(phone, ticketTopic);
  await waitLive(board, `board:${branch}`);

  // "Notify me": offered while waiting; this offline machine has no push service, so turning it
  // on must end in words (on, or a plain failure), never a dead button or a script error.
  await phone.context().grantPermissions(['notifications'], { origin: baseUrl() });
  const notify = phone.getByTestId('notify-me');
  await notify.getByRole('button', { name: 'Notify me on this phone' }).click();
  await phone.locator('[data-testid="notify-me"][data-state="on"]').or(phone.getByText('Could not turn on notifications here. Keep this page open, or rely on SMS or email.')).waitFor();
  await screenshot(phone, 'live-1-ticket-notify-en-phone');

  // The clerk calls it: the phone says which counter, through the push.
  const clerk = (await api('POST', '/api/auth/sign-in', { email: 'clerk.haifa@dalpak.test', password: 'demo1234' })).token as string;
  const auth = { authorization: `Bearer ${clerk}` };
  await api('POST', `/api/branches/${branch}/counters/c1/open`, undefined, auth);
  let calledId: string | undefined;
  for (let i = 0; i < 30 && calledId !== taken.ticket.id; i++) {
    const next = await api('POST', `/api/branches/${branch}/counters/c1/call-next`, undefined, auth);
    calledId = next.ticket?.id;
    if (!calledId) break;
    if (calledId !== taken.ticket.id) await api('POST', `/api/branches/${branch}/counters/c1/tickets/${calledId}/no-show`, undefined, auth);
  }
  expect(calledId).toBe(taken.ticket.id);
  await phone.getByText(/counter 1/i).first().waitFor({ timeout: 5000 });
  await board.getByText(taken.ticket.number).first().waitFor({ timeout: 5000 });

  // Kill the phone's socket: it reconnects and subscribes again by itself.
  await phone.evaluate(() => ((window as any).__dalpakSocket as { ws: WebSocket }).ws.close());
  await phone.waitForFunction(() => (window as any).__dalpakSocket?.state !== 'open', undefined, { timeout: 2000 });
  await waitLive(phone, ticketTopic, 5000);
  expect(await socketOf(phone, ticketTopic)).toEqual({ state: 'open', live: true });

  // And pushes again: after a recall the page re-reads its ticket at once (while pushes flow,
  // its polling safety net is 30 s, so a re-read within 5 s can only come from the push).
  const reread = phone.waitForRequest((r) => r.url().includes(`/api/tickets/${taken.ticket.id}`), { timeout: 5000 });
  await api('POST', `/api/branches/${branch}/counters/c1/tickets/${taken.ticket.id}/recall`, undefined, auth);
  await reread;
  await phone.getByTestId('called-banner').waitFor();

  expect(jsErrors(phone)).toEqual([]);
  expect(jsErrors(board)).toEqual([]);
  for (const p of [phone, board]) await p.context().close();
});
