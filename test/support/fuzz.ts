import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { call, signIn } from './api';
import { acceptedBy, fillPath, routeSamples, routesWithInput, sendable, type RouteSample } from './route-samples';
import { db, table } from '../../functions/data/client';
import { routes, type ContextName, type RouteDef } from '../../functions/routes';

// Issue 7, acceptance 2: every route with a body, path parameters or a query is fed at least
// 1,000 (FUZZ_RUNS) requests that its schemas refuse — arbitrary JSON and garbage, mutations of a
// valid request (a wrong type, a missing field, a 1 MB string, a number out of range, an
// unknown key, __proto__/constructor keys, 200-deep nesting, a wrong content type) and hostile
// path parameters. Each answer is a 4xx with a structured error, nothing is stored (the table's
// item count, idempotency records included, is the same after the route's runs) and no
// prototype is polluted. Each case is checked against the route's own zod schemas first, so a
// mutation that happens to be valid is never sent: the expectation is always "refused".
// The routes are split by context over two test files (two workers, two tables), see fuzzGroups.
const numRuns = Number(process.env.FUZZ_RUNS ?? 1000);

const MB = 'x'.repeat(1 << 20);
const nested = (depth: number): unknown => (depth === 0 ? 'deep' : { a: nested(depth - 1) });
const deep = nested(200);
const deepArrays = JSON.parse('['.repeat(200) + ']'.repeat(200)) as unknown;
const PROTO = '"__fuzz_proto_key__"';

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '__proto__',
    'constructor',
    'prototype',
    '../../etc/passwd',
    '..',
    '%00',
    '\u0000',
    '\uD800',
    '<script>alert(1)</script>',
    "' OR '1'='1",
    '${jndi:ldap://x}',
    'TEL-AVIV-CENTER',
    'tel-aviv-center/../haifa-port',
    '01JZZZZZZZZZZZZZZZZZZZZZZZ ',
    '01jzzzzzzzzzzzzzzzzzzzzzzz',
    '0'.repeat(27),
    'ticket#01JZZZZZZZZZZZZZZZZZZZZZZZ',
  ),
  fc.constant('y'.repeat(5_000)),
);
/** Path and query values: what can be percent-encoded (bodies get the raw strings). */
const hostileUrlValue = hostileString.map(sendable);
const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(-1, 0, 1.5, -1e15, 1e15, Number.MAX_SAFE_INTEGER * 4, 1e308, -0),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { maxKeys: 3 }),
  hostileString,
  fc.constant(MB),
  fc.constant(deep),
  fc.constant(deepArrays),
);

interface Case extends RouteSample {
  /** Sent as is instead of the JSON of `body`. */
  rawBody?: string;
  contentType?: string;
  /** What the case does, for the failure message. */
  kind: string;
}

type Path = (string | number)[];
/** Every place inside a value (objects' keys, arrays' items), the value itself first. */
function placesIn(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...placesIn(v, [...at, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...placesIn(v, [...at, k]));
  return out;
}
function setAt(value: unknown, at: Path, next: unknown | typeof REMOVE): unknown {
  if (at.length === 0) return next;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let cursor = copy;
  for (const k of at.slice(0, -1)) cursor = cursor[k] as Record<string | number, unknown>;
  const last = at.at(-1)!;
  if (next === REMOVE) {
    if (Array.isArray(cursor)) cursor.splice(Number(last), 1);
    else delete cursor[last];
  } else cursor[last] = next;
  return copy;
}
const REMOVE = Symbol('remove');
const objectPlaces = (value: unknown) => placesIn(value).filter((p) => {
  const v = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], value);
  return v !== null && typeof v === 'object' && !Array.isArray(v);
});

/** Mutations of the route's valid sample. */
function mutations(route: RouteDef, sample: RouteSample): fc.Arbitrary<Case>[] {
  const out: fc.Arbitrary<Case>[] = [];
  const base = { params: sample.params, query: sample.query };
  if (route.body) {
    const body = sample.body ?? {};
    const places = placesIn(body);
    const inner = places.filter((p) => p.length > 0);
    const objects = objectPlaces(body);
    out.push(
      fc.record({ at: fc.constantFrom(...places), v: wrongValue }).map(({ at, v }) => ({ ...base, body: setAt(body, at, v), kind: `wrong value at ${at.join('.') || 'body'}` })),
      fc.constantFrom(...objects).chain((at) =>
        fc.record({ k: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('role', 'isAdmin', 'branchId', 'status', 'tokenHash', 'pk', 'sk')), v: wrongValue }).map(({ k, v }) => ({
          ...base,
          body: setAt(body, [...at, k], v),
          kind: `unknown key ${JSON.stringify(k)} at ${at.join('.') || 'body'}`,
        })),
      ),
      fc.constantFrom(...objects).chain((at) =>
        fc.constantFrom('__proto__', 'constructor').map((k) => {
          const payload = k === '__proto__' ? { polluted: 'yes', isAdmin: true } : { prototype: { polluted: 'yes' } };
          const marked = JSON.stringify(setAt(body, [...at, '__fuzz_proto_key__'], payload));
          return { ...base, rawBody: marked.replace(PROTO, JSON.stringify(k)), kind: `${k} key at ${at.join('.') || 'body'}` };
        }),
      ),
      fc.constantFrom(...places).map((at) => ({ ...base, body: setAt(body, at, deep), kind: `200-deep nesting at ${at.join('.') || 'body'}` })),
      fc.constantFrom(...places).map((at) => ({ ...base, body: setAt(body, at, MB), kind: `1 MB string at ${at.join('.') || 'body'}` })),
      fc.constant({ ...base, body, contentType: 'text/plain', kind: 'valid body sent as text/plain' }),
      fc.constant({ ...base, rawBody: JSON.stringify(body).slice(0, -1), kind: 'truncated JSON' }),
    );
    if (inner.length) out.push(fc.constantFrom(...inner).map((at) => ({ ...base, body: setAt(body, at, REMOVE), kind: `${at.join('.')} removed` })));
  }
  if (route.params && sample.params) {
    const names = Object.keys(sample.params);
    out.push(
      fc.record({ name: fc.constantFrom(...names), v: hostileUrlValue }).map(({ name, v }) => ({
        ...sample,
        params: { ...sample.params, [name]: v },
        kind: `hostile path ${name}`,
      })),
    );
  }
  if (route.query) {
    const names = Object.keys(route.query.shape);
    out.push(
      fc.record({ name: fc.constantFrom(...names), v: hostileUrlValue }).map(({ name, v }) => ({
        ...sample,
        query: { ...sample.query, [name]: v },
        kind: `hostile query ${name}`,
      })),
    );
  }
  return out;
}

/** Arbitrary input: any path values, any query, any JSON or garbage as the body. */
function arbitrary(route: RouteDef, sample: RouteSample): fc.Arbitrary<Case> {
  const names = Object.keys(sample.params ?? {});
  const params = names.length ? fc.dictionary(fc.constantFrom(...names), hostileUrlValue).map((p) => ({ ...sample.params, ...p })) : fc.constant(sample.params);
  const query = route.query
    ? fc.dictionary(fc.oneof(fc.constantFrom(...Object.keys(route.query.shape)), fc.string({ maxLength: 10 }).map(sendable)), hostileUrlValue, { maxKeys: 4 })
    : fc.constant(sample.query);
  const body = fc.oneof(
    fc.anything({ maxDepth: 4 }).map((b) => ({ body: b, kind: 'arbitrary value' })),
    fc.json({ maxDepth: 4 }).map((raw) => ({ rawBody: raw, kind: 'arbitrary JSON' })),
    fc.string({ maxLength: 60 }).map((raw) => ({ rawBody: raw, kind: 'garbage' })),
    fc.constant({ rawBody: '{"__proto__": {"polluted": "yes"}}', kind: '__proto__ body' }),
    fc.constant({ rawBody: '{"constructor": {"prototype": {"polluted": "yes"}}}', kind: 'constructor body' }),
    fc.constant({ body: deepArrays, kind: '200-deep arrays' }),
    route.body ? fc.constant({ body: undefined, kind: 'no body' }) : fc.constant({ body: sample.body, kind: 'no body' }),
  );
  return fc.record({ params, query, b: body }).map(({ params: p, query: q, b }) => ({ params: p, query: q, ...b }));
}

/** What the handler sees as the body: the JSON of a raw string, else the value. */
function bodyOf(c: Case): { ok: boolean; value?: unknown } {
  if (c.rawBody === undefined) return { ok: true, value: c.body === undefined ? undefined : JSON.parse(JSON.stringify(c.body)) };
  if (c.rawBody === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(c.rawBody) };
  } catch {
    return { ok: false };
  }
}
/** Refused by the route's schemas (or not JSON, or not sent as JSON): the only cases sent. */
function refused(route: RouteDef, c: Case): boolean {
  if (c.contentType && c.contentType !== 'application/json' && (c.body !== undefined || c.rawBody)) return true;
  const b = bodyOf(c);
  if (!b.ok) return true;
  return !acceptedBy(route, { params: c.params, query: c.query, body: b.value });
}

// The routes of a file run concurrently (their DynamoDB waits overlap); a request of one route
// may hold an in-progress idempotency record while another route counts. So requests go through
// `send` and counting through `exclusive`: new requests wait, the ones in flight finish, then the
// table is counted. Between a route's two counts every other route's requests ran too, so a
// stored item fails that route as well as its own: nothing refused may be stored, by anyone.
let inFlight = 0;
let gate: Promise<void> | undefined;
let idle: (() => void) | undefined;
async function send<T>(request: () => Promise<T>): Promise<T> {
  while (gate) await gate;
  inFlight++;
  try {
    return await request();
  } finally {
    inFlight--;
    if (inFlight === 0) idle?.();
  }
}
async function exclusive<T>(work: () => Promise<T>): Promise<T> {
  while (gate) await gate;
  let release!: () => void;
  gate = new Promise<void>((r) => (release = r));
  try {
    if (inFlight > 0) await new Promise<void>((r) => (idle = r));
    idle = undefined;
    return await work();
  } finally {
    gate = undefined;
    release();
  }
}

const countItems = async (): Promise<number> => {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new ScanCommand({ TableName: table(), Select: 'COUNT', ExclusiveStartKey: start, ConsistentRead: true }));
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
};

const pollution = () => {
  const probe = {} as Record<string, unknown>;
  return { polluted: probe.polluted, isAdmin: probe.isAdmin, protoKeys: Object.keys(Object.prototype), prototype: (probe.constructor as { prototype?: Record<string, unknown> }).prototype?.polluted };
};
const clean = pollution();


/** Which test file fuzzes which contexts: together, every context (checked by the first file). */
export const fuzzGroups: Record<'access' | 'commerce', ContextName[]> = {
  access: ['meta', 'identity', 'branches', 'queue', 'notify'],
  commerce: ['orders', 'bookings', 'insight'],
};

export function describeFuzz(group: keyof typeof fuzzGroups): void {
  const mine = routesWithInput().filter((r) => fuzzGroups[group].includes(r.fn));
  let keyN = 0;
  const started = Date.now();
  afterAll(() => {
    // The figure the issue asks for: how long >= 1,000 runs per route take here.
    console.info(`input fuzz (${group}): ${mine.length} routes x ${numRuns} runs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  if (group === 'access') {
    it('fuzzes every context of the route table in one of the files', () => {
      const covered = Object.values(fuzzGroups).flat();
      expect(routes.filter((r) => !covered.includes(r.fn)).map((r) => r.operationId)).toEqual([]);
    });
    describe('every route with input has a valid sample to mutate', () => {
      it.each(routesWithInput().map((r) => [r.operationId, r] as const))('%s', (_name, route) => {
        const sample = routeSamples[route.operationId];
        expect(sample, `add ${route.operationId} to test/support/route-samples.ts`).toBeDefined();
        expect(acceptedBy(route, sample!), 'the sample must be valid, or its mutations prove nothing').toBe(true);
      });
    });
  }

  describe.concurrent('hostile input is refused with a 4xx and stores nothing', () => {
    let staffToken = '';
    beforeAll(async () => {
      staffToken = await signIn('admin@dalpak.test');
    });

    for (const route of mine) {
      const sample = routeSamples[route.operationId] ?? {};
      it(`${route.operationId}: ${numRuns} refused requests`, { timeout: 600_000 }, async ({ expect }) => {
        const before = await exclusive(countItems);
        const cases = fc
          .oneof({ weight: 1, arbitrary: arbitrary(route, sample) }, { weight: 2, arbitrary: fc.oneof(...mutations(route, sample)) })
          .filter((c) => refused(route, c));
        await fc.assert(
          fc.asyncProperty(cases, fc.boolean(), async (c, withKey) => {
            const headers: Record<string, string> = { 'content-type': c.contentType ?? 'application/json' };
            if (route.idempotent && withKey) headers['idempotency-key'] = `fuzz-${route.operationId}-${keyN++}-${Math.random()}`;
            const path = fillPath(route.path, c.params) + (c.query ? `?${new URLSearchParams(c.query).toString()}` : '');
            const res = await send(() =>
              call(route.method, path, {
                token: route.auth === 'staff' ? staffToken : undefined,
                headers,
                ...(c.rawBody !== undefined ? { rawBody: c.rawBody } : c.body !== undefined ? { rawBody: JSON.stringify(c.body) } : {}),
              }),
            );
            const why = `${c.kind}: ${res.status} ${res.raw.slice(0, 300)}`;
            expect(res.status, why).toBeGreaterThanOrEqual(400);
            expect(res.status, why).toBeLessThan(500);
            expect(Object.keys(res.body ?? {}), why).toEqual(['error']);
            expect(typeof res.body.error.code, why).toBe('string');
            if (res.body.error.fields !== undefined) {
              expect(res.body.error.fields.every((f: { field: unknown; reason: unknown }) => typeof f.field === 'string' && typeof f.reason === 'string'), why).toBe(true);
            }
            expect(pollution(), why).toEqual(clean);
          }),
          { numRuns },
        );
        expect(await exclusive(countItems), 'items stored by refused requests').toBe(before);
      });
    }
  });
}
