import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { baseUrl, jsErrors, launchBrowser, openPage, screenshot, seriousA11yViolations, pickupWindowWithMargin } from '../support/browser';

// Customer feedback in a real browser (issue 8): the one-question survey after a finished visit
// (ticket and pickup order), "talk to a person" reaching the branch's call-back list, and the
// order flow's checkout closed by the order placed through it. Staff steps go through the API.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const branch = 'haifa-port';

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl()}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
}
async function staffAuth(email: string) {
  const res = await api('POST', '/api/auth/sign-in', { email, password: 'demo1234' });
  expect(res.status).toBe(200);
  return { authorization: `Bearer ${res.body.token as string}` };
}
const moments = async (auth: Record<string, string>) => (await api('GET', `/api/branches/${branch}/moments?status=all`, undefined, auth)).body.moments as any[];
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A mobile ticket with a contact, called (earlier leftovers are no-shows), served and completed at counter 1. */
async function finishedTicket(language: 'he' | 'en', name: string) {
  const taken = await api('POST', `/api/branches/${branch}/tickets`, {
    serviceId: 'documents',
    channel: 'mobile',
    language,
    contact: { name, phone: '050-555-0101' },
    deviceId: `feedback-${unique()}`,
  });
  expect(taken.status).toBe(201);
  const auth = await staffAuth('clerk.haifa@dalpak.test');
  await api('POST', `/api/branches/${branch}/counters/c1/open`, {}, auth);
  const at = (verb: string, id: string) => api('POST', `/api/branches/${branch}/counters/c1/tickets/${id}/${verb}`, {}, auth);
  for (let i = 0; i < 40; i++) {
    const next = await api('POST', `/api/branches/${branch}/counters/c1/call-next`, {}, auth);
    if (next.status === 409) {
      // A customer left at the counter by an earlier run: finish them first.
      const q = await api('GET', `/api/branches/${branch}/queue`, undefined, auth);
      const stuck = (q.body.inService as any[]).find((t) => t.counterId === 'c1')?.id;
      if (stuck) await at('no-show', stuck).then((r) => (r.status === 200 ? r : at('complete', stuck)));
      continue;
    }
    const id = next.body.ticket?.id as string | undefined;
    expect(id, 'our ticket is in the line').toBeDefined();
    if (id === taken.body.ticket.id) break;
    await at('no-show', id!);
  }
  expect((await at('start', taken.body.ticket.id)).status).toBe(200);
  expect((await at('complete', taken.body.ticket.id)).status).toBe(200);
  return { id: taken.body.ticket.id as string, token: taken.body.token as string, auth };
}

/** Tab until the focused element matches (keyboard only: no clicks). */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

it('asks how a finished visit was: answered by keyboard alone at 360 px, thanked, stored once with its comment', async () => {
  const name = `Survey ${unique()}`;
  const ticket = await finishedTicket('en', name);
  const phone = await openPage(browser, { path: `/t/${ticket.id}#k=${ticket.token}`, lang: 'en', viewport: 'phone' });
  const survey = phone.getByRole('group', { name: 'How was your visit?' });
  await survey.waitFor();
  expect(await survey.getByRole('radio').count()).toBe(5);
  // Every score is a big enough target at 360 px.
  for (const box of await phone.locator('[data-testid="survey"] label:has(input[type=radio])').evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect()))) {
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
  }
  expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
  expect(await seriousA11yViolations(phone)).toEqual([]);

  // Sending with no score says so, in words, and nothing is stored.
  await tabTo(phone, '[data-testid="survey"] button[type=submit]');
  await phone.keyboard.press('Enter');
  await phone.getByText('Choose a score from 1 to 5.').waitFor();
  expect((await api('GET', `/api/surveys/ticket/${ticket.id}`, undefined, { 'x-customer-token': ticket.token })).body).toMatchObject({ open: true, answered: false });

  // The keyboard lands on score 1 (the form sends focus there); arrows move to 4.
  expect(await phone.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('1');
  for (let i = 0; i < 3; i++) await phone.keyboard.press('ArrowRight');
  expect(await survey.getByRole('radio', { name: '4 — Good' }).isChecked()).toBe(true);
  await tabTo(phone, '[data-testid="survey"] textarea');
  await phone.keyboard.type('Quick and friendly, thank you');
  await tabTo(phone, '[data-testid="survey"] input[type=checkbox]');
  await phone.keyboard.press('Space');
  await screenshot(phone, 'feedback-1-survey-en-phone');
  await tabTo(phone, '[data-testid="survey"] button[type=submit]');
  await phone.keyboard.press('Enter');
  const thanks = phone.getByTestId('survey-thanks');
  await thanks.getByText('You gave your visit 4 out of 5. It helps us do better.').waitFor();
  await thanks.getByText('Someone from the branch will get in touch.').waitFor();
  expect(await phone.evaluate(() => document.activeElement?.textContent)).toBe('Thank you!');
  expect(await phone.getByRole('group', { name: 'How was your visit?' }).count()).toBe(0);
  expect(await seriousA11yViolations(phone)).toEqual([]);
  await screenshot(phone, 'feedback-2-survey-thanks-en-phone');

  // Stored: the status says answered with 4; the wish to talk, with the comment, is on the call-back list.
  expect((await api('GET', `/api/surveys/ticket/${ticket.id}`, undefined, { 'x-customer-token': ticket.token })).body).toMatchObject({ open: false, answered: true, score: 4 });
  const manager = await staffAuth('manager@dalpak.test');
  const talk = (await moments(manager)).find((m) => m.kind === 'talk_to_person' && m.contact?.name === name);
  expect(talk?.context).toMatchObject({ score: 4, comment: 'Quick and friendly, thank you' });

  // Reopened: already answered, no second form.
  await phone.reload();
  await phone.getByTestId('survey-thanks').getByText('You already answered for this visit. Thank you!').waitFor();
  expect(await phone.getByRole('group', { name: 'How was your visit?' }).count()).toBe(0);
  expect(jsErrors(phone)).toEqual([]);
  await phone.context().close();
});

it('asks in Hebrew, right to left, answered by a tap; a cancelled ticket is not asked', async () => {
  const ticket = await finishedTicket('he', `סקר ${unique()}`);
  const phone = await openPage(browser, { path: `/t/${ticket.id}#k=${ticket.token}`, lang: 'he', viewport: 'phone' });
  const survey = phone.getByRole('group', { name: 'איך היה הביקור?' });
  await survey.waitFor();
  expect(await phone.getAttribute('html', 'dir')).toBe('rtl');
  expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
  await survey.getByRole('radio', { name: '5 — מצוין' }).click();
  expect(await survey.getByRole('radio', { name: '5 — מצוין' }).isChecked()).toBe(true);
  await screenshot(phone, 'feedback-3-survey-he-phone');
  expect(await seriousA11yViolations(phone)).toEqual([]);
  await phone.getByRole('button', { name: 'שליחה' }).click();
  await phone.getByText('הציון שלך לביקור: 5 מתוך 5. זה עוזר לנו להשתפר.').waitFor();
  expect((await api('GET', `/api/surveys/ticket/${ticket.id}`, undefined, { 'x-customer-token': ticket.token })).body).toMatchObject({ answered: true, score: 5 });
  expect(jsErrors(phone)).toEqual([]);
  await phone.context().close();

  // Cancelled by the customer: the visit did not happen, so there is nothing to ask.
  const taken = await api('POST', `/api/branches/${branch}/tickets`, { serviceId: 'general', channel: 'mobile', language: 'he', deviceId: `feedback-${unique()}` });
  await api('POST', `/api/tickets/${taken.body.ticket.id}/actions`, { action: 'cancel' }, { 'x-customer-token': taken.body.token });
  const cancelled = await openPage(browser, { path: `/t/${taken.body.ticket.id}#k=${taken.body.token}`, lang: 'he', viewport: 'phone' });
  await cancelled.getByRole('heading', { level: 2 }).first().waitFor();
  await cancelled.getByRole('button', { name: 'לדבר עם נציג או להגיש תלונה' }).waitFor();
  expect(await cancelled.locator('[data-testid="survey"], [data-testid="survey-thanks"]').count()).toBe(0);
  await cancelled.context().close();
});

it('talk to a person from the branch page (Hebrew, 360 px): a refused field is said at the field, then the complaint reaches the call-back list', async () => {
  const name = `תלונה ${unique()}`;
  const page = await openPage(browser, { path: `/b/${branch}`, lang: 'he', viewport: 'phone' });
  const open = page.getByRole('button', { name: 'לדבר עם נציג או להגיש תלונה' });
  await open.click();
  const panel = page.getByRole('region', { name: 'לדבר עם נציג' });
  await panel.waitFor();
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('לדבר עם נציג');
  await panel.getByLabel('תלונה').check();
  await panel.getByLabel('שם').fill(name);
  await panel.getByLabel('טלפון').fill('abc'); // not a phone: the server refuses it at its field
  await panel.getByLabel('מה תרצו לספר לנו? (לא חובה)').fill('חיכיתי הרבה זמן');
  await panel.getByRole('button', { name: 'בקשת שיחה חוזרת' }).click();
  await panel.getByText('בדקו את מספר הטלפון: 7 עד 20 ספרות.').waitFor();
  const phoneInput = panel.getByLabel('טלפון');
  expect(await phoneInput.getAttribute('aria-invalid')).toBe('true');
  expect(await phoneInput.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await screenshot(page, 'feedback-4-talk-refused-he-phone');
  expect(await seriousA11yViolations(page)).toEqual([]);
  const manager = await staffAuth('manager@dalpak.test');
  expect((await moments(manager)).some((m) => m.contact?.name === name)).toBe(false);

  await phoneInput.fill('050-555-0199');
  await panel.getByRole('button', { name: 'בקשת שיחה חוזרת' }).click();
  await panel.getByTestId('callback-sent').getByText('תודה. התלונה התקבלה ומישהו מהסניף יחזור אליכם.').waitFor();
  await screenshot(page, 'feedback-5-talk-sent-he-phone');
  expect(await seriousA11yViolations(page)).toEqual([]);
  const item = (await moments(manager)).filter((m) => m.contact?.name === name);
  expect(item).toHaveLength(1);
  expect(item[0]).toMatchObject({ kind: 'complaint', status: 'open', contact: { name, phone: '050-555-0199' }, context: { language: 'he', note: 'חיכיתי הרבה זמן' } });

  // Closed, the link is back under the keyboard.
  await panel.getByRole('button', { name: 'סגירה' }).click();
  expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(jsErrors(page)).toEqual([]);
  await page.context().close();
});

it('an order placed through the flow closes the checkout it saved; once collected the order page asks, and "talk to a person" works there too', async () => {
  const name = `Checkout ${unique()}`;
  const phone = await openPage(browser, { path: `/b/${branch}/order`, lang: 'en', viewport: 'phone' });
  const checkouts: any[] = [];
  const orders: any[] = [];
  phone.on('request', (r) => {
    if (r.method() !== 'POST') return;
    if (r.url().endsWith(`/api/branches/${branch}/checkouts`)) checkouts.push(r.postDataJSON());
    if (r.url().endsWith(`/api/branches/${branch}/orders`)) orders.push(r.postDataJSON());
  });
  await phone.getByRole('button', { name: /^Add\b.*SIM card/ }).click();
  await (await pickupWindowWithMargin(phone)).check();
  await phone.getByLabel('Name', { exact: true }).fill(name);
  await phone.getByLabel('Phone', { exact: true }).fill('050-555-0123');
  await phone.getByLabel('Note for the branch (optional)').click(); // the contact is filled: the checkout is saved
  await expect.poll(() => checkouts.length).toBe(1);
  expect(checkouts[0]).toMatchObject({ contact: { name, phone: '050-555-0123' }, lines: [{ productId: 'sim-card', quantity: 1 }] });
  await phone.getByRole('button', { name: 'Place order' }).click();
  await phone.waitForURL(/\/o\/[0-9A-Z]{26}#k=.+/);
  expect(checkouts).toHaveLength(1); // once per flow
  expect(orders).toHaveLength(1);
  expect(orders[0].checkoutId).toBe(checkouts[0].checkoutId);
  // The checkout is completed by the order: saving it again is refused as already ordered.
  expect((await api('POST', `/api/branches/${branch}/checkouts`, checkouts[0])).body).toEqual({ saved: false, reason: 'already_ordered' });

  // Not collected yet: no survey. The branch hands it over; the page asks by itself.
  const orderId = new URL(phone.url()).pathname.split('/').pop()!;
  const orderToken = new URLSearchParams(new URL(phone.url()).hash.slice(1)).get('k')!;
  await phone.locator('[data-testid="order-status"][data-status="placed"]').waitFor();
  expect(await phone.locator('[data-testid="survey"]').count()).toBe(0);
  const manager = await staffAuth('manager@dalpak.test');
  let version = (await api('GET', `/api/orders/${orderId}`, undefined, { 'x-customer-token': orderToken })).body.version as number;
  for (const status of ['preparing', 'ready', 'collected']) {
    const moved = await api('POST', `/api/branches/${branch}/orders/${orderId}/status`, { status, version }, manager);
    expect(moved.status).toBe(200);
    version = moved.body.version;
  }
  const survey = phone.getByRole('group', { name: 'How was your visit?' });
  await survey.waitFor({ timeout: 15_000 });
  await survey.getByRole('radio', { name: '4 — Good' }).click();
  await phone.getByRole('button', { name: 'Send' }).click();
  await phone.getByText('You gave your visit 4 out of 5. It helps us do better.').waitFor();
  expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
  expect(await seriousA11yViolations(phone)).toEqual([]);

  // "Talk to a person" on the order page, in English, with the request's confirmation.
  await phone.getByRole('button', { name: 'Talk to a person or make a complaint' }).click();
  const panel = phone.getByRole('region', { name: 'Talk to a person' });
  await panel.getByLabel('Name', { exact: true }).fill(name);
  await panel.getByLabel('Email', { exact: true }).fill('checkout@example.com');
  await screenshot(phone, 'feedback-6-order-talk-en-phone');
  await panel.getByRole('button', { name: 'Ask for a call back' }).click();
  await panel.getByText('Thank you. We have your request, and someone from the branch will get back to you.').waitFor();
  expect(await seriousA11yViolations(phone)).toEqual([]);
  const mine = (await moments(manager)).filter((m) => m.contact?.name === name);
  expect(mine.map((m) => m.kind)).toEqual(['talk_to_person']);
  expect(mine[0]).toMatchObject({ contact: { email: 'checkout@example.com' }, context: { language: 'en' } });
  await screenshot(phone, 'feedback-7-order-collected-en-phone');
  expect(jsErrors(phone)).toEqual([]);
  await phone.context().close();
});
