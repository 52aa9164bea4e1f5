// "Notify me": this browser receives a ticket's, order's or booking's messages as Web Push.
// The service worker (/sw.js) shows them; the server sends them with its VAPID key.
import { api } from './api';
import type { PushKind } from './types';

export type PushState = 'unsupported' | 'off' | 'denied' | 'on';

export function pushState(): PushState {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return 'off';
}

const keyBytes = (base64url: string) => {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
};

/** Asks for permission, subscribes this browser and tells the server. Throws when any step fails. */
export async function enablePush(kind: PushKind, id: string, token: string): Promise<PushState> {
  const config = await api.getPushConfig();
  if (!config.enabled || !config.publicKey) return 'unsupported';
  if ((await Notification.requestPermission()) !== 'granted') return 'denied';
  const registration = await navigator.serviceWorker.register('/sw.js');
  await navigator.serviceWorker.ready;
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(config.publicKey) }));
  await api.subscribePush(kind, id, token, subscription.toJSON());
  return 'on';
}
