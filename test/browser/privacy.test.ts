import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { baseUrl, jsErrors, launchBrowser, openPage, screenshot, seriousA11yViolations } from '../support/browser';

// The Customer data tab (issue 7): a customer leaves a phone ticket; the manager, in Hebrew (RTL)
// on a 360 px phone and by keyboard, finds it by the phone in the chosen branch, downloads the
// data as JSON, erases it after a confirm step and is told what was erased; searching again, in
// the tab and through the API, finds nothing. A clerk is not offered the tab.
let browser: Browser;
const branchId = 'tel-aviv-center';
const password = 'demo1234';
const run = Date.now().toString(36);
const shots = process.env.PRIVACY_SHOTS_DIR ?? '/tmp/shots-privacy';
// A phone of this run only (the one-active-ticket lock and the index are per phone).
const phone = `052-${String(Date.now()).slice(-7)}`;
const name = `Privacy Web ${run}`;

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl()}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
}
async function staffAuth(email: string) {
  const res = await api('POST', '/api/auth/sign-in', { email, password });
  expect(res.status).toBe(200);
  return { authorization: `Bearer ${res.body.token as string}` };
}
async function shot(page: Page, file: string) {
  copyFileSync(await screenshot(page, file), `${shots}/${file}.png`);
}
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

it('a manager in Hebrew on a 360 px phone, by keyboard: finds the phone ticket, downloads it as JSON, erases it, and nothing is found after', async () => {
  // The customer: a phone ticket with a name and a phone, then cancelled (the queue stays as it was; the data stays held).
  const taken = await api('POST', `/api/branches/${branchId}/tickets`, { serviceId: 'general', channel: 'mobile', language: 'he', contact: { name, phone }, deviceId: `privacy-web-${run}` });
  expect(taken.status, JSON.stringify(taken.body)).toBe(201);
  const ticketId = taken.body.ticket.id as string;
  expect((await api('POST', `/api/tickets/${ticketId}/actions`, { action: 'cancel' }, { 'x-customer-token': taken.body.token })).status).toBe(200);

  const page = await openPage(browser, { path: '/staff', lang: 'he', viewport: 'phone' });
  expect(await page.getAttribute('html', 'dir')).toBe('rtl');
  await page.getByLabel('דוא״ל', { exact: true }).fill('manager@dalpak.test');
  await page.getByLabel('סיסמה').fill(password);
  await page.getByRole('button', { name: 'כניסה' }).click();
  await page.getByRole('link', { name: 'נתוני לקוחות', exact: true }).click();
  await page.locator('h1', { hasText: 'נתוני לקוחות' }).waitFor();
  await page.getByLabel('סניף', { exact: true }).selectOption(branchId);
  await page.getByTestId('privacy-scope').getByText(/בלבד/).waitFor();
  expect(await page.getByTestId('privacy-scope').textContent()).toContain('תל אביב');

  const form = page.getByTestId('privacy-form');
  const phoneField = form.getByLabel('טלפון', { exact: true });
  // Nothing typed: said at the phone field, nothing sent.
  await form.getByRole('button', { name: 'חיפוש' }).focus();
  await page.keyboard.press('Enter');
  await form.getByText('יש להזין טלפון או דוא״ל.').waitFor();
  expect(await phoneField.getAttribute('aria-invalid')).toBe('true');
  expect(await phoneField.evaluate((el) => el === document.activeElement)).toBe(true);
  // Not a phone: the server's 400, said at the phone field.
  await page.keyboard.type('call me');
  await page.keyboard.press('Enter');
  await form.getByText('יש להזין מספר טלפון, למשל 050-1234567.').waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The phone, by keyboard; Enter searches; the answer's heading takes the focus.
  await phoneField.fill('');
  await page.keyboard.type(phone);
  await page.keyboard.press('Enter');
  const result = page.getByTestId('privacy-result');
  const ticket = result.locator('li', { hasText: ticketId });
  await ticket.getByText('מספר בתור').waitFor();
  await ticket.getByText('בוטל').waitFor();
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
  expect(await result.textContent()).not.toContain(name); // no names needed on screen
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await shot(page, 'privacy-1-found-he-360');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Download as JSON: the file holds the customer's name.
  await page.keyboard.press('Tab');
  expect(await focusedText(page)).toBe('הורדה כ-JSON');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/^dalpak-tel-aviv-center-customer-data-.*\.json$/);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(JSON.stringify(exported)).toContain(name);
  expect(exported.items.map((i: { kind: string; id: string }) => `${i.kind}:${i.id}`)).toContain(`ticket:${ticketId}`);
  await result.getByText('הקובץ ירד').waitFor();

  // Erase: the question says what goes and that the statistics stay; the keyboard lands on "keep".
  await page.keyboard.press('Tab');
  expect(await focusedText(page)).toBe('מחיקה');
  await page.keyboard.press('Enter');
  await result.getByText(/לצמיתות.*הסטטיסטיקה לא משתנה/).waitFor();
  expect(await focusedText(page)).toBe('להשאיר');
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await shot(page, 'privacy-2-erase-question-he-360');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.keyboard.press('Shift+Tab');
  expect(await focusedText(page)).toBe('כן, למחוק');
  await page.keyboard.press('Enter');
  const erased = page.getByTestId('privacy-erased');
  await erased.getByRole('heading', { name: 'נמחק' }).waitFor();
  await erased.getByText('מספר בתור: 1').waitFor();
  await erased.getByText(/מחיקה נוספת של הפרטים האלה לא תמצא דבר/).waitFor();
  expect(await result.count()).toBe(0);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await shot(page, 'privacy-3-erased-he-360');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Again: nothing, in the tab and through the API.
  await form.getByRole('button', { name: 'חיפוש' }).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('privacy-nothing').waitFor();
  expect(await erased.count()).toBe(0);
  const auth = await staffAuth('manager@dalpak.test');
  const again = await api('POST', `/api/branches/${branchId}/privacy/search`, { phone }, auth);
  expect(again.status).toBe(200);
  expect(again.body.items).toEqual([]);
  expect(JSON.stringify((await api('POST', `/api/branches/${branchId}/privacy/export`, { phone }, auth)).body)).not.toContain(name);
  await shot(page, 'privacy-4-nothing-he-360');
  expect(jsErrors(page)).toEqual([]);
  await page.context().close();
}, 120_000);

it('does not offer the tab to a clerk in English at 1920, and says so at its address', async () => {
  const page = await openPage(browser, { path: '/staff', lang: 'en', viewport: 'board' });
  await page.getByLabel('Email', { exact: true }).fill('clerk.tlv@dalpak.test');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Pickup orders' }).waitFor();
  expect(await page.getByRole('link', { name: 'Customer data', exact: true }).count()).toBe(0);
  await page.goto(new URL('/staff/privacy?lang=en', baseUrl()).toString());
  await page.getByTestId('privacy-managers-only').waitFor();
  expect(await page.getByTestId('privacy-form').count()).toBe(0);
  expect(await seriousA11yViolations(page)).toEqual([]);
  expect(jsErrors(page)).toEqual([]);
  await page.context().close();
}, 60_000);
