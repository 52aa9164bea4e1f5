import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../lib/app';
import { apiGatewayEvent, lambdaContext } from '../../bin/local/events';
import { cdkJsonContext, ourFunctions } from './synth';

// The one suite that bundles for real, as `cdk synth` does: local esbuild, no Docker.
describe('function bundles (local esbuild, as cdk synth builds them)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'dalpak-cdk-out-'));
  const { stack } = buildApp({ outdir, context: { ...cdkJsonContext, stage: 'dev' } });
  const template = Template.fromStack(stack); // synthesises, and so bundles
  const assetDir = (f: { Properties: Record<string, any> }) => join(outdir, `asset.${String(f.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
  const fns = Object.values(ourFunctions(template, 'dev'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('builds every function as minified ESM with a source map and the createRequire banner', () => {
    expect(fns.length).toBeGreaterThanOrEqual(5);
    for (const f of fns) {
      const dir = assetDir(f);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith("import { createRequire } from 'module';const require = createRequire(import.meta.url);"), dir).toBe(true);
      expect(code).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}/);
      expect(code).toMatch(/sourceMappingURL=index\.mjs\.map/);
      expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
      expect(code.length / code.split('\n').length).toBeGreaterThan(1000); // minified: long lines
    }
  });

  it('runs: the bundled meta function answers the OpenAPI route and a structured 404', async () => {
    const meta = fns.find((f) => f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'dalpak-meta')!;
    process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
    const { handler } = (await import(pathToFileURL(join(assetDir(meta), 'index.mjs')).href)) as { handler: (e: unknown, c: unknown) => Promise<{ statusCode: number; body: string }> };
    const get = (path: string, routeKey: string) => handler(apiGatewayEvent({ method: 'GET', rawPath: path, rawQueryString: '', headers: {} }, routeKey, undefined, undefined), lambdaContext('meta'));

    const doc = await get('/api/openapi.json', 'GET /api/openapi.json');
    expect(doc.statusCode).toBe(200);
    expect(JSON.parse(doc.body)).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });

    const missing = await get('/api/nowhere', '$default');
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.body)).toHaveProperty('error');
  });
});
