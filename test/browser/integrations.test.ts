import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifySignature } from '../../functions/domain/webhooks';
import { baseUrl, jsErrors, launchBrowser, openPage, screenshot, seriousA11yViolations, type Lang, type ViewportName } from '../support/browser';

// Integrations in the staff face: a manager adds a webhook for an integrator's system (here a
// small receiver this test runs on 127.0.0.1), sees its signing secret once, a ticket taken at the
// branch reaches the receiver signed (checked with the documented recipe), and the list shows the
// delivery; in Hebrew on a phone the list reads right to left, a failing webhook stands out, and a
// webhook is removed after a confirmation. A clerk is not offered the tab (and the API refuses them).
//
// The receiver listens on this machine: against an external system (DALPAK_BASE_URL) it must run here too.
let browser: Browser;
let receiver: Server;
let receiverUrl = '';
let downUrl = '';
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const branchId = 'tel-aviv-center';
const password = 'demo1234';

beforeAll(async () => {
  browser = await launchBrowser();
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/dalpak-events`;
  // A port that nobody answers on: a receiver that is down.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  downUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/down`;
  await new Promise((resolve) => closed.close(resolve));
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function call(method: string, path: string, opts: { body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(`${baseUrl()}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  return { status: res.status, body: (await res.json()) as any };
}
const takeTicket = (label: string) =>
  call('POST', `/api/branches/${branchId}/tickets`, { body: { serviceId: 'general', channel: 'mobile', language: 'en', deviceId: `hook-${label}-${Date.now()}` } });
const webhooksOf = async (token: string) => (await call('GET', `/api/branches/${branchId}/webhooks`, { token })).body.webhooks as any[];

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const words = {
  en: { email: 'Email', password: 'Password', signIn: 'Sign in', tab: 'Integrations', branch: 'Branch' },
  he: { email: 'דוא״ל', password: 'סיסמה', signIn: 'כניסה', tab: 'אינטגרציות', branch: 'סניף' },
};

/** Signs in on the staff face and opens the Integrations tab of the test branch. */
async function openIntegrations(email: string, lang: Lang, viewport: ViewportName): Promise<Page> {
  const page = await openPage(browser, { path: '/staff', lang, viewport });
  const w = words[lang];
  await page.getByLabel(w.email).fill(email);
  await page.getByLabel(w.password).fill(password);
  await page.getByRole('button', { name: w.signIn }).click();
  await page.getByRole('link', { name: w.tab }).click();
  await page.locator('h1', { hasText: w.tab }).waitFor();
  await page.getByLabel(w.branch).selectOption(branchId);
  return page;
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const cardOf = (page: Page, url: string) => page.locator(`[data-testid="webhook"][data-webhook-url="${url}"]`);

it('a manager adds a webhook in English, sees the secret once, and a taken ticket arrives signed and shows as delivered', async () => {
  const page = await openIntegrations('manager@dalpak.test', 'en', 'board');
  await page.getByRole('heading', { name: /^Webhooks/ }).waitFor();
  await page.getByRole('button', { name: 'Add webhook' }).click();
  const url = page.getByLabel('Address');

  // Nothing typed: both problems said at their field, before anything is sent.
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByText('Enter a full web address, such as https://example.com/dalpak.').waitFor();
  await page.getByText('Choose at least one event.').waitFor();
  expect(await url.getAttribute('aria-invalid')).toBe('true');

  // Plain http to another machine: the server refuses it, and the form says why at the address.
  await url.fill('http://example.com/hook');
  await page.getByRole('checkbox', { name: /^Ticket taken/ }).check();
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByText('Use an address that starts with https:// (a secure connection).').waitFor();
  expect(await page.getByText('Choose at least one event.').count()).toBe(0);

  await url.fill(receiverUrl);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await screenshot(page, 'integrations-1-add-en-board');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Add', exact: true }).click();

  // The secret, once: to copy, with the note that it will not be shown again and how to verify.
  const panel = page.getByTestId('webhook-secret');
  await panel.getByText('it is shown only this once').waitFor();
  await panel.getByText('Dalpak-Signature: t=…,v1=HMAC-SHA256(secret, "t.body")').waitFor();
  const secret = await panel.getByLabel('Secret for this webhook').inputValue();
  expect(secret.length).toBeGreaterThan(30);
  await panel.getByRole('button', { name: 'Copy secret' }).waitFor();
  const card = cardOf(page, receiverUrl);
  await card.getByText('Ticket taken').waitFor();
  await card.getByText('Nothing sent yet').waitFor();
  await screenshot(page, 'integrations-2-secret-en-board');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await panel.getByRole('button', { name: 'I have stored it' }).click();
  await panel.waitFor({ state: 'detached' });
  expect(await page.getByRole('button', { name: 'Add webhook' }).evaluate((b) => b === document.activeElement)).toBe(true);
  await page.reload();
  await page.getByLabel('Branch').selectOption(branchId);
  await cardOf(page, receiverUrl).waitFor();
  expect(await page.content()).not.toContain(secret); // never shown again

  // A ticket taken at the branch: the receiver gets a POST signed with that secret.
  const taken = await takeTicket('en');
  expect(taken.status).toBe(201);
  const delivery = await until('the signed delivery', () => received.find((r) => r.body.includes(taken.body.ticket.id)));
  expect(delivery.headers['dalpak-event']).toBe('ticket.created');
  expect(verifySignature(secret, String(delivery.headers['dalpak-signature']), delivery.body, Date.now())).toBe(true);
  expect(verifySignature(`${secret}x`, String(delivery.headers['dalpak-signature']), delivery.body, Date.now())).toBe(false);
  expect(JSON.parse(delivery.body)).toMatchObject({ type: 'ticket.created', branchId, data: { ticketId: taken.body.ticket.id } });

  // The list refreshes by itself: delivered, with the receiver's HTTP status.
  const delivered = page.locator(`[data-testid="webhook"][data-webhook-url="${receiverUrl}"][data-last-status="delivered"]`);
  await delivered.waitFor({ timeout: 30_000 });
  await delivered.getByText('Delivered', { exact: true }).waitFor();
  await delivered.getByText('HTTP 204').waitFor();
  await screenshot(page, 'integrations-3-delivered-en-board');
  expect(await seriousA11yViolations(page)).toEqual([]);
  expect(jsErrors(page)).toEqual([]);
  await page.context().close();
}, 180_000);

it('in Hebrew on a phone: a failing webhook stands out, the list reads right to left, and a webhook is removed after asking', async () => {
  // A second webhook whose receiver is down: a ticket later it is marked failed (after its retries).
  const token = (await call('POST', '/api/auth/sign-in', { body: { email: 'manager@dalpak.test', password } })).body.token as string;
  expect((await call('POST', `/api/branches/${branchId}/webhooks`, { token, body: { url: downUrl, events: ['ticket.created', 'ticket.called', 'order.ready'] } })).status).toBe(201);
  expect((await takeTicket('down')).status).toBe(201);
  await until('the failed delivery', async () => (await webhooksOf(token)).find((w) => w.url === downUrl && w.lastStatus === 'failed'), 60_000);

  const page = await openIntegrations('manager@dalpak.test', 'he', 'phone');
  const failing = page.locator(`[data-testid="webhook"][data-webhook-url="${downUrl}"][data-last-status="failed"]`);
  await failing.getByText('נכשל', { exact: true }).waitFor();
  await failing.getByText('אין תשובה').waitFor();
  await failing.getByTestId('webhook-failures').getByText('נכשל פעם אחת').waitFor();
  await cardOf(page, receiverUrl).getByText('נמסר', { exact: true }).waitFor();
  expect(await page.getAttribute('html', 'dir')).toBe('rtl');
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await screenshot(page, 'integrations-4-list-he-phone');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Adding in Hebrew at 360 px: the groups stack, nothing overflows, the secret reads right.
  const ordersUrl = receiverUrl.replace(/dalpak-events$/, 'orders');
  await page.getByRole('button', { name: 'הוספת webhook' }).click();
  await page.getByLabel('כתובת', { exact: true }).fill(ordersUrl);
  await page.getByRole('group', { name: 'הזמנות לאיסוף' }).getByRole('checkbox', { name: /^ההזמנה מוכנה לאיסוף/ }).check();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await screenshot(page, 'integrations-5-add-he-phone');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'הוספה', exact: true }).click();
  const panel = page.getByTestId('webhook-secret');
  await panel.getByText('הוא מוצג רק הפעם').waitFor();
  expect((await panel.getByLabel('המפתח של הכתובת הזאת').inputValue()).length).toBeGreaterThan(30);
  await cardOf(page, ordersUrl).getByText('ההזמנה מוכנה לאיסוף').waitFor();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await screenshot(page, 'integrations-5b-secret-he-phone');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await panel.getByRole('button', { name: 'שמרתי אותו' }).click();
  await panel.waitFor({ state: 'detached' });

  // Remove the failing one: asked first ("keep" is the safe answer), then gone and said so.
  await failing.getByRole('button', { name: 'הסרה' }).click();
  await failing.getByText(/^להפסיק לשלוח אירועים אל/).waitFor();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await screenshot(page, 'integrations-6-remove-he-phone');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await failing.getByRole('button', { name: 'כן, להסיר' }).click();
  await cardOf(page, downUrl).waitFor({ state: 'detached' });
  await page.getByTestId('webhooks-info').getByText(/^הוסרה: לא יישלח עוד דבר אל/).waitFor();
  expect((await webhooksOf(token)).some((w) => w.url === downUrl)).toBe(false);
  expect(jsErrors(page)).toEqual([]);
  await page.context().close();

  // The other two pairings of language and size, for the record; each then removes one of the rest.
  for (const [lang, viewport, gone] of [['he', 'board', ordersUrl], ['en', 'phone', receiverUrl]] as const) {
    const other = await openIntegrations('manager@dalpak.test', lang, viewport);
    await cardOf(other, gone).waitFor();
    expect(await horizontalOverflow(other)).toBeLessThanOrEqual(0);
    await screenshot(other, `integrations-7-list-${lang}-${viewport}`);
    expect(await seriousA11yViolations(other)).toEqual([]);
    const [remove, yes, said] = lang === 'en' ? ['Remove', 'Yes, remove', /^Removed: nothing more is sent to/] : ['הסרה', 'כן, להסיר', /^הוסרה: לא יישלח עוד דבר אל/];
    await cardOf(other, gone).getByRole('button', { name: remove }).click();
    await cardOf(other, gone).getByRole('button', { name: yes }).click();
    await cardOf(other, gone).waitFor({ state: 'detached' });
    await other.getByTestId('webhooks-info').getByText(said).waitFor();
    expect(jsErrors(other)).toEqual([]);
    await other.context().close();
  }
  expect((await webhooksOf(token)).filter((w) => [receiverUrl, ordersUrl, downUrl].includes(w.url))).toEqual([]);
}, 180_000);

it('a clerk is not offered Integrations, is told so at its address, and the API refuses them', async () => {
  const page = await openPage(browser, { path: '/staff', lang: 'en', viewport: 'board' });
  await page.getByLabel('Email').fill('clerk.tlv@dalpak.test');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Bookings' }).waitFor();
  expect(await page.getByRole('link', { name: 'Integrations' }).count()).toBe(0);
  await page.goto(new URL('/staff/integrations', baseUrl()).toString());
  await page.getByTestId('integrations-managers-only').getByText('Only a manager of the branch can see and change its integrations.').waitFor();
  const token = await page.evaluate(() => sessionStorage.getItem('dalpak.staff.token'));
  expect((await call('GET', `/api/branches/${branchId}/webhooks`, { token: token! })).status).toBe(403);
  expect(jsErrors(page)).toEqual([]);
  await page.context().close();
});
