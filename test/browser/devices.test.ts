import { copyFileSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jsErrors, launchBrowser, openPage, screenshot, seriousA11yViolations, type Lang, type ViewportName } from '../support/browser';

// Kiosks and boards (issue 7): an unenrolled kiosk shows a code; a manager types it in the staff
// Devices tab; the kiosk starts by itself and takes tickets with its device token. Disconnected,
// its next tap returns it to the code screen. Hebrew (RTL) and English, axe, keyboard.
let browser: Browser;
const branchId = 'haifa-port';
const shots = process.env.DEVICES_SHOTS_DIR ?? '/tmp/shots-devices';

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function shot(page: Page, name: string) {
  copyFileSync(await screenshot(page, name), `${shots}/${name}.png`);
}
const words = {
  en: { email: 'Email', password: 'Password', signIn: 'Sign in', tab: 'Devices', title: 'Kiosks and boards', branch: 'Branch', code: 'Code shown on the device', label: 'Name (optional)', connect: 'Connect', revoke: 'Disconnect', yes: 'Yes, disconnect', keep: 'Keep it' },
  he: { email: 'דוא״ל', password: 'סיסמה', signIn: 'כניסה', tab: 'מכשירים', title: 'עמדות ולוחות', branch: 'סניף', code: 'הקוד שמוצג במכשיר', label: 'שם (לא חובה)', connect: 'חיבור', revoke: 'ניתוק', yes: 'כן, לנתק', keep: 'להשאיר' },
};
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function openDevicesTab(lang: Lang, viewport: ViewportName): Promise<Page> {
  const page = await openPage(browser, { path: '/staff', lang, viewport });
  const w = words[lang];
  await page.getByLabel(w.email, { exact: true }).fill('manager@dalpak.test');
  await page.getByLabel(w.password).fill('demo1234');
  await page.getByRole('button', { name: w.signIn }).click();
  await page.getByRole('link', { name: w.tab, exact: true }).click();
  await page.locator('h1', { hasText: w.title }).waitFor();
  await page.getByLabel(w.branch, { exact: true }).selectOption(branchId);
  return page;
}

async function enrolmentCode(page: Page): Promise<string> {
  const code = page.getByTestId('enrolment-code');
  await code.waitFor();
  await expect.poll(async () => (await page.getByTestId('enrolment').getAttribute('data-code'))?.length ?? 0).toBe(6);
  return (await page.getByTestId('enrolment').getAttribute('data-code'))!;
}

it('a kiosk shows a code, a manager connects it by keyboard in English, it takes a ticket; disconnected, it shows a code again (Hebrew)', async () => {
  const kiosk = await openPage(browser, { path: `/kiosk/${branchId}`, lang: 'he', viewport: 'kiosk', enrolled: false });
  await kiosk.locator('h1', { hasText: 'חיבור העמדה' }).waitFor();
  const code = await enrolmentCode(kiosk);
  expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY3479]{6}$/);
  expect(await kiosk.locator('html').getAttribute('dir')).toBe('rtl');
  expect(await seriousA11yViolations(kiosk)).toEqual([]);
  // Readable from 2 m: the code's glyphs are large on a portrait kiosk.
  const height = await kiosk.getByTestId('enrolment-code').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(height).toBeGreaterThanOrEqual(120);
  await shot(kiosk, 'kiosk-enrolment-he-1080x1920');

  const staff = await openDevicesTab('en', 'board');
  const w = words.en;
  // A wrong code first: said at the field, focus back on it.
  await staff.getByLabel(w.code).focus();
  await staff.keyboard.type('QQQQQQ');
  await staff.keyboard.press('Enter');
  await staff.getByText('No device of this branch shows this code').waitFor();
  expect(await staff.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('device-code');
  // The right one, typed with a dash in lower case, and a name; Enter sends.
  await staff.getByLabel(w.code).fill('');
  await staff.keyboard.type(`${code.slice(0, 3)}-${code.slice(3)}`.toLowerCase());
  await staff.keyboard.press('Tab');
  await staff.keyboard.type('Entrance kiosk');
  await staff.keyboard.press('Enter');
  await staff.getByTestId('devices-info').getByText('Entrance kiosk is connected').waitFor();
  expect(await seriousA11yViolations(staff)).toEqual([]);

  // The kiosk starts by itself and takes a ticket with its token.
  await kiosk.locator('h1', { hasText: 'קבלת מספר' }).waitFor({ timeout: 15_000 });
  await kiosk.getByRole('button', { name: /שירות כללי/ }).first().click();
  await kiosk.getByTestId('kiosk-number').waitFor();
  expect(await kiosk.getByTestId('kiosk-number').textContent()).toMatch(/^A\d{3}$/);
  const row = staff.getByTestId('device').filter({ hasText: 'Entrance kiosk' });
  await expect.poll(() => row.getAttribute('data-status')).toBe('active');
  await row.getByText('Connected', { exact: true }).waitFor({ timeout: 15_000 });
  await shot(staff, 'devices-tab-en-1920');

  // Disconnect, asked first (the keyboard lands on "Keep it").
  await row.getByRole('button', { name: w.revoke }).click();
  expect(await staff.evaluate(() => document.activeElement?.textContent?.trim())).toBe(w.keep);
  await row.getByRole('button', { name: w.yes }).click();
  await staff.getByTestId('devices-info').getByText('Entrance kiosk is disconnected').waitFor();
  await expect.poll(() => row.getAttribute('data-status')).toBe('revoked');

  // The kiosk's next tap is refused: back to a new code, saying why.
  await kiosk.reload();
  await kiosk.locator('h1', { hasText: /חיבור העמדה|קבלת מספר/ }).waitFor();
  // The kiosk may learn of the revocation on loading (its device check) or on the next tap: the
  // service button can vanish under the click, so tap only while it is there, until the code shows.
  const enrolment = kiosk.getByTestId('enrolment-code');
  await expect
    .poll(async () => {
      if (await enrolment.isVisible()) return true;
      const service = kiosk.getByRole('button', { name: /שירות כללי/ }).first();
      if (await service.isVisible()) await service.click({ timeout: 2_000 }).catch(() => undefined);
      return enrolment.isVisible();
    }, { timeout: 20_000 })
    .toBe(true);
  expect(await enrolmentCode(kiosk)).not.toBe(code);
  expect(jsErrors(kiosk)).toEqual([]);
  expect(jsErrors(staff)).toEqual([]);
  await kiosk.context().close();
  await staff.context().close();
});

it('a board shows its code in English at 1920x1080; the Devices tab works in Hebrew at 360 px by keyboard', async () => {
  const board = await openPage(browser, { path: `/board/${branchId}`, lang: 'en', viewport: 'board', enrolled: false });
  await board.locator('h1', { hasText: 'Connect this display board' }).waitFor();
  const code = await enrolmentCode(board);
  expect(await board.locator('html').getAttribute('dir')).toBe('ltr');
  expect(await seriousA11yViolations(board)).toEqual([]);
  expect(await horizontalOverflow(board)).toBeLessThanOrEqual(0);
  await shot(board, 'board-enrolment-en-1920x1080');

  const staff = await openDevicesTab('he', 'phone');
  const w = words.he;
  await staff.getByLabel(w.code).focus();
  await staff.keyboard.type(code);
  await staff.keyboard.press('Tab');
  await staff.keyboard.type('מסך ליד דלפק 3');
  await staff.keyboard.press('Enter');
  await staff.getByTestId('devices-info').waitFor();
  await board.getByText('Now serving', { exact: false }).first().waitFor({ timeout: 15_000 });
  const row = staff.getByTestId('device').filter({ hasText: 'מסך ליד דלפק 3' });
  await row.waitFor();
  expect(await staff.locator('html').getAttribute('dir')).toBe('rtl');
  expect(await horizontalOverflow(staff)).toBeLessThanOrEqual(0);
  expect(await seriousA11yViolations(staff)).toEqual([]);
  await shot(staff, 'devices-tab-he-360');
  // Disconnect by keyboard: focus the button, Enter, Keep is focused first; Shift+Tab to yes… the safe answer keeps it.
  await row.getByRole('button', { name: w.revoke }).focus();
  await staff.keyboard.press('Enter');
  expect(await staff.evaluate(() => document.activeElement?.textContent?.trim())).toBe(w.keep);
  await staff.keyboard.press('Enter');
  expect(await row.getAttribute('data-status')).toBe('active');
  await row.getByRole('button', { name: w.revoke }).click();
  await row.getByRole('button', { name: w.yes }).click();
  await expect.poll(() => row.getAttribute('data-status')).toBe('revoked');
  // The board finds out at its next check (every minute): a reload shows the code screen at once.
  await board.reload();
  await board.getByTestId('enrolment-code').waitFor({ timeout: 15_000 });
  expect(jsErrors(board)).toEqual([]);
  await board.context().close();
  await staff.context().close();
});
