import { dispatch } from '../../bin/local/dispatch';
import { demoPassword } from '../../functions/seed/demo';
import { rememberSecret, rememberSecretsIn } from './log-scan';

// Calls the real handlers through the same dispatcher `npm start` uses (route table,
// JWT check, API Gateway v2 events), against the DynamoDB Local table of this test file.
export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  token?: string;
  customerToken?: string;
  headers?: Record<string, string>;
}
export interface CallResult<T = any> {
  status: number;
  body: T;
  /** The body as sent (a calendar file is not JSON). */
  raw: string;
  headers: Record<string, string>;
}

export async function call<T = any>(method: string, path: string, opts: CallOptions = {}): Promise<CallResult<T>> {
  const [rawPath = path, rawQueryString = ''] = path.split('?');
  const headers: Record<string, string> = { ...opts.headers };
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.customerToken) headers['x-customer-token'] = opts.customerToken;
  rememberSecretsIn(opts.body);
  rememberSecret('token', opts.token);
  rememberSecret('token', opts.customerToken);
  const out = await dispatch({ method, rawPath, rawQueryString, headers, body });
  const responseHeaders = (out.headers ?? {}) as Record<string, string>;
  const isJson = String(responseHeaders['content-type'] ?? 'application/json').startsWith('application/json');
  const parsed = out.body && isJson ? JSON.parse(out.body) : undefined;
  rememberSecretsIn(parsed); // tokens handed out: the log scan looks for them
  return {
    status: out.statusCode ?? 200,
    body: parsed,
    raw: out.body ?? '',
    headers: responseHeaders,
  };
}

const tokens = new Map<string, string>();
export async function signIn(email: string): Promise<string> {
  const cached = tokens.get(email);
  if (cached) return cached;
  const res = await call('POST', '/api/auth/sign-in', { body: { email, password: demoPassword } });
  if (res.status !== 200) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(res.body)}`);
  tokens.set(email, res.body.token);
  return res.body.token;
}
