// Web weight: what a phone or a screen downloads to show each face (JS and CSS, gzip), read
// from the built app (web/dist, `npm run build:web` first): the entry chunk and stylesheet
// every face shares, plus the face's lazy chunk and everything Vite preloads with it (the
// __vite__mapDeps list of its dynamic import, checked against the chunks' static imports).
// Then Lighthouse (mobile: emulated phone, simulated slow 4G and CPU) on Debian's Chromium
// against the whole local system: the customer's ticket page and the kiosk.
import lighthouse from 'lighthouse';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startLocal } from '../bin/local/runtime';
import { chromiumArgs } from '../test/support/chromium';
import { emit, isMain } from './lib/child';
import { round } from './lib/stats';

const dist = fileURLToPath(new URL('../web/dist/', import.meta.url));
// Kiosk and board pages load behind their device gate (issue 7): KioskFace and BoardFace hold them.
const faces = { ticket: 'TicketPage', kiosk: 'KioskFace', console: 'Staff', board: 'BoardFace' } as const;

/** The files a face needs on first load, by the built app's own import graph. */
function faceFiles(face: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const shared = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const entry = shared.find((f) => f.endsWith('.js'))!;
  const entryCode = readFileSync(join(dist, entry), 'utf8');
  const list = /m\.f=\[([^\]]+)\]/.exec(entryCode)?.[1]?.split(',').map((s) => s.trim().replace(/^["'`]|["'`]$/g, '')) ?? [];
  const chunk = readdirSync(join(dist, 'assets')).find((f) => f.startsWith(`${face}-`) && f.endsWith('.js'));
  if (!chunk) throw new Error(`No chunk for ${face} in web/dist/assets`);
  const call = new RegExp(`import\\(\`\\./${chunk.replace(/[.$]/g, '\\$&')}\`\\),__vite__mapDeps\\(\\[([\\d,]+)\\]\\)`).exec(entryCode);
  const preloaded = call ? call[1]!.split(',').map((i) => list[Number(i)]!) : [`assets/${chunk}`];
  // The static imports of the face's chunk, transitively (a cross-check: Vite preloads them all).
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(join(dist, file), 'utf8').matchAll(/(?:from|import)\s*["'`]\.\/([^"'`]+\.js)["'`]/g)) walk(`assets/${m[1]}`);
  };
  walk(`assets/${chunk}`);
  return [...new Set([...shared, ...preloaded, ...seen])];
}

function weight(files: string[]) {
  const gz = (ext: string) => files.filter((f) => f.endsWith(ext)).reduce((s, f) => s + gzipSync(readFileSync(join(dist, f))).length, 0);
  return { jsGzipKB: round(gz('.js') / 1024, 1), cssGzipKB: round(gz('.css') / 1024, 1), files: files.length };
}

/** Debian's Chromium with the shared headless flags and a debugging port for Lighthouse. */
async function chromium(): Promise<{ port: number; stop: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'dalpak-lighthouse-'));
  const child = spawn(process.env.CHROME_PATH ?? '/usr/bin/chromium', [...chromiumArgs, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stop = async () => {
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r).kill('SIGKILL'));
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  };
  process.once('exit', () => child.kill('SIGKILL')); // never outlive this benchmark
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) resolve({ port: Number(m[1]), stop });
    });
    child.once('exit', (code) => reject(new Error(`Chromium ended (${code}) before listening:\n${err.slice(-1000)}`)));
  });
}

async function audit(url: string, port: number) {
  const run = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
  if (!run) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { categories, audits } = run.lhr;
  const ms = (id: string) => round(audits[id]?.numericValue ?? NaN, 0);
  return {
    performance: Math.round((categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
    firstContentfulPaintMs: ms('first-contentful-paint'),
    largestContentfulPaintMs: ms('largest-contentful-paint'),
    totalBlockingTimeMs: ms('total-blocking-time'),
    cumulativeLayoutShift: round(audits['cumulative-layout-shift']?.numericValue ?? NaN, 3),
    // What keeps a score below 100, by audit id.
    accessibilityFailures: (categories.accessibility?.auditRefs ?? []).filter((r) => r.weight > 0 && audits[r.id]?.score === 0).map((r) => r.id),
  };
}

export async function runWebWeight() {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('Build the web app first (npm run bench does)');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const bytes = { ...Object.fromEntries(Object.entries(faces).map(([name, chunk]) => [name, weight(faceFiles(chunk))])), 'of which the shared entry': weight(entry) };
  const system = await startLocal({ port: 0, quiet: true });
  const browser = await chromium();
  const kioskToken = system.demoDevices.find((d) => d.kind === 'kiosk' && d.branchId === 'tel-aviv-center')!.token;
  try {
    const res = await fetch(`${system.url}/api/branches/tel-aviv-center/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-token': kioskToken },
      body: JSON.stringify({ serviceId: 'general', channel: 'kiosk', language: 'en', needs: [], deviceId: `lighthouse-${Date.now()}` }),
    });
    const taken = (await res.json()) as { ticket: { id: string }; token: string };
    const lighthouseMobile = {
      ticket: await audit(`${system.url}/t/${taken.ticket.id}?lang=en#k=${taken.token}`, browser.port),
      // As the enrolled demo kiosk (a fresh Lighthouse profile keeps the token from the link).
      kiosk: await audit(`${system.url}/kiosk/tel-aviv-center?lang=en#device=${kioskToken}`, browser.port),
    };
    return { bytes, lighthouseMobile };
  } finally {
    await browser.stop();
    await system.stop();
  }
}

if (isMain(import.meta.url)) emit(await runWebWeight());
