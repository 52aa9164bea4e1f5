import { z } from 'zod';
import { ulidId } from './common';

// Web Push: the public key browsers subscribe with, and a subscription for one customer item.
const base64url = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'base64url');

export const pushConfigView = z
  .object({
    enabled: z.boolean().describe('false: this system sends no Web Push (no VAPID keys configured)'),
    publicKey: z.string().optional().describe('VAPID public key: the applicationServerKey for pushManager.subscribe'),
  })
  .meta({ id: 'PushConfig' });

export const pushSubscription = z
  .object({
    endpoint: z.url({ protocol: /^https$/, error: 'an https URL' }).max(1000),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: base64url(40, 200), auth: base64url(8, 100) }).strict(),
  })
  .strict()
  .describe("the browser's PushSubscription.toJSON()");

export const subscribePushBody = z
  .object({
    kind: z.enum(['ticket', 'order', 'booking']),
    id: ulidId,
    subscription: pushSubscription,
  })
  .strict()
  .meta({ id: 'SubscribePush' });

export const subscribePushResult = z
  .object({ subscribed: z.literal(true), kind: z.enum(['ticket', 'order', 'booking']), id: ulidId })
  .meta({ id: 'PushSubscribed' });
