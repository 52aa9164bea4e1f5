import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jsErrors, launchBrowser, openPage, screenshot, seriousA11yViolations } from '../support/browser';

// Click and collect across two screens: a customer orders ahead on a phone (English), a manager
// moves the order to Preparing and Ready on the pickup list, and the phone shows "ready" by itself.
// Demo branches close at night, but pickup windows always exist within the next 7 days,
// so ordering ahead works at any hour; the staff list is opened on the window's day.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

it('orders ahead on a phone, moves the order to ready on the pickup list, and the phone shows it ready', async () => {
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
  const firstFree = phone.locator('input[name="window"]:not([disabled])').first();
  await firstFree.check();
  await phone.getByLabel('Name', { exact: true }).fill('Noa Levi');
  await phone.getByLabel('Phone', { exact: true }).fill('050-123-4567');
  await phone.getByRole('button', { name: 'Place order' }).click();
  await phone.waitForURL(/\/o\/[0-9A-Z]{26}#k=.+/);
  const codeEl = phone.getByTestId('order-code');
  await codeEl.waitFor();
  const code = (await codeEl.textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
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
  await card.getByRole('button', { name: 'Ready' }).click();
  await staff.locator(`[data-order-code="${code}"][data-status="ready"]`).waitFor();

  // 4. The phone shows "ready" without a reload (live polling).
  await phone.getByTestId('ready-banner').waitFor();
  await phone.getByText('Ready for pickup — show this code at the pickup counter').waitFor();
  await phone.locator('[data-testid="order-status"][data-status="ready"]').waitFor();
  await screenshot(phone, 'order-4-order-ready-en-phone');
  expect(await seriousA11yViolations(phone)).toEqual([]);
  expect(jsErrors(phone)).toEqual([]);
  expect(jsErrors(staff)).toEqual([]);

  for (const p of [phone, staff]) await p.context().close();
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
