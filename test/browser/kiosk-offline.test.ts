import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { baseUrl, jsErrors, launchBrowser, openPage, seriousA11yViolations, type Lang } from '../support/browser';

// Issue 10, degraded mode: the kiosk takes a block of numbers while the API is up; with the
// API unreachable it keeps printing consecutive numbers from that block (a reload included)
// and the board says it is offline; once the API is back, the kiosk sends its tickets and
// they are in the queue, in order, each once — and the board recovers by itself.
const shots = '/tmp/shots-kiosk';
let browser: Browser;
beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const stopApi = (context: BrowserContext) => context.route('**/api/**', (r) => r.abort('connectionrefused'));
const startApi = (context: BrowserContext) => context.unroute('**/api/**');

interface Kept {
  blocks: Record<string, { id: string; from: number; to: number; next: number; prefix: string }>;
  outbox: { seq: number; number: string }[];
}
const kept = (page: Page, branchId: string): Promise<Kept> =>
  page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{"blocks":{},"outbox":[]}'), `dalpak.kiosk.${branchId}`);

async function clerkQueue(branchId: string, email: string) {
  const signIn = await fetch(`${baseUrl()}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo1234' }) });
  const { token } = (await signIn.json()) as { token: string };
  const res = await fetch(`${baseUrl()}/api/branches/${branchId}/queue`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as { waiting: { number: string; serviceId: string; channel: string; joinedAt: number; language: string }[] };
}

const cases: { lang: Lang; branchId: string; clerk: string; service: RegExp; serviceId: string; prefix: string; t: Record<string, string | RegExp> }[] = [
  {
    lang: 'en',
    branchId: 'tel-aviv-center',
    clerk: 'clerk.tlv@dalpak.test',
    service: /General service/,
    serviceId: 'general',
    prefix: 'A',
    t: { banner: 'No connection right now', tag: 'Offline ticket', note: 'the clerk will call your number out', done: 'Done', board: 'Offline — please listen to the clerk', pending: /2 tickets from this kiosk will join the queue/ },
  },
  {
    lang: 'he',
    branchId: 'haifa-port',
    clerk: 'clerk.haifa@dalpak.test',
    service: /מסמכים ואישורים/,
    serviceId: 'documents',
    prefix: 'D',
    t: { banner: 'אין חיבור כרגע', tag: 'כרטיס ללא חיבור', note: 'הפקידים יקראו למספר שלך בקול', done: 'סיום', board: 'אין חיבור — נא להקשיב לקריאת הפקידים', pending: /2 כרטיסים מהעמדה הזאת יצטרפו לתור/ },
  },
];

for (const c of cases) {
  it(`keeps numbering from the kiosk's reserve while the API is down, and reconciles them in order (${c.lang})`, async () => {
    const kiosk = await openPage(browser, { path: `/kiosk/${c.branchId}`, lang: c.lang, viewport: 'kiosk' });
    const board = await openPage(browser, { path: `/board/${c.branchId}`, lang: c.lang, viewport: 'board' });
    await kiosk.getByRole('button', { name: c.service }).waitFor();

    // 1. Online: the kiosk reserves a block per walk-in service, then a normal ticket is taken.
    await expect.poll(async () => (await kept(kiosk, c.branchId)).blocks[c.serviceId], { timeout: 15_000 }).toBeTruthy();
    const block = (await kept(kiosk, c.branchId)).blocks[c.serviceId]!;
    expect(block.next).toBe(block.from);
    await kiosk.getByRole('button', { name: c.service }).click();
    const online = (await kiosk.getByTestId('kiosk-number').textContent())!.trim();
    // Online numbers count up from 001 and blocks down from 999: they never meet.
    expect(block.to).toBeLessThanOrEqual(999);
    expect(Number(online.slice(1))).toBeLessThan(block.from);
    await kiosk.getByRole('button', { name: c.t.done, exact: true }).click();

    // 2. The API stops answering: the kiosk prints the block's numbers, consecutively.
    await stopApi(kiosk.context());
    await stopApi(board.context());
    const printed: string[] = [];
    for (let i = 0; i < 2; i++) {
      await kiosk.getByRole('button', { name: c.service }).click();
      await kiosk.getByTestId('kiosk-offline-tag').waitFor();
      printed.push((await kiosk.getByTestId('kiosk-number').textContent())!.trim());
      await kiosk.getByText(c.t.note as string, { exact: false }).first().waitFor();
      if (i === 0) {
        await kiosk.getByText(c.t.banner as string, { exact: false }).waitFor();
        expect(await kiosk.locator('figure[data-ticket-link]').count()).toBe(0); // a paper ticket has no link
        await kiosk.screenshot({ path: `${shots}/kiosk-offline-ticket-${c.lang}-1080x1920.png` });
        expect(await seriousA11yViolations(kiosk)).toEqual([]);
      }
      await kiosk.getByRole('button', { name: c.t.done, exact: true }).click();
    }
    // A reload during the outage: services from the kept copy, and the next number, not a repeat.
    await kiosk.reload();
    await kiosk.getByRole('button', { name: c.service }).waitFor();
    await kiosk.getByText(c.t.pending as RegExp).waitFor();
    await kiosk.screenshot({ path: `${shots}/kiosk-offline-start-${c.lang}-1080x1920.png` });
    expect(await seriousA11yViolations(kiosk)).toEqual([]);
    await kiosk.getByRole('button', { name: c.service }).click();
    await kiosk.getByTestId('kiosk-offline-tag').waitFor();
    printed.push((await kiosk.getByTestId('kiosk-number').textContent())!.trim());
    const pad = (n: number) => `${c.prefix}${String(n).padStart(3, '0')}`;
    expect(printed).toEqual([pad(block.from), pad(block.from + 1), pad(block.from + 2)]);
    expect((await kept(kiosk, c.branchId)).outbox.map((t) => t.number)).toEqual(printed);
    // The same screen at phone width (the receipt column must still fit).
    await kiosk.setViewportSize({ width: 360, height: 900 });
    await kiosk.screenshot({ path: `${shots}/kiosk-offline-ticket-${c.lang}-360.png`, fullPage: true });
    expect(await kiosk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await kiosk.setViewportSize({ width: 1080, height: 1920 });
    await kiosk.getByRole('button', { name: c.t.done, exact: true }).click();

    // 3. The board says it is offline instead of showing old numbers.
    await board.getByTestId('board-offline').getByText(c.t.board as string).waitFor({ timeout: 60_000 });
    await board.screenshot({ path: `${shots}/board-offline-${c.lang}-1920x1080.png` });
    expect(await seriousA11yViolations(board)).toEqual([]);

    // 4. The API is back: the kiosk sends its tickets; they join the queue in print order, once each.
    await startApi(kiosk.context());
    await startApi(board.context());
    await expect.poll(async () => (await kept(kiosk, c.branchId)).outbox.length, { timeout: 30_000 }).toBe(0);
    await kiosk.getByTestId('kiosk-offline').waitFor({ state: 'detached', timeout: 20_000 });
    const queue = await clerkQueue(c.branchId, c.clerk);
    const mine = queue.waiting.filter((t) => t.serviceId === c.serviceId);
    const numbers = mine.map((t) => t.number);
    expect(numbers.filter((n) => printed.includes(n))).toEqual(printed);
    expect(new Set(numbers).size).toBe(numbers.length);
    // Before them in line: the online ticket, taken before the outage.
    expect(numbers.indexOf(online)).toBeLessThan(numbers.indexOf(printed[0]!));
    expect(mine.filter((t) => printed.includes(t.number)).every((t) => t.channel === 'kiosk' && t.language === c.lang)).toBe(true);

    // 5. The board comes back by itself.
    await board.getByTestId('board-offline').waitFor({ state: 'detached', timeout: 30_000 });
    await board.getByRole('heading', { level: 2 }).first().waitFor();
    expect(jsErrors(kiosk)).toEqual([]);
    expect(jsErrors(board)).toEqual([]);
    await kiosk.context().close();
    await board.context().close();
  });
}
