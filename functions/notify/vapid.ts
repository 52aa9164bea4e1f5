import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import webpush from 'web-push';
import { localVapidKeysOnce, type VapidKeys } from '../data/push-repo';
import { notifyMode, vapidSecretArn } from './config';

// The Web Push identity (VAPID): the same pair for every function, or browsers' subscriptions
// would not match. Where it comes from, first found wins:
//   1. VAPID_SECRET_ARN (AWS): a Secrets Manager secret {"publicKey","privateKey"} the stack
//      creates with a placeholder and the operator fills in; push is off until it holds a pair.
//   2. VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY in the environment.
//   3. A local system with neither generates a pair once and keeps it in its table.
// Without a pair push is off. A secret without a valid pair is read again after a while, so
// filling it in takes effect without a deploy.
const recheckAfterMs = 5 * 60_000;

let cached: Promise<VapidKeys | undefined> | undefined;
let cachedAt = 0;
let secrets: SecretsManagerClient | undefined;

const fromBase64url = (s: string): Buffer | undefined => (/^[A-Za-z0-9_-]+$/.test(s) ? Buffer.from(s, 'base64url') : undefined);

/** An uncompressed P-256 public key (65 bytes, 0x04 first) and a 32-byte private key, base64url. */
export function isVapidKeyPair(value: unknown): value is VapidKeys {
  if (!value || typeof value !== 'object') return false;
  const { publicKey, privateKey } = value as Record<string, unknown>;
  if (typeof publicKey !== 'string' || typeof privateKey !== 'string') return false;
  const pub = fromBase64url(publicKey);
  const priv = fromBase64url(privateKey);
  return pub?.length === 65 && pub[0] === 0x04 && priv?.length === 32;
}

async function fromSecret(secretId: string): Promise<VapidKeys | undefined> {
  secrets ??= new SecretsManagerClient({});
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
  let parsed: unknown;
  try {
    parsed = JSON.parse(SecretString ?? '');
  } catch {
    return undefined; // not JSON: not filled in yet
  }
  return isVapidKeyPair(parsed) ? { publicKey: parsed.publicKey, privateKey: parsed.privateKey } : undefined;
}

export function vapidKeys(): Promise<VapidKeys | undefined> {
  const secretId = vapidSecretArn();
  if (cached && secretId && Date.now() - cachedAt > recheckAfterMs) {
    // Only a missing pair is read again; a valid one stays for the life of the container.
    const previous = cached;
    cached = previous.then((keys) => keys ?? fromSecret(secretId));
    cachedAt = Date.now();
  }
  cached ??= (async () => {
    cachedAt = Date.now();
    if (secretId) return fromSecret(secretId);
    const publicKey = process.env.VAPID_PUBLIC_KEY;
    const privateKey = process.env.VAPID_PRIVATE_KEY;
    if (publicKey && privateKey) return { publicKey, privateKey };
    if (notifyMode() === 'local') return localVapidKeysOnce(() => webpush.generateVAPIDKeys());
    return undefined;
  })();
  const current = cached;
  return current.catch((e) => {
    if (cached === current) cached = undefined; // a failed read is retried on the next call, not remembered
    throw e;
  });
}
