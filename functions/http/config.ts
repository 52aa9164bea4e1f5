// Configuration is read once, at cold start: a missing variable fails loudly there,
// not halfway through a customer's request.
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`Missing environment variable ${name}`);
  return value;
}

export const stage = (): string => process.env.STAGE ?? 'local';

/** An optional setting with its default (an empty value counts as unset). */
export function envOr(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}
