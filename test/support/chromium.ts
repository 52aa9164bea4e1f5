import { chromium, type Browser } from 'playwright-core';

// Debian's Chromium driven by playwright-core (never `npx playwright install`: no downloads here).
// Flags from STACK.md: headless in a container, no network chatter, no GPU. Shared by the
// browser suite and the benchmarks.
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  // launch() uses a fresh temporary profile (user-data-dir) every time.
  return chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
}
