import { copyFileSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { baseUrl, jsErrors, launchBrowser, openPage, screenshot, seriousA11yViolations, type Lang, type ViewportName } from '../support/browser';

// The Staff tab (issue 7): a manager invites a clerk, sees the temporary password once, sees the
// clerk listed (invited, then active once they signed in with it and chose their own password) and removes them after a
// confirm step, after which the clerk cannot sign in. In English on a desktop by mouse, in Hebrew
// (RTL) on a 360 px phone by keyboard. A clerk is not offered the tab.
let browser: Browser;
const branchId = 'tel-aviv-center';
const password = 'demo1234';
const run = Date.now().toString(36);
const shots = process.env.PEOPLE_SHOTS_DIR ?? '/tmp/shots-people';

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function signInApi(email: string, pw: string) {
  const res = await fetch(`${baseUrl()}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: pw }) });
  return { status: res.status, body: (await res.json()) as any };
}
async function shot(page: Page, name: string) {
  copyFileSync(await screenshot(page, name), `${shots}/${name}.png`);
}

const words = {
  en: { email: 'Email', password: 'Password', signIn: 'Sign in', tab: 'Staff', branch: 'Branch' },
  he: { email: 'דוא״ל', password: 'סיסמה', signIn: 'כניסה', tab: 'צוות', branch: 'סניף' },
};

async function openPeople(email: string, lang: Lang, viewport: ViewportName): Promise<Page> {
  const page = await openPage(browser, { path: '/staff', lang, viewport });
  const w = words[lang];
  await page.getByLabel(w.email, { exact: true }).fill(email);
  await page.getByLabel(w.password).fill(password);
  await page.getByRole('button', { name: w.signIn }).click();
  await page.getByRole('link', { name: w.tab, exact: true }).click();
  await page.locator('h1', { hasText: w.tab }).waitFor();
  await page.getByLabel(w.branch, { exact: true }).selectOption(branchId);
  return page;
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const cardOf = (page: Page, email: string) => page.getByTestId('people-list').locator('article', { hasText: email });
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

it('a manager invites a clerk in English on a desktop, sees the password once, and removes them', async () => {
  const email = `dana.${run}@dalpak.test`;
  const page = await openPeople('manager@dalpak.test', 'en', 'board');
  await cardOf(page, 'clerk.tlv@dalpak.test').getByRole('heading', { name: 'Tamar Clerk' }).waitFor();
  await cardOf(page, 'manager@dalpak.test').getByText('(you)').waitFor();
  // Nobody is offered removing themselves.
  expect(await cardOf(page, 'manager@dalpak.test').getByRole('button', { name: 'Remove' }).count()).toBe(0);

  await page.getByRole('button', { name: 'Invite someone' }).click();
  const form = page.getByTestId('invite-form');
  // Nothing typed: each problem at its field, nothing sent.
  await form.getByRole('button', { name: 'Invite', exact: true }).click();
  await form.getByText('Enter an email address like name@example.com.').waitFor();
  await form.getByText('Enter their name.').waitFor();
  expect(await form.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
  // An email already on the staff: the server's 409, said at the email field.
  await form.getByLabel('Email').fill('clerk.tlv@dalpak.test');
  await form.getByLabel('Full name').fill('Dana Newcomer');
  await form.getByRole('button', { name: 'Invite', exact: true }).click();
  await form.getByText('This email is already on the staff.').waitFor();
  expect(await form.getByText('Enter their name.').count()).toBe(0);

  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption('clerk');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await form.getByRole('button', { name: 'Invite', exact: true }).click();

  const invited = page.getByTestId('invited');
  await invited.getByText('Shown only this once').waitFor();
  const temporary = await invited.getByLabel('Temporary password').inputValue();
  expect(temporary).toMatch(/^\S{4}-\S{4}-\S{4}$/);
  await invited.getByRole('button', { name: 'Copy password' }).waitFor();
  const card = cardOf(page, email);
  await card.getByText('Invited, not signed in yet').waitFor();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await shot(page, 'people-1-invited-en-1920');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await invited.getByRole('button', { name: 'Done' }).click();
  await invited.waitFor({ state: 'detached' });
  expect(await focusedText(page)).toBe('Invite someone');

  // The clerk signs in with it on the staff face (npm start, the same system): asked for their own
  // password first, then in; active from then on, and the temporary password is spent.
  const own = `Own-password-${run}`;
  const clerkPage = await openPage(browser, { path: '/staff', lang: 'en', viewport: 'phone' });
  await clerkPage.getByLabel('Email', { exact: true }).fill(email);
  await clerkPage.getByLabel('Password', { exact: true }).fill(temporary);
  await clerkPage.getByRole('button', { name: 'Sign in' }).click();
  await clerkPage.getByText('Choose your own password to finish signing in').waitFor();
  const newField = clerkPage.getByLabel('Your new password');
  expect(await newField.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await seriousA11yViolations(clerkPage)).toEqual([]);
  await shot(clerkPage, 'people-2a-first-sign-in-en-360');
  await newField.fill(own);
  await clerkPage.getByRole('button', { name: 'Sign in' }).click();
  await clerkPage.getByRole('link', { name: 'Pickup orders' }).waitFor();
  expect(await clerkPage.getByRole('link', { name: 'Staff', exact: true }).count()).toBe(0);
  expect(jsErrors(clerkPage)).toEqual([]);
  await clerkPage.context().close();
  expect((await signInApi(email, temporary)).status).toBe(401);
  expect((await signInApi(email, own)).body.user).toMatchObject({ roles: ['clerk'], branches: [branchId] });
  await page.reload();
  await page.getByLabel('Branch', { exact: true }).selectOption(branchId);
  await cardOf(page, email).getByText('Active', { exact: true }).waitFor();
  expect(await page.content()).not.toContain(temporary);
  await shot(page, 'people-2-list-en-1920');

  // Removed after asking; the clerk can no longer sign in.
  await cardOf(page, email).getByRole('button', { name: 'Remove' }).click();
  await cardOf(page, email).getByText(/^Remove Dana Newcomer from this branch\?/).waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await cardOf(page, email).getByRole('button', { name: 'Yes, remove' }).click();
  await cardOf(page, email).waitFor({ state: 'detached' });
  await page.getByTestId('people-info').getByText('Dana Newcomer was removed.').waitFor();
  expect((await signInApi(email, own)).status).toBe(401);
  expect(jsErrors(page)).toEqual([]);
  await page.context().close();
}, 120_000);

it('in Hebrew on a 360 px phone, by keyboard: invite, change the role, remove', async () => {
  const email = `noa.${run}@dalpak.test`;
  const page = await openPeople('manager@dalpak.test', 'he', 'phone');
  expect(await page.getAttribute('html', 'dir')).toBe('rtl');
  await cardOf(page, 'clerk.tlv@dalpak.test').waitFor();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await shot(page, 'people-3-list-he-360');
  expect(await seriousA11yViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'הזמנת עובד/ת' }).focus();
  await page.keyboard.press('Enter');
  const form = page.getByTestId('invite-form');
  await form.waitFor();
  // The form's heading takes the focus; the fields follow in order.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('email');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type('נועה חדשה');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT'); // the role: clerk by default
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter'); // Enter in a field sends the form
  const invited = page.getByTestId('invited');
  await invited.getByText('מוצגת פעם אחת בלבד').waitFor();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await shot(page, 'people-4-invited-he-360');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await invited.getByRole('button', { name: 'סיום' }).focus();
  await page.keyboard.press('Enter');
  await invited.waitFor({ state: 'detached' });

  // The role, by keyboard: choose manager, save.
  const card = cardOf(page, email);
  await card.getByLabel('התפקיד של נועה חדשה').focus();
  await card.getByLabel('התפקיד של נועה חדשה').selectOption('manager');
  await card.getByRole('button', { name: 'שמירת תפקיד' }).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('people-info').getByText(/^התפקיד של נועה חדשה השתנה/).waitFor();
  await card.locator('.badge').getByText('מנהל/ת', { exact: true }).waitFor();

  // Remove: the question lands on "keep"; Shift+Tab to "yes".
  await card.getByRole('button', { name: 'הסרה' }).focus();
  await page.keyboard.press('Enter');
  await card.getByText(/^להסיר את נועה חדשה מהסניף\?/).waitFor();
  expect(await focusedText(page)).toBe('להשאיר');
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await shot(page, 'people-5-remove-he-360');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.keyboard.press('Shift+Tab');
  expect(await focusedText(page)).toBe('כן, להסיר');
  await page.keyboard.press('Enter');
  await card.waitFor({ state: 'detached' });
  await page.getByTestId('people-info').getByText('נועה חדשה הוסר/ה.').waitFor();
  expect(jsErrors(page)).toEqual([]);
  await page.context().close();
}, 120_000);

it('does not offer the tab to a clerk, and says so at its address', async () => {
  const page = await openPage(browser, { path: '/staff', lang: 'en', viewport: 'phone' });
  await page.getByLabel('Email', { exact: true }).fill('clerk.tlv@dalpak.test');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Pickup orders' }).waitFor();
  expect(await page.getByRole('link', { name: 'Staff', exact: true }).count()).toBe(0);
  await page.goto(new URL('/staff/people?lang=en', baseUrl()).toString());
  await page.getByTestId('people-managers-only').waitFor();
  await page.context().close();
}, 60_000);
