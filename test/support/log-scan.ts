import { format } from 'node:util';

// Issue 7: logs never carry personal data or tokens. Every integration test file runs with the
// handlers logging at DEBUG; what they write is kept here (not printed) and scanned after the file
// for the tokens the API handed out and the contacts the tests sent in (see support/api.ts).

const secrets = new Set<string>();
const phoneDigits = new Set<string>();
const lines: string[] = [];

/** Remembers what must never show up in a log: tokens, phones, emails, names. */
export function rememberSecret(kind: 'token' | 'phone' | 'email' | 'name', value: unknown): void {
  if (typeof value !== 'string') return;
  const v = value.trim();
  if (kind === 'phone') {
    const digits = v.replace(/\D/g, '');
    if (digits.length >= 7) phoneDigits.add(digits.slice(-9)); // 050-… and +972 50… alike
    return;
  }
  if (v.length >= (kind === 'token' ? 16 : 5)) secrets.add(kind === 'email' ? v.toLowerCase() : v);
}

/** Walks a request or response body for contact fields and tokens. */
export function rememberSecretsIn(body: unknown, depth = 0): void {
  if (!body || typeof body !== 'object' || depth > 6) return;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (typeof v === 'string') {
      if (/token|secret/i.test(k)) rememberSecret('token', v);
      else if (k === 'phone') rememberSecret('phone', v);
      else if (k === 'email') rememberSecret('email', v);
      else if (k === 'name' && v.includes(' ')) rememberSecret('name', v);
    } else rememberSecretsIn(v, depth + 1);
  }
}

const emailPattern = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
const digitRuns = /\+?\d[\d ()-]{5,}\d/g;

/** The log lines that carry something personal, each with what it carries (never the value). */
export function personalDataIn(text: string[]): { line: string; carries: string }[] {
  const hits: { line: string; carries: string }[] = [];
  for (const line of text) {
    const lower = line.toLowerCase();
    let carries: string | undefined;
    for (const s of secrets) if (lower.includes(s.toLowerCase())) carries = 'a token, email or name the tests used';
    if (!carries && emailPattern.test(line)) carries = 'an email address';
    if (!carries) {
      for (const run of line.match(digitRuns) ?? []) {
        const digits = run.replace(/\D/g, '');
        if ([...phoneDigits].some((p) => digits.includes(p))) carries = 'a phone number';
      }
    }
    if (carries) hits.push({ line: line.slice(0, 160), carries });
  }
  return hits;
}

/** Keeps whatever this worker writes to stdout/stderr; the handlers' JSON log lines are not printed. */
export function captureLogs(): { lines: () => string[] } {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
      const own = text.split('\n').filter(Boolean);
      lines.push(...own);
      // Powertools' structured lines are for the scan; anything else still reaches the console.
      if (own.every((l) => l.startsWith('{') && l.includes('"level"'))) return true;
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
  // Vitest forwards console.* to its reporter, not through these streams: keep those too.
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      lines.push(format(...args));
      original(...args);
    };
  }
  return { lines: () => lines };
}
