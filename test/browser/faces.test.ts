import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsErrors, launchBrowser, openPage, screenshot, seriousA11yViolations, type Lang, type ViewportName } from '../support/browser';

// Every face opens in Hebrew (RTL) and English (LTR), shows its known heading once loaded,
// is screenshotted for review (test-results/screenshots) and has no serious axe findings.
interface FaceCase {
  face: string;
  path: string;
  viewports: ViewportName[];
  heading: Record<Lang, string>;
  /** Something that only appears once the face's data arrived. */
  ready: (page: Page, lang: Lang) => Promise<unknown>;
}

const byText = (page: Page, text: string) => page.getByText(text, { exact: false }).first().waitFor();

const faces: FaceCase[] = [
  {
    face: 'customer',
    path: '/',
    viewports: ['phone'],
    heading: { he: 'בחירת סניף', en: 'Choose a branch' },
    ready: (page, lang) => byText(page, lang === 'he' ? 'דלפק תל אביב מרכז' : 'Dalpak Tel Aviv Center'),
  },
  {
    face: 'branch',
    path: '/b/tel-aviv-center',
    viewports: ['phone'],
    heading: { he: 'דלפק תל אביב מרכז', en: 'Dalpak Tel Aviv Center' },
    ready: (page, lang) => byText(page, lang === 'he' ? 'שירות כללי' : 'General service'),
  },
  {
    face: 'kiosk',
    path: '/kiosk/tel-aviv-center',
    viewports: ['kiosk', 'phone'],
    heading: { he: 'קבלת מספר', en: 'Take a number' },
    ready: (page, lang) => byText(page, lang === 'he' ? 'שירות כללי' : 'General service'),
  },
  {
    face: 'staff',
    path: '/staff',
    viewports: ['phone', 'board'],
    heading: { he: 'כניסת צוות', en: 'Staff sign-in' },
    ready: (page) => page.locator('input[type=email]').waitFor(),
  },
  {
    face: 'board',
    path: '/board/tel-aviv-center',
    viewports: ['board', 'phone'],
    heading: { he: 'דלפק תל אביב מרכז', en: 'Dalpak Tel Aviv Center' },
    ready: (page, lang) => byText(page, lang === 'he' ? 'זמני המתנה' : 'Current waits'),
  },
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(faces)('the $face face', (f) => {
  for (const lang of ['he', 'en'] as const) {
    for (const viewport of f.viewports) {
      it(`opens in ${lang === 'he' ? 'Hebrew, right to left' : 'English, left to right'} at ${viewport} size, with no serious axe findings`, async () => {
        const page = await openPage(browser, { path: f.path, lang, viewport });
        try {
          await f.ready(page, lang);
          await page.locator('h1', { hasText: f.heading[lang] }).waitFor();
          expect(await page.getAttribute('html', 'dir')).toBe(lang === 'he' ? 'rtl' : 'ltr');
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          // Nothing may spill sideways at 360 px (the page would scroll horizontally).
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow).toBeLessThanOrEqual(0);
          await screenshot(page, `${f.face}-${lang}-${viewport}`);
          expect(await seriousA11yViolations(page)).toEqual([]);
          expect(jsErrors(page)).toEqual([]);
        } finally {
          await page.context().close();
        }
      });
    }
  }
});
