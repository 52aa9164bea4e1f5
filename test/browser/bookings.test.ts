import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jsErrors, launchBrowser, openPage, screenshot, seriousA11yViolations, startsPast } from '../support/browser';

// Appointments across four screens: a customer books in Hebrew on a phone, downloads the
// calendar file and moves the booking to the earliest free time; at the branch the kiosk checks
// the code in; a clerk at counter 3 (which serves appointments at tel-aviv-center) calls next and
// gets that booking's number; the staff Bookings tab shows it checked in with that number.
//
// Timing: a customer may book no sooner than 60 minutes ahead, and check-in opens 60 minutes
// before the start, so the earliest bookable slot (slots are 15 minutes) opens for check-in up to
// 15 minutes from now. So that the journey runs at once, the test system's branch opens check-in
// 90 minutes before (a per-branch setting, `appointments.checkInEarlyMinutes`), and puts it back after.
let browser: Browser;
const branchId = 'tel-aviv-center';

async function setCheckInEarly(minutes: number | undefined) {
  if (!process.env.TABLE_NAME) return; // an external system (DALPAK_BASE_URL) keeps its own settings
  const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
  const { db, table } = await import('../../functions/data/client');
  const { keys } = await import('../../functions/data/keys');
  await db.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.branch(branchId),
      ...(minutes === undefined
        ? { UpdateExpression: 'REMOVE appointments' }
        : { UpdateExpression: 'SET appointments = :a', ExpressionAttributeValues: { ':a': { checkInEarlyMinutes: minutes } } }),
    }),
  );
}

beforeAll(async () => {
  browser = await launchBrowser();
  await setCheckInEarly(90);
});
afterAll(async () => {
  await setCheckInEarly(undefined);
  await browser?.close();
});

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const jerusalem = (ms: number, opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jerusalem', ...opts }).format(ms);
const localDay = (ms: number) => jerusalem(ms, { year: 'numeric', month: '2-digit', day: '2-digit' });

/** DTSTART as iCalendar writes it: in UTC (`…Z`) or in the branch's zone (`TZID=Asia/Jerusalem`). */
function dtstarts(ms: number): string[] {
  const utc = new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jerusalem', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  const local = `${parts.year}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}`;
  return [`DTSTART:${utc}`, `DTSTART;TZID=Asia/Jerusalem:${local}`];
}

it('books in Hebrew on a phone, downloads the .ics, moves it, checks in at the kiosk, and counter 3 calls it', async () => {
  // 1. The branch page leads to booking; the one appointment service is already chosen.
  const phone = await openPage(browser, { path: `/b/${branchId}`, lang: 'he', viewport: 'phone' });
  await phone.getByRole('heading', { name: 'קביעת פגישה' }).waitFor();
  await screenshot(phone, 'booking-0-branch-he-phone');
  await phone.getByRole('link', { name: 'לבחירת שעה' }).click();
  await phone.locator('h1', { hasText: 'קביעת פגישה' }).waitFor();
  expect(await phone.getByRole('radio', { name: /פגישות שנקבעו/ }).isChecked()).toBe(true);
  const free = phone.locator('input[name="slot"]:not([disabled])');
  await free.nth(2).waitFor();
  // Book a free time; the move below goes to the earliest one still bookable when it is sent a few
  // seconds later (2 minutes past the 60-minute lead: the first free slot may turn "too soon" meanwhile).
  const [earliest, booked] = (await startsPast(phone, 'slot', 62)) as [number, number];
  await phone.locator(`input[name="slot"][value="${booked}"]`).check();
  await phone.getByLabel('שם', { exact: true }).fill('נועה לוי');
  await phone.getByLabel('טלפון', { exact: true }).fill('050-765-4321');
  await phone.getByLabel('במה תעסוק הפגישה? (לא חובה)').fill('חידוש מנוי עסקי');
  await phone.getByLabel('אני צריך/ה מקום ישיבה').check();
  await phone.getByTestId('booking-summary').waitFor();
  expect(await phone.getAttribute('html', 'dir')).toBe('rtl');
  expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
  await screenshot(phone, 'booking-1-flow-he-phone');
  expect(await seriousA11yViolations(phone)).toEqual([]);

  // 2. Submit → the booking page: confirmation, code, QR, the time chosen, the link to keep.
  await phone.getByRole('button', { name: 'קביעת הפגישה' }).click();
  await phone.waitForURL(/\/a\/[0-9A-Z]{26}#k=.+/);
  await phone.getByTestId('booking-confirmed').getByText('הפגישה נקבעה!').waitFor();
  const code = (await phone.getByTestId('booking-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
  await phone.getByRole('img', { name: `קוד QR של קוד הפגישה ${code}` }).waitFor();
  await phone.locator('[data-testid="booking-status"][data-status="booked"]').waitFor();
  expect(Number(await phone.getByTestId('booking-slot').getAttribute('data-slot-start'))).toBe(booked);
  expect(await phone.getByLabel('הקישור לפגישה שלך').inputValue()).toBe(phone.url());
  expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
  await screenshot(phone, 'booking-2-page-he-phone');
  expect(await seriousA11yViolations(phone)).toEqual([]);

  // 3. The calendar file: an .ics download starting at the booked time.
  const [download] = await Promise.all([phone.waitForEvent('download'), phone.getByRole('button', { name: 'הוספה ליומן (קובץ ICS)' }).click()]);
  expect(download.suggestedFilename()).toBe('dalpak-booking.ics');
  const ics = await readFile((await download.path())!, 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR')).toBe(true);
  expect(dtstarts(booked).some((line) => ics.includes(line))).toBe(true);

  // 4. Move it to the earliest free time: the page shows the new time, the version moves on.
  await phone.getByRole('button', { name: 'שינוי השעה' }).click();
  await phone.getByRole('heading', { name: 'בחירת שעה אחרת' }).waitFor();
  const target = phone.locator(`input[name="slot"][value="${earliest}"]`);
  await target.check();
  await screenshot(phone, 'booking-3-reschedule-he-phone');
  expect(await seriousA11yViolations(phone)).toEqual([]);
  await phone.getByRole('button', { name: 'העברה לשעה הזאת' }).click();
  await phone.getByTestId('booking-moved').waitFor();
  await phone.locator(`[data-testid="booking-slot"][data-slot-start="${earliest}"]`).waitFor();

  // The phone remembers the appointment: the branch list leads back to it.
  await phone.goto(new URL('/', phone.url()).toString());
  await phone.getByRole('heading', { name: 'הפגישות שלך' }).waitFor();
  await phone.getByRole('link', { name: `קוד פגישה ${code}` }).click();
  await phone.locator(`[data-testid="booking-slot"][data-slot-start="${earliest}"]`).waitFor();

  // 5. At the branch, the kiosk (Hebrew): "I have an appointment" → the code, refused in words when wrong.
  const kiosk = await openPage(browser, { path: `/kiosk/${branchId}`, lang: 'he', viewport: 'kiosk' });
  await kiosk.getByRole('button', { name: 'יש לי פגישה' }).click();
  const codeInput = kiosk.getByLabel('קוד פגישה');
  await codeInput.fill('ZZZZZZ'); // Z is not in the code alphabet
  await kiosk.getByRole('button', { name: 'צ׳ק־אין', exact: true }).click();
  await kiosk.getByText('זה לא קוד פגישה. בקוד יש 6 אותיות וספרות — בדקו אותו ונסו שוב.').waitFor();
  expect(await codeInput.getAttribute('aria-invalid')).toBe('true');
  await screenshot(kiosk, 'booking-4-kiosk-code-he-kiosk');
  expect(await seriousA11yViolations(kiosk)).toEqual([]);
  await codeInput.fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`); // typed the way people type
  await kiosk.getByRole('button', { name: 'צ׳ק־אין', exact: true }).click();
  const numberEl = kiosk.getByTestId('kiosk-number');
  await numberEl.waitFor();
  const ticketNumber = (await numberEl.textContent())!.trim();
  expect(ticketNumber).toMatch(/^C\d{3}$/);
  const time = jerusalem(earliest, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  expect(await kiosk.getByTestId('kiosk-booking-status').textContent()).toContain(time);
  expect(await horizontalOverflow(kiosk)).toBeLessThanOrEqual(0);
  await screenshot(kiosk, 'booking-5-kiosk-ticket-he-kiosk');
  expect(await seriousA11yViolations(kiosk)).toEqual([]);

  // The phone learns it was checked in, without a reload (a push, or the next poll).
  await phone.locator('[data-testid="booking-status"][data-status="checked_in"]').waitFor();
  expect(await phone.getByRole('button', { name: 'הגעתי' }).count()).toBe(0);

  // 6. The staff Bookings tab shows it checked in with its queue number.
  const clerk = await openPage(browser, { path: '/staff', lang: 'en', viewport: 'board' });
  await clerk.getByLabel('Email').fill('clerk.tlv@dalpak.test');
  await clerk.getByLabel('Password').fill('demo1234');
  await clerk.getByRole('button', { name: 'Sign in' }).click();
  await clerk.getByRole('link', { name: 'Bookings' }).click();
  await clerk.locator('h1', { hasText: 'Bookings' }).waitFor();
  await clerk.getByLabel('Day', { exact: true }).fill(localDay(earliest));
  const card = clerk.locator(`[data-booking-code="${code}"]`);
  await card.getByText('נועה לוי').waitFor();
  await card.getByText('חידוש מנוי עסקי').waitFor();
  await clerk.locator(`[data-booking-code="${code}"][data-status="checked_in"]`).waitFor();
  await card.getByTestId('booking-ticket').getByText(ticketNumber).waitFor();
  await screenshot(clerk, 'booking-6-staff-bookings-en-board');
  expect(await seriousA11yViolations(clerk)).toEqual([]);

  // 7. A clerk at counter 3 calls next until that number comes (earlier runs may leave tickets behind).
  await clerk.getByRole('link', { name: 'Counter console' }).click();
  await clerk.getByRole('button', { name: /^Counter 3\b/ }).click();
  await clerk.locator('h1', { hasText: 'Counter 3' }).waitFor();
  const open = clerk.getByRole('button', { name: 'Open', exact: true });
  await Promise.race([open.waitFor(), clerk.getByText('Open', { exact: true }).first().waitFor()]);
  if (await open.isVisible()) await open.click();
  const callNext = clerk.getByRole('button', { name: 'Call next' });
  const current = clerk.getByTestId('current-number');
  for (let i = 0; i < 30; i++) {
    if (await current.isVisible()) {
      if ((await current.textContent())?.trim() === ticketNumber) break;
      await clerk.getByRole('button', { name: 'No-show' }).click(); // someone else's ticket, left from earlier
      await current.waitFor({ state: 'detached' });
    }
    await (await callNext.elementHandle())!.waitForElementState('enabled');
    await callNext.click();
    await current.waitFor();
  }
  await current.filter({ hasText: ticketNumber }).waitFor();
  await clerk.getByText('חידוש מנוי עסקי').waitFor(); // the booking's reason is on the console
  await clerk.getByTestId('appointment-at').waitFor(); // and its appointment time
  await screenshot(clerk, 'booking-7-console-called-en-board');
  await clerk.getByRole('button', { name: 'Customer arrived' }).click();
  await clerk.getByRole('button', { name: 'Complete' }).click();
  await current.waitFor({ state: 'detached' });

  for (const p of [phone, kiosk, clerk]) expect(jsErrors(p)).toEqual([]);
  for (const p of [phone, kiosk, clerk]) await p.context().close();
});

it('books in English, shows the other faces in the other language, and a clerk adds and cancels a booking', async () => {
  // The booking flow and page in English at phone size.
  const phone = await openPage(browser, { path: `/b/${branchId}/book`, lang: 'en', viewport: 'phone' });
  try {
    await phone.locator('h1', { hasText: 'Book an appointment' }).waitFor();
    await phone.locator('input[name="slot"]:not([disabled])').first().waitFor();
    await phone.getByRole('button', { name: 'Book this time' }).click(); // nothing chosen or typed yet
    await phone.getByText('Choose a time.').first().waitFor();
    await phone.getByText('Enter your name.').first().waitFor();
    // A time two days ahead: its check-in is surely not open yet.
    await phone.getByRole('group', { name: 'Day' }).getByRole('button').nth(2).click();
    await phone.locator('input[name="slot"]:not([disabled])').first().check();
    await phone.getByLabel('Name', { exact: true }).fill('Dana Cohen');
    await phone.getByLabel('Email', { exact: true }).fill('dana@example.com');
    expect(await phone.getAttribute('html', 'dir')).toBe('ltr');
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'booking-8-flow-en-phone');
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await phone.getByRole('button', { name: 'Book this time' }).click();
    await phone.waitForURL(/\/a\/[0-9A-Z]{26}#k=.+/);
    await phone.getByText('Booked!').waitFor();
    // Check-in is not open yet for a later time: said in words, with when it opens.
    await phone.getByRole('button', { name: "I'm here" }).click();
    await phone.getByText(/^It is too early to check in: check-in opens /).waitFor();
    await screenshot(phone, 'booking-9-page-en-phone');
    expect(await seriousA11yViolations(phone)).toEqual([]);
    // Cancel asks first, then the page says so.
    await phone.getByRole('button', { name: 'Cancel appointment' }).click();
    await phone.getByRole('button', { name: 'Yes, cancel it' }).click();
    await phone.locator('[data-testid="booking-status"][data-status="cancelled"]').waitFor();
    await phone.getByRole('link', { name: 'Book another time' }).waitFor();
    expect(jsErrors(phone)).toEqual([]);
  } finally {
    await phone.context().close();
  }

  // The kiosk's code entry in English, at kiosk and phone sizes.
  for (const viewport of ['kiosk', 'phone'] as const) {
    const kiosk = await openPage(browser, { path: `/kiosk/${branchId}`, lang: 'en', viewport });
    try {
      await kiosk.getByRole('button', { name: 'I have an appointment' }).waitFor();
      await screenshot(kiosk, `booking-10-kiosk-start-en-${viewport}`);
      await kiosk.getByRole('button', { name: 'I have an appointment' }).click();
      await kiosk.getByLabel('Booking code').fill('CCCCCC'); // well formed, but nobody's booking
      await kiosk.getByRole('button', { name: 'Check in', exact: true }).click();
      await kiosk.getByText('We could not find an appointment with this code at this branch. Please check the code.').waitFor();
      expect(await horizontalOverflow(kiosk)).toBeLessThanOrEqual(0);
      await screenshot(kiosk, `booking-11-kiosk-unknown-en-${viewport}`);
      expect(await seriousA11yViolations(kiosk)).toEqual([]);
      expect(jsErrors(kiosk)).toEqual([]);
    } finally {
      await kiosk.context().close();
    }
  }

  // The staff Bookings tab in Hebrew: a manager adds a booking for a caller, then cancels it.
  for (const viewport of ['board', 'phone'] as const) {
    const staff = await openPage(browser, { path: '/staff/bookings', lang: 'he', viewport });
    try {
      await staff.getByLabel('דוא״ל').fill('manager@dalpak.test');
      await staff.getByLabel('סיסמה').fill('demo1234');
      await staff.getByRole('button', { name: 'כניסה' }).click();
      await staff.locator('h1', { hasText: 'פגישות' }).waitFor();
      await staff.getByLabel('סניף').selectOption(branchId);
      await staff.getByRole('button', { name: 'הוספת פגישה' }).click();
      const slot = staff.getByLabel('שעה', { exact: true });
      const offered = staff.locator('select[name="slot"] option:not([disabled])');
      await offered.first().waitFor({ state: 'attached' });
      // The slot under way if it has room (a caller at the desk), else the next one.
      const starts = (await offered.evaluateAll((os) => os.map((o) => Number((o as HTMLOptionElement).value)))).filter((v) => v > 0);
      const underWay = starts.find((v) => v <= Date.now());
      await slot.selectOption(String(underWay ?? starts[0]));
      const name = viewport === 'board' ? 'משה כהן' : 'רות אברהם';
      await staff.getByLabel('שם', { exact: true }).fill(name);
      await staff.getByLabel('טלפון', { exact: true }).fill(viewport === 'board' ? '052-111-2233' : '052-444-5566');
      await staff.getByLabel('במה תעסוק הפגישה? (לא חובה)').fill('בירור חשבון בטלפון');
      expect(await horizontalOverflow(staff)).toBeLessThanOrEqual(0);
      await screenshot(staff, `booking-12-staff-add-he-${viewport}`);
      expect(await seriousA11yViolations(staff)).toEqual([]);
      await staff.getByRole('button', { name: 'קביעה', exact: true }).click();
      const info = staff.getByTestId('bookings-info');
      await info.getByText(new RegExp(`נקבעה פגישה עבור ${name}`)).waitFor();
      const added = (await info.textContent())!.match(/קוד ([A-Z0-9]{6})/)![1]!;
      const card = staff.locator(`[data-booking-code="${added}"]`);
      await card.getByText(name).waitFor();
      if (underWay !== undefined) {
        // Its time has begun but the grace has not ended: a no-show is refused, and said with the time it becomes possible.
        await card.getByRole('button', { name: 'לא הגיע/ה' }).click();
        await card.getByText(/^עוד לא: הלקוח\/ה יכול\/ה לעשות צ׳ק־אין עד /).waitFor();
      }
      await screenshot(staff, `booking-13-staff-day-he-${viewport}`);
      expect(await seriousA11yViolations(staff)).toEqual([]);
      await card.getByRole('button', { name: 'ביטול' }).click();
      await card.getByRole('button', { name: 'כן, לבטל' }).click();
      await staff.locator(`[data-booking-code="${added}"][data-status="cancelled"]`).waitFor();
      await info.getByText(`הפגישה ${added} בוטלה.`).waitFor();
      expect(jsErrors(staff)).toEqual([]);
    } finally {
      await staff.context().close();
    }
  }
});
