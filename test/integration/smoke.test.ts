import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSmoke } from '../../bin/smoke';
import { startLocal, type LocalSystem } from '../../bin/local/runtime';
import { call } from '../support/api';

// The smoke run of issue 10 against a whole local Dalpak (as `npm start` serves it), and its
// failures: API down, headers missing. CI also runs `npm run smoke` against `npm start`.
let system: LocalSystem;
const run = promisify(execFile);

beforeAll(async () => {
  // A stand-in web build: this suite checks the server's headers, not the app.
  const web = mkdtempSync(join(tmpdir(), 'dalpak-smoke-web-'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Dalpak</title>');
  process.env.DALPAK_WEB_DIST = web;
  system = await startLocal({ port: 0, quiet: true, existingTable: { endpoint: process.env.DYNAMODB_ENDPOINT!, tableName: process.env.TABLE_NAME! } });
});
afterAll(async () => {
  await system?.stop();
});

async function waitingIn(branchId: string): Promise<number> {
  const r = await call('GET', `/api/branches/${branchId}`);
  return (r.body as { services: { waiting: number }[] }).services.reduce((n, s) => n + s.waiting, 0);
}

describe('npm run smoke', () => {
  it('passes every step against a running Dalpak and leaves no ticket waiting', async () => {
    const before = await waitingIn('tel-aviv-center');
    const steps = await runSmoke(system.url, { branch: 'tel-aviv-center' });
    expect(steps.filter((s) => !s.ok)).toEqual([]);
    expect(steps.map((s) => s.name)).toEqual([
      'OpenAPI document reachable',
      'Security headers on the web app and the API',
      'Branch list',
      'Take a ticket',
      'The ticket is private to its token',
      'Cancel the ticket',
    ]);
    expect(await waitingIn('tel-aviv-center')).toBe(before);
  });

  it('refuses to guess a branch on a deployed site and names an unknown one', async () => {
    const unknown = await runSmoke(system.url, { branch: 'no-such-branch' });
    expect(unknown.find((s) => s.name === 'Branch list')).toMatchObject({ ok: false, detail: expect.stringContaining('no-such-branch') });
    expect(unknown.some((s) => s.name === 'Take a ticket')).toBe(false);
  });

  it('fails, and the command exits non-zero, when the API is down', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as { port: number }).port;
    await new Promise((r) => dead.close(r)); // nothing listens there any more
    const steps = await runSmoke(`http://127.0.0.1:${port}`);
    expect(steps.every((s) => !s.ok)).toBe(true);
    expect(steps[0]?.detail).toMatch(/unreachable/);

    const cli = await run('npx', ['tsx', 'bin/smoke.ts', `http://127.0.0.1:${port}`]).then(
      () => ({ code: 0, out: '' }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/FAIL {2}OpenAPI document reachable/);
  }, 60_000);

  it('fails when the security headers are missing', async () => {
    // An API that answers like Dalpak but without the headers CloudFront must add.
    const bare: Server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': req.url === '/' ? 'text/html' : 'application/json' });
      res.end(req.url === '/api/openapi.json' ? JSON.stringify({ openapi: '3.1.0', paths: { '/api/branches': {} } }) : req.url === '/' ? '<!doctype html>' : '{"branches":[]}');
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    try {
      const steps = await runSmoke(`http://127.0.0.1:${(bare.address() as { port: number }).port}`);
      const headers = steps.find((s) => s.name.startsWith('Security headers'));
      expect(headers).toMatchObject({ ok: false, detail: expect.stringContaining('content-security-policy') });
    } finally {
      await new Promise((r) => bare.close(r));
    }
  });
});
