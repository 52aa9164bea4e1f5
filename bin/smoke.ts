// `npm run smoke -- <base URL> [--branch <id>]`: a short, safe journey against any running
// Dalpak, local or deployed. It takes one ticket on a test branch and cancels it again, so it
// leaves nothing waiting. Exits non-zero when any step fails.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export interface SmokeStep {
  name: string;
  ok: boolean;
  detail: string;
}

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

class StepFailed extends Error {}

const requiredHeaders: Record<string, (v: string) => boolean> = {
  'content-security-policy': (v) => /default-src/.test(v) && /frame-ancestors 'none'/.test(v),
  'x-content-type-options': (v) => v.toLowerCase() === 'nosniff',
  'referrer-policy': (v) => v.length > 0,
};

async function call(base: string, path: string, init: RequestInit = {}): Promise<Reply> {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (e) {
    throw new StepFailed(`${init.method ?? 'GET'} ${path}: unreachable (${(e as Error).cause ? String((e as { cause: unknown }).cause) : (e as Error).message})`);
  }
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new StepFailed(`${path}: says JSON but is not`);
    }
  }
  return { status: res.status, headers: res.headers, body };
}

function expectStatus(r: Reply, status: number, what: string): void {
  if (r.status !== status) throw new StepFailed(`${what}: HTTP ${r.status}, expected ${status} ${JSON.stringify(r.body).slice(0, 200)}`);
}

function missingHeaders(headers: Headers): string[] {
  return Object.entries(requiredHeaders)
    .filter(([name, ok]) => !ok(headers.get(name) ?? ''))
    .map(([name]) => name);
}

const isLoopback = (base: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(base).hostname);

type Branch = { id: string };
type Service = { id: string; kind: string };

/** Runs every step in order; a failed step stops the ones that depend on it. */
export async function runSmoke(baseUrl: string, opts: { branch?: string } = {}): Promise<SmokeStep[]> {
  const base = baseUrl.replace(/\/$/, '');
  const steps: SmokeStep[] = [];
  const step = async (name: string, fn: () => Promise<string>) => {
    try {
      steps.push({ name, ok: true, detail: await fn() });
      return true;
    } catch (e) {
      steps.push({ name, ok: false, detail: e instanceof StepFailed ? e.message : String(e) });
      return false;
    }
  };

  await step('OpenAPI document reachable', async () => {
    const r = await call(base, '/api/openapi.json');
    expectStatus(r, 200, 'openapi.json');
    const doc = r.body as { openapi?: string; paths?: Record<string, unknown> };
    if (!doc.openapi?.startsWith('3.') || !doc.paths?.['/api/branches']) throw new StepFailed('openapi.json is not the Dalpak OpenAPI 3 document');
    return `OpenAPI ${doc.openapi}, ${Object.keys(doc.paths).length} paths`;
  });

  await step('Security headers on the web app and the API', async () => {
    const web = await call(base, '/');
    expectStatus(web, 200, 'the web app (/)');
    const api = await call(base, '/api/branches');
    const missing = [...missingHeaders(web.headers).map((h) => `web: ${h}`), ...missingHeaders(api.headers).map((h) => `api: ${h}`)];
    if (base.startsWith('https:') && !web.headers.get('strict-transport-security')) missing.push('web: strict-transport-security');
    if (missing.length) throw new StepFailed(`missing or weak: ${missing.join(', ')}`);
    return `${Object.keys(requiredHeaders).join(', ')} present`;
  });

  let branchId = opts.branch;
  let serviceId = '';
  const listed = await step('Branch list', async () => {
    const r = await call(base, '/api/branches');
    expectStatus(r, 200, 'GET /api/branches');
    const branches = (r.body as { branches?: Branch[] }).branches ?? [];
    if (!branches.length) throw new StepFailed('no branches');
    // Never a real branch by accident: a named one, one kept for tests, or (on a laptop) the first.
    branchId ??= branches.find((b) => /^(test|smoke)/.test(b.id))?.id ?? (isLoopback(base) ? branches[0]?.id : undefined);
    if (!branchId) throw new StepFailed('no test branch: pass --branch <id> of a branch kept for tests');
    if (!branches.some((b) => b.id === branchId)) throw new StepFailed(`branch ${branchId} is not listed`);
    const detail = await call(base, `/api/branches/${encodeURIComponent(branchId)}`);
    expectStatus(detail, 200, `GET /api/branches/${branchId}`);
    const service = ((detail.body as { services?: Service[] }).services ?? []).find((s) => s.kind === 'walkin');
    if (!service) throw new StepFailed(`branch ${branchId} has no walk-in service`);
    serviceId = service.id;
    return `${branches.length} branches; testing ${branchId} / ${serviceId}`;
  });
  if (!listed) return steps;

  let ticket: { id: string; token: string } | undefined;
  const took = await step('Take a ticket', async () => {
    const r = await call(base, `/api/branches/${encodeURIComponent(branchId!)}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ serviceId, channel: 'mobile', language: 'en', deviceId: `smoke-${randomUUID().slice(0, 18)}` }),
    });
    expectStatus(r, 201, 'takeTicket');
    const b = r.body as { ticket?: { id: string; number: string; status: string }; token?: string };
    if (!b.ticket || !b.token || b.ticket.status !== 'waiting') throw new StepFailed('takeTicket gave no waiting ticket with a token');
    ticket = { id: b.ticket.id, token: b.token };
    return `ticket ${b.ticket.number}`;
  });
  if (!took || !ticket) return steps;
  const t = ticket;

  await step('The ticket is private to its token', async () => {
    const anon = await call(base, `/api/tickets/${t.id}`);
    if (anon.status < 400 || anon.status >= 500) throw new StepFailed(`without its token the ticket answered HTTP ${anon.status}`);
    const own = await call(base, `/api/tickets/${t.id}`, { headers: { 'x-customer-token': t.token } });
    expectStatus(own, 200, 'getTicket with its token');
    return `HTTP ${anon.status} without the token, 200 with it`;
  });

  await step('Cancel the ticket', async () => {
    const r = await call(base, `/api/tickets/${t.id}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-customer-token': t.token },
      body: JSON.stringify({ action: 'cancel' }),
    });
    expectStatus(r, 200, 'cancel');
    const status = (r.body as { status?: string }).status;
    if (status !== 'cancelled') throw new StepFailed(`after cancel the ticket is ${status}`);
    return 'cancelled';
  });
  return steps;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, strict: false, allowPositionals: true, options: { branch: { type: 'string' } } });
  const base = positionals.find((a) => /^https?:\/\//.test(a));
  if (!base) {
    console.error('usage: npm run smoke -- <base URL, e.g. http://127.0.0.1:3000> [--branch <test branch id>]');
    return 2;
  }
  const steps = await runSmoke(base, { branch: values.branch as string | undefined });
  for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'}  ${s.name}: ${s.detail}`);
  const failed = steps.filter((s) => !s.ok).length;
  console.log(failed ? `\nsmoke: ${failed} step(s) failed against ${base}` : `\nsmoke: all ${steps.length} steps passed against ${base}`);
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
