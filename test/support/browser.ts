import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';

export { chromiumArgs, launchBrowser } from './chromium';

export const viewports = {
  phone: { width: 360, height: 740 },
  kiosk: { width: 1080, height: 1920 },
  board: { width: 1920, height: 1080 },
} as const;
export type ViewportName = keyof typeof viewports;
export type Lang = 'he' | 'en';

export const baseUrl = (): string => inject('baseUrl');

/**
 * A fresh context (own storage) per page, so faces never share tokens or language choices.
 * A kiosk or board page opens as the branch's enrolled demo device (its token in the #fragment,
 * as `npm start` prints it), unless `enrolled: false` (the enrolment screen).
 */
export async function openPage(
  browser: Browser,
  opts: { path: string; lang: Lang; viewport: ViewportName; enrolled?: boolean },
  initScript?: () => void,
): Promise<Page> {
  const context = await browser.newContext({
    viewport: viewports[opts.viewport],
    locale: opts.lang === 'he' ? 'he-IL' : 'en-US',
    timezoneId: 'Asia/Jerusalem',
    reducedMotion: 'reduce',
  });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { jsErrors?: string[] }).jsErrors = errors;
  const url = new URL(opts.path, baseUrl());
  if (!url.searchParams.has('lang')) url.searchParams.set('lang', opts.lang);
  const face = /^\/(kiosk|board)\/([^/?#]+)/.exec(url.pathname);
  const demo = face && opts.enrolled !== false && !url.hash ? inject('demoDevices')[`${face[1]}:${decodeURIComponent(face[2]!)}`] : undefined;
  if (demo) url.hash = `device=${demo}`;
  await page.goto(url.toString());
  return page;
}

export const jsErrors = (page: Page): string[] => (page as Page & { jsErrors?: string[] }).jsErrors ?? [];

export const screenshotDir = join(process.cwd(), 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** axe-core WCAG 2.1 A/AA rules; returns only serious and critical findings, readable. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

/**
 * The starts of the free choices of a time picker (`window` or `slot` radios) that stay bookable
 * when the form is sent: at least `minutes` (the lead plus a margin) from now. The first free one
 * may turn "too soon" (409) between the page drawing it and the click, at a quarter past the hour.
 */
export async function startsPast(page: Page, name: 'window' | 'slot', minutes: number): Promise<number[]> {
  await page.locator(`input[name="${name}"]`).first().waitFor();
  const starts = await page.locator(`input[name="${name}"]:not([disabled])`).evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value)));
  return starts.filter((s) => s >= Date.now() + minutes * 60_000);
}

/** A free pickup window 3 minutes past the 30-minute preparation lead. */
export async function pickupWindowWithMargin(page: Page, leadMinutes = 30, marginMinutes = 3) {
  const [start] = await startsPast(page, 'window', leadMinutes + marginMinutes);
  if (start === undefined) throw new Error(`no pickup window today starts ${leadMinutes + marginMinutes}+ minutes from now (a run just before midnight)`);
  return page.locator(`input[name="window"][value="${start}"]`);
}
