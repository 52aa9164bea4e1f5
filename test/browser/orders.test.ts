import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jsErrors, launchBrowser, openPage, screenshot, seriousA11yViolations, pickupWindowWithMargin } from '../support/browser';

// Click and collect across four screens: a customer orders ahead on a phone (English), a manager
// moves the order to Preparing and Ready on the pickup list, and the phone shows "ready" by itself.
// Then the customer checks in at the kiosk (Hebrew) with the pickup code, a clerk calls the
// pickup number at counter 5 (the pickup counter) and hands the bag over against the code, and
// the phone shows "collected" by itself.
// Demo branches close at night, but pickup windows always exist within the next 7 days,
// so ordering ahead works at any hour; the staff list is opened on the window's day. Kiosk
// check-in and calling work at any hour; only the phone's "I'm here" waits for opening hours.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

it('orders ahead on a phone, moves it to ready, checks in at the kiosk, and the clerk hands it over', async () => {
  // 1. The branch page leads to the order flow; the catalog groups products with live stock.
  const phone = await openPage(browser, { path: '/b/tel-aviv-center', lang: 'en', viewport: 'phone' });
  await phone.getByRole('link', { name: 'Choose products' }).click();
  await phone.locator('h1', { hasText: 'Order for pickup' }).waitFor();
  await phone.getByRole('heading', { name: 'SIM card' }).waitFor();
  await phone.getByRole('button', { name: /^Add\b.*SIM card/ }).click();
  await phone.getByRole('button', { name: 'One more SIM card' }).waitFor();
  await expect.poll(() => phone.getByTestId('cart-total').textContent()).toContain('20.00');
  expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
  await screenshot(phone, 'order-1-catalog-en-phone');
  expect(await seriousA11yViolations(phone)).toEqual([]);

  // 2. The first free pickup window, contact details, submit → the order page with a pickup code.
  await (await pickupWindowWithMargin(phone)).check();
  await phone.getByLabel('Name', { exact: true }).fill('Noa Levi');
  await phone.getByLabel('Phone', { exact: true }).fill('050-123-4567');
  await phone.getByRole('button', { name: 'Place order' }).click();
  await phone.waitForURL(/\/o\/[0-9A-Z]{26}#k=.+/);
  const codeEl = phone.getByTestId('order-code');
  await codeEl.waitFor();
  const code = (await codeEl.textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
  // The code is read aloud at the counter: one line, even with the widest letters, on a 360 px phone.
  await codeEl.evaluate((el) => (el.textContent = 'WWMWWM'));
  expect(await codeEl.evaluate((el) => el.getBoundingClientRect().height < parseFloat(getComputedStyle(el).fontSize) * 1.5 && el.scrollWidth <= el.clientWidth)).toBe(true);
  await codeEl.evaluate((el, c) => (el.textContent = c), code);
  await phone.locator('[data-testid="order-status"][data-status="placed"]').waitFor();
  await phone.getByRole('img', { name: `QR code of pickup code ${code}` }).waitFor();
  await phone.getByText('SIM card').first().waitFor();
  expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
  await screenshot(phone, 'order-2-order-page-en-phone');
  expect(await seriousA11yViolations(phone)).toEqual([]);

  // The branch-local day of the chosen window, for the staff list.
  const windowStart = Number(await phone.getByTestId('order-window').getAttribute('data-window-start'));
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jerusalem', year: 'numeric', month: '2-digit', day: '2-digit' }).format(windowStart);

  // 3. A manager opens the pickup orders of the branch for that day and moves the order.
  const staff = await openPage(browser, { path: '/staff', lang: 'en', viewport: 'board' });
  await staff.getByLabel('Email').fill('manager@dalpak.test');
  await staff.getByLabel('Password').fill('demo1234');
  await staff.getByRole('button', { name: 'Sign in' }).click();
  await staff.getByRole('link', { name: 'Pickup orders' }).click();
  await staff.locator('h1', { hasText: 'Pickup orders' }).waitFor();
  await staff.getByLabel('Branch').selectOption('tel-aviv-center');
  await staff.getByLabel('Day', { exact: true }).fill(day);
  const card = staff.locator(`[data-order-code="${code}"]`);
  await card.getByText('Noa Levi').waitFor();
  await card.getByText('SIM card').waitFor();
  await card.getByRole('button', { name: 'Preparing' }).click();
  await staff.locator(`[data-order-code="${code}"][data-status="preparing"]`).waitFor();
  await staff.getByText(`Order ${code}: Preparing`).waitFor();
  await screenshot(staff, 'order-3-pickup-list-en-board');
  expect(await seriousA11yViolations(staff)).toEqual([]);
  // "Ready" asks where the bag waits; the pickup counter will see it.
  await card.getByRole('button', { name: 'Ready' }).click();
  await card.getByLabel('Where is the bag?').fill('Shelf B3');
  await screenshot(staff, 'order-3b-bag-location-en-board');
  await card.getByRole('button', { name: 'Ready' }).click();
  await staff.locator(`[data-order-code="${code}"][data-status="ready"]`).waitFor();
  await card.getByTestId('bag-location').getByText('Shelf B3').waitFor();

  // 4. The phone shows "ready" without a reload (live polling).
  await phone.getByTestId('ready-banner').waitFor();
  await phone.getByText('Ready for pickup — show this code at the pickup counter').waitFor();
  await phone.locator('[data-testid="order-status"][data-status="ready"]').waitFor();
  await screenshot(phone, 'order-4-order-ready-en-phone');
  expect(await seriousA11yViolations(phone)).toEqual([]);

  // 5. At the branch, the kiosk (Hebrew): "I ordered ahead" → the code, refused in words when wrong.
  const kiosk = await openPage(browser, { path: '/kiosk/tel-aviv-center', lang: 'he', viewport: 'kiosk' });
  await kiosk.getByRole('button', { name: 'הזמנתי מראש — צ׳ק־אין' }).click();
  const codeInput = kiosk.getByLabel('קוד איסוף');
  await codeInput.fill('ZZZZZZ'); // Z is not in the pickup alphabet
  await kiosk.getByRole('button', { name: 'צ׳ק־אין', exact: true }).click();
  await kiosk.getByText('זה לא קוד איסוף. בקוד יש 6 אותיות וספרות — בדקו אותו ונסו שוב.').waitFor();
  expect(await codeInput.getAttribute('aria-invalid')).toBe('true');
  await codeInput.fill(code === 'CCCCCC' ? 'DDDDDD' : 'CCCCCC'); // well formed, but nobody's order
  await kiosk.getByRole('button', { name: 'צ׳ק־אין', exact: true }).click();
  await kiosk.getByText('לא מצאנו הזמנה עם הקוד הזה בסניף. בדקו את הקוד.').waitFor();
  // Typed the way people type: lower case, with a dash.
  await codeInput.fill(`${code.slice(0, 3).toLowerCase()}-${code.slice(3).toLowerCase()}`);
  await kiosk.getByRole('button', { name: 'צ׳ק־אין', exact: true }).click();
  const pickupNumberEl = kiosk.getByTestId('kiosk-number');
  await pickupNumberEl.waitFor();
  const pickupNumber = (await pickupNumberEl.textContent())!.trim();
  expect(pickupNumber).toMatch(/^P\d{3}$/);
  await kiosk.locator('[data-testid="kiosk-pickup-status"][data-ready="true"]').waitFor();
  expect((await kiosk.getByTestId('kiosk-pickup-status').textContent())?.trim()).toBe('ההזמנה שלך מוכנה — נקרא לך לעמדת האיסוף');
  await kiosk.locator('figure[data-ticket-link] img').waitFor();
  expect(await horizontalOverflow(kiosk)).toBeLessThanOrEqual(0);
  await screenshot(kiosk, 'order-6-kiosk-checkin-he-kiosk');
  expect(await seriousA11yViolations(kiosk)).toEqual([]);

  // The phone's "I'm here" gives the same number: one ticket per order, whichever door they use.
  await phone.getByRole('button', { name: "I'm here" }).click();
  const inLine = phone.getByTestId('in-line');
  await inLine.waitFor();
  expect(await inLine.getAttribute('data-number')).toBe(pickupNumber);
  await phone.getByText(`You're in line: ${pickupNumber}`).waitFor();
  await phone.reload(); // remembered for this tab
  await phone.getByTestId('in-line').filter({ hasText: pickupNumber }).waitFor();

  // 6. A clerk at counter 5 (the pickup counter) calls the pickup number and hands the bag over.
  const clerk = await openPage(browser, { path: '/staff', lang: 'en', viewport: 'board' });
  await clerk.getByLabel('Email').fill('clerk.tlv@dalpak.test');
  await clerk.getByLabel('Password').fill('demo1234');
  await clerk.getByRole('button', { name: 'Sign in' }).click();
  await clerk.getByRole('button', { name: /^Counter 5\b/ }).click();
  await clerk.locator('h1', { hasText: 'Counter 5' }).waitFor();
  const open = clerk.getByRole('button', { name: 'Open', exact: true });
  await Promise.race([open.waitFor(), clerk.getByText('Open', { exact: true }).first().waitFor()]);
  if (await open.isVisible()) await open.click(); // a re-run against a running system may find it open
  const callNext = clerk.getByRole('button', { name: 'Call next' });
  const current = clerk.getByTestId('current-number');
  for (let i = 0; i < 10; i++) {
    await (await callNext.elementHandle())!.waitForElementState('enabled');
    await callNext.click();
    await current.waitFor();
    if ((await current.textContent())?.trim() === pickupNumber) break;
    await clerk.getByRole('button', { name: 'No-show' }).click(); // a leftover pickup from an earlier run
    await current.waitFor({ state: 'detached' });
  }
  await current.filter({ hasText: pickupNumber }).waitFor();
  const pickupPanel = clerk.getByTestId('pickup-order');
  await pickupPanel.getByRole('heading', { name: 'Pickup order' }).waitFor();
  await pickupPanel.getByText('1× SIM card').waitFor();
  await pickupPanel.getByText('Packed and ready').waitFor();
  await pickupPanel.getByTestId('console-bag-location').getByText('Shelf B3').waitFor();
  expect(await clerk.getByRole('button', { name: 'Complete' }).count()).toBe(0); // a pickup ends by handing over
  const handOverCode = clerk.getByLabel("Customer's pickup code");
  await handOverCode.fill(code === 'CCCCCC' ? 'DDDDDD' : 'CCCCCC');
  await clerk.getByRole('button', { name: 'Hand over' }).click();
  await clerk.getByText('This code does not match the order at your counter. Ask the customer to show it again.').waitFor();
  await handOverCode.fill(code.toLowerCase());
  await screenshot(clerk, 'order-7-console-handover-en-board');
  expect(await seriousA11yViolations(clerk)).toEqual([]);
  await clerk.getByRole('button', { name: 'Hand over' }).click();
  await clerk.getByText(`${pickupNumber}: order ${code} handed over and collected.`).waitFor();
  await current.waitFor({ state: 'detached' });

  // 7. The phone shows "collected" without a reload; the kiosk now refuses the code in words.
  await phone.locator('[data-testid="order-status"][data-status="collected"]').waitFor();
  await phone.getByTestId('order-status').getByText('Collected', { exact: true }).waitFor();
  await phone.getByText('Collected. Thank you!').waitFor();
  expect(await phone.getByRole('button', { name: "I'm here" }).count()).toBe(0);
  expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
  await screenshot(phone, 'order-8-order-collected-en-phone');
  expect(await seriousA11yViolations(phone)).toEqual([]);

  await kiosk.getByRole('button', { name: 'סיום' }).first().click();
  await kiosk.getByRole('button', { name: 'הזמנתי מראש — צ׳ק־אין' }).click();
  await kiosk.getByLabel('קוד איסוף').fill(code);
  await kiosk.getByRole('button', { name: 'צ׳ק־אין', exact: true }).click();
  await kiosk.getByText('ההזמנה הזאת כבר נאספה.').waitFor();

  expect(jsErrors(phone)).toEqual([]);
  expect(jsErrors(staff)).toEqual([]);
  expect(jsErrors(kiosk)).toEqual([]);
  expect(jsErrors(clerk)).toEqual([]);

  for (const p of [phone, staff, kiosk, clerk]) await p.context().close();
});

it('opens the order flow in Hebrew, right to left, at phone size', async () => {
  const page = await openPage(browser, { path: '/b/tel-aviv-center', lang: 'he', viewport: 'phone' });
  try {
    await page.getByRole('link', { name: 'לבחירת מוצרים' }).click();
    await page.locator('h1', { hasText: 'הזמנה לאיסוף' }).waitFor();
    await page.getByRole('heading', { name: 'כרטיס SIM' }).waitFor();
    await page.locator('input[name="window"]').first().waitFor();
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('he');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'order-5-catalog-he-phone');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(jsErrors(page)).toEqual([]);
  } finally {
    await page.context().close();
  }
});
