import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, seriousA11yViolations } from '../support/browser';

// The walk-in journey across four screens: kiosk (Hebrew) → phone via the QR link →
// clerk calls at counter 1 → the board and the phone both show "counter 1".
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('takes a kiosk ticket, follows it on a phone, and shows the call on the board and the phone', async () => {
  // 1. Kiosk, in Hebrew: general service, with a need.
  const kiosk = await openPage(browser, { path: '/kiosk/tel-aviv-center', lang: 'he', viewport: 'kiosk' });
  await kiosk.getByRole('button', { name: 'אני צריך/ה מקום ישיבה' }).click();
  await kiosk.getByRole('button', { name: /שירות כללי/ }).click();
  const numberEl = kiosk.getByTestId('kiosk-number');
  await numberEl.waitFor();
  const number = (await numberEl.textContent())!.trim();
  expect(number).toMatch(/^A\d{3}$/);
  const link = await kiosk.locator('figure[data-ticket-link]').getAttribute('data-ticket-link');
  expect(link).toMatch(/\/t\/[0-9A-Z]{26}#k=.+/);
  await kiosk.locator('figure img').waitFor();
  await screenshot(kiosk, 'journey-1-kiosk-ticket-he-kiosk');
  expect(await seriousA11yViolations(kiosk)).toEqual([]);

  // 2. The phone opens the QR's link (same origin as the system under test).
  const path = new URL(link!).pathname + new URL(link!).hash;
  const phone = await openPage(browser, { path, lang: 'he', viewport: 'phone' });
  await phone.getByTestId('ticket-number').filter({ hasText: number }).waitFor();
  await phone.getByText('ממתין', { exact: true }).first().waitFor();
  await screenshot(phone, 'journey-2-ticket-waiting-he-phone');
  expect(await seriousA11yViolations(phone)).toEqual([]);

  // 3. The board is up before the call, so the call arrives as news.
  const board = await openPage(browser, { path: '/board/tel-aviv-center', lang: 'he', viewport: 'board' }, recordSpeech);
  await board.getByText('זמני המתנה').waitFor();
  await board.getByRole('button', { name: 'הפעלת צליל' }).click(); // the one gesture browsers need for audio
  await board.getByText('הצליל פועל').waitFor();

  // 4. The clerk signs in, opens counter 1 and calls next until our ticket comes up.
  const staff = await openPage(browser, { path: '/staff', lang: 'en', viewport: 'board' });
  await staff.getByLabel('Email').fill('clerk.tlv@dalpak.test');
  await staff.getByLabel('Password').fill('demo1234');
  await staff.getByRole('button', { name: 'Sign in' }).click();
  await staff.getByRole('button', { name: /^Counter 1\b/ }).click();
  await staff.locator('h1', { hasText: 'Counter 1' }).waitFor();
  const open = staff.getByRole('button', { name: 'Open', exact: true });
  await Promise.race([open.waitFor(), staff.getByText('Open', { exact: true }).first().waitFor()]);
  if (await open.isVisible()) await open.click(); // a re-run against a running system may find it open
  const callNext = staff.getByRole('button', { name: 'Call next' });
  const current = staff.getByTestId('current-number');
  for (let i = 0; i < 10; i++) {
    await expectEnabled(callNext);
    await callNext.click();
    await current.waitFor();
    if ((await current.textContent())?.trim() === number) break;
    await staff.getByRole('button', { name: 'Complete' }).click(); // someone ahead of us: serve them
    await current.waitFor({ state: 'detached' });
  }
  await current.filter({ hasText: number }).waitFor();
  await staff.getByText('I need a seat').first().waitFor(); // the kiosk need reached the clerk
  await screenshot(staff, 'journey-3-staff-console-en-board');
  expect(await seriousA11yViolations(staff)).toEqual([]);

  // 5. Board and phone both show counter 1 for our number.
  await board.locator(`[data-testid="now-serving"][data-number="${number}"][data-counter="1"]`).waitFor();
  await screenshot(board, 'journey-4-board-called-he-board');
  // The call is spoken in the ticket's language (Hebrew: it was taken at a Hebrew kiosk).
  await board.waitForFunction(() => ((window as unknown as { spoken?: unknown[] }).spoken ?? []).length > 0);
  const spoken = await board.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);
  expect(spoken).toContainEqual({ text: `מספר ${number.replace(/^([A-Z])0*/, '$1 ')}, עמדה 1`, lang: 'he-IL' });
  await phone.locator('[data-testid="called-banner"][data-counter="1"]').waitFor();
  await phone.getByText('גשו לעמדה 1').waitFor();
  await screenshot(phone, 'journey-5-ticket-called-he-phone');
  expect(await seriousA11yViolations(phone)).toEqual([]);

  // 6. Served and done: the phone says thank you.
  await staff.getByRole('button', { name: 'Customer arrived' }).click();
  await staff.getByRole('button', { name: 'Complete' }).click();
  await current.waitFor({ state: 'detached' });
  await phone.getByText('תודה שבאת').waitFor();
  await screenshot(phone, 'journey-6-ticket-done-he-phone');

  for (const p of [kiosk, phone, board, staff]) await p.context().close();
});

/** Runs in the board page before its scripts: records utterances instead of relying on audio. */
function recordSpeech() {
  const w = window as unknown as { spoken: { text: string; lang: string }[] };
  w.spoken = [];
  speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
    if (u.text) w.spoken.push({ text: u.text, lang: u.lang });
  };
}

async function expectEnabled(locator: import('playwright-core').Locator) {
  const handle = await locator.elementHandle();
  await handle!.waitForElementState('enabled');
}
