import { copyFileSync, mkdirSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { baseUrl, launchBrowser, openPage, screenshot, seriousA11yViolations } from '../support/browser';
import { db, table } from '../../functions/data/client';
import { keys } from '../../functions/data/keys';

// Issue 7's optional phone verification, as a customer meets it: Haifa asks for a confirmed phone,
// the join form sends a code, the code arrives in the local outbox (/dev/outbox.json), typed back
// it lets the phone join. The suite shares one local system: only Haifa's remoteJoin is set (no
// other part of its set-up is touched) and it is removed afterwards.
const branchId = 'haifa-port';
const shots = '/tmp/shots-verify';
let browser: Browser;

const setVerification = (on: boolean) =>
  db.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.branch(branchId),
      ...(on
        ? { UpdateExpression: 'SET remoteJoin = :r', ExpressionAttributeValues: { ':r': { verifyPhone: true } } }
        : { UpdateExpression: 'REMOVE remoteJoin' }),
    }),
  );

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  await setVerification(true);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await setVerification(false);
});

async function shot(page: Page, name: string) {
  copyFileSync(await screenshot(page, name), `${shots}/${name}.png`);
}

/** The code the local SMS channel "sent" to this phone (digits compared), once the notifier has run. */
async function codeFromOutbox(phone: string): Promise<string> {
  const digits = phone.replace(/\D/g, '').slice(1);
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${baseUrl()}/dev/outbox.json`);
    const { deliveries } = (await res.json()) as { deliveries: { channel: string; template: string; to: string; text: string }[] };
    const sms = deliveries.find((d) => d.template === 'phone_code' && d.channel === 'sms' && d.to.replace(/\D/g, '').endsWith(digits));
    const code = sms && /\b(\d{6})\b/.exec(sms.text)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no phone_code SMS in the local outbox');
}

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

for (const lang of ['he', 'en'] as const) {
  const t =
    lang === 'he'
      ? { join: 'הצטרפות לתור', phone: 'טלפון', send: 'שליחת קוד', code: 'הקוד מהמסרון', confirm: 'אישור הקוד', wrong: /זה לא הקוד ששלחנו\. נותרו 4 ניסיונות/, done: /הטלפון אומת/, needed: 'יש לאמת את הטלפון בקוד לפני ההצטרפות.' }
      : { join: 'Join the queue', phone: 'Phone', send: 'Send code', code: 'Code from the text message', confirm: 'Confirm code', wrong: /not the code we sent\. 4 tries left/, done: /Phone confirmed/, needed: 'Confirm your phone with the code before joining.' };

  it(`joins Haifa from a phone (${lang}, 360 px) only after confirming the phone by the code sent`, async () => {
    const phone = `05${randomInt(10_000_000, 99_999_999)}`;
    const page = await openPage(browser, { path: `/b/${branchId}`, lang, viewport: 'phone' });
    await page.getByRole('button', { name: new RegExp(`^${t.join}`) }).first().click();
    const phoneField = page.getByLabel(t.phone, { exact: true });
    await phoneField.waitFor();
    await shot(page, `verify-1-phone-${lang}-360`);

    // Joining before confirming is refused in words at the phone, which gets the focus.
    await page.locator('form').getByRole('button', { name: t.join, exact: true }).click();
    await page.getByText(t.needed).waitFor();
    await expect.poll(() => phoneField.evaluate((el) => el === document.activeElement)).toBe(true);

    // By keyboard: type the phone, Enter sends the code (not the form), the code field gets the focus.
    await phoneField.fill(phone);
    await phoneField.press('Enter');
    const codeField = page.getByLabel(t.code);
    await codeField.waitFor();
    await expect.poll(() => codeField.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await codeField.getAttribute('inputmode')).toBe('numeric');
    const code = await codeFromOutbox(phone);

    // A wrong code is said at the code field with the tries left.
    await codeField.fill(String((Number(code) + 1) % 1_000_000).padStart(6, '0'));
    await codeField.press('Enter');
    await page.getByText(t.wrong).waitFor();
    await shot(page, `verify-2-code-wrong-${lang}-360`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await noSideScroll(page)).toBe(true);

    await codeField.fill(code);
    await page.getByRole('button', { name: t.confirm }).click();
    await page.getByText(t.done).waitFor();
    await shot(page, `verify-3-confirmed-${lang}-360`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.locator('form').getByRole('button', { name: t.join, exact: true }).click();
    const number = page.getByTestId('ticket-number');
    await number.waitFor();
    expect((await number.textContent())!.trim()).toMatch(/^[A-Z]\d{3}$/);
    await shot(page, `verify-4-ticket-${lang}-360`);
    await page.context().close();
  });
}
