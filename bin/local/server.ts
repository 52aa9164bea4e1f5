import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { dispatch } from './dispatch';
import { maxBodyBytes } from '../../functions/http/limits';
import { contentSecurityPolicy, referrerPolicy } from '../../lib/web-policy';

// One origin for web and API, as CloudFront gives in AWS: /api/* → handlers, the rest → web/dist.
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// The same security headers CloudFront's response-headers policy adds (lib/web.ts).
const securityHeaders = {
  'content-security-policy': contentSecurityPolicy,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': referrerPolicy,
};

const maxBody = maxBodyBytes; // the handlers' own limit (functions/http/limits.ts), checked before reading further

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBody) {
        reject(Object.assign(new Error('too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...securityHeaders });
  res.end(JSON.stringify(body));
}

async function api(req: IncomingMessage, res: ServerResponse, url: URL) {
  let body: string | undefined;
  try {
    body = await readBody(req);
  } catch {
    return sendJson(res, 413, { error: { code: 'payload_too_large', message: `Bodies are limited to ${maxBody} bytes`, fields: [{ field: 'body', reason: 'too large' }] } });
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const out = await dispatch({ method: req.method ?? 'GET', rawPath: url.pathname, rawQueryString: url.search.slice(1), headers, body, sourceIp: req.socket.remoteAddress });
  res.writeHead(out.statusCode ?? 200, { ...securityHeaders, ...(out.headers as Record<string, string>) });
  res.end(out.body ?? '');
}

function staticFile(res: ServerResponse, webRoot: string, pathname: string) {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain', ...securityHeaders });
    return res.end('Bad path');
  }
  const safe = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
  let file = join(webRoot, safe);
  // SPA fallback: a path without a file extension is a client route.
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (extname(safe)) {
      res.writeHead(404, { 'content-type': 'text/plain', ...securityHeaders });
      return res.end('Not found');
    }
    file = join(webRoot, 'index.html');
  }
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders });
    return res.end('The web app is not built: run `npm run build:web` (npm start does it for you).');
  }
  const immutable = safe.startsWith('/assets/');
  res.writeHead(200, {
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...securityHeaders,
  });
  res.end(readFileSync(file));
}

export function createLocalServer(opts: { webRoot: string; config: Record<string, unknown>; extra?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean }): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (opts.extra?.(req, res, url)) return;
    if (url.pathname === '/config.json') return sendJson(res, 200, opts.config);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      return void api(req, res, url).catch((e: unknown) => {
        console.error('[local] request failed', e);
        if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: 'Something went wrong on our side.' } });
        else res.end();
      });
    }
    staticFile(res, opts.webRoot, url.pathname);
  });
}
