import webpush from 'web-push';
import { localVapidKeysOnce, type VapidKeys } from '../data/push-repo';
import { notifyMode } from './config';

// The Web Push identity (VAPID). In AWS the keys come from the environment (the same pair for
// every function, or browsers' subscriptions would not match); without them push is off.
// A local system with no keys generates a pair once and keeps it in its table.
let cached: Promise<VapidKeys | undefined> | undefined;

export function vapidKeys(): Promise<VapidKeys | undefined> {
  cached ??= (async () => {
    const publicKey = process.env.VAPID_PUBLIC_KEY;
    const privateKey = process.env.VAPID_PRIVATE_KEY;
    if (publicKey && privateKey) return { publicKey, privateKey };
    if (notifyMode() === 'local') return localVapidKeysOnce(() => webpush.generateVAPIDKeys());
    return undefined;
  })().catch((e) => {
    cached = undefined; // a failed read is retried on the next call, not remembered
    throw e;
  });
  return cached;
}
