import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call, signIn } from '../support/api';
import { routes } from '../../functions/routes';

// Every route with a body or path parameters, fed arbitrary and hostile input:
// the answer is never a 5xx, and a refused request is a structured error.
const sample: Record<string, string> = {
  branchId: 'tel-aviv-center',
  counterId: 'c1',
  ticketId: '01JZZZZZZZZZZZZZZZZZZZZZZZ',
};
const path = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_m, n: string) => encodeURIComponent(params[n] ?? 'x'));

const hostile = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.json({ maxDepth: 4 }).map((s) => ({ raw: s })),
  fc.constant({ raw: '{"__proto__": {"polluted": true}, "serviceId": "general", "channel": "kiosk"}' }),
  fc.constant({ raw: '{"constructor": {"prototype": {"polluted": true}}}' }),
  fc.string({ minLength: 0, maxLength: 20 }).map((s) => ({ raw: s })),
  fc.constant({ serviceId: 'g'.repeat(100_000), channel: 'kiosk' }),
  fc.constant(JSON.parse('['.repeat(200) + ']'.repeat(200))),
);

describe('hostile input never reaches a 5xx', () => {
  const withInput = routes.filter((r) => r.body || r.params);
  for (const route of withInput) {
    it(`${route.operationId} answers 4xx (or success) to arbitrary input`, async () => {
      const token = route.auth === 'staff' ? await signIn('manager@dalpak.test') : undefined;
      await fc.assert(
        fc.asyncProperty(hostile, fc.dictionary(fc.constantFrom('branchId', 'counterId', 'ticketId'), fc.string({ maxLength: 30 })), async (input, params) => {
          const body = input && typeof input === 'object' && 'raw' in input && typeof input.raw === 'string' ? { rawBody: input.raw } : { body: input };
          const res = await call(route.method, path(route.path, { ...sample, ...params }), { ...body, token, headers: { 'content-type': 'application/json' } });
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
          if (res.status >= 400) expect(typeof res.body?.error?.code).toBe('string');
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
      );
    });
  }
});
