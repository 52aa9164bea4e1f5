// Web Push subscriptions, stored per customer item (a ticket, an order or a booking): the
// browser that holds the item's token subscribed, so the item's messages may reach it.
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { queryAll, strip } from './items';
import { keys } from './keys';

export const pushItemKinds = ['ticket', 'order', 'booking'] as const;
export type PushItemKind = (typeof pushItemKinds)[number];

/** What a browser's PushSubscription.toJSON() gives (endpoint and keys), as web-push takes it. */
export interface PushSubscriptionData {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}
export interface StoredPushSubscription extends PushSubscriptionData {
  kind: PushItemKind;
  itemId: string;
  endpointHash: string;
  createdAt: number;
}

/** A push endpoint is a capability URL: keyed by its hash, never logged. */
export const endpointHash = (endpoint: string) => createHash('sha256').update(endpoint).digest('base64url').slice(0, 32);

/** Subscriptions live as long as the item's personal data would (the caller passes the branch's retention). */
const defaultDays = 30;

/** One per endpoint: subscribing again from the same browser replaces the keys. */
export async function savePushSubscription(kind: PushItemKind, itemId: string, sub: PushSubscriptionData, now: number, retainDays = defaultDays): Promise<StoredPushSubscription> {
  const stored: StoredPushSubscription = { kind, itemId, endpoint: sub.endpoint, keys: { p256dh: sub.keys.p256dh, auth: sub.keys.auth }, endpointHash: endpointHash(sub.endpoint), createdAt: now };
  await db.send(
    new PutCommand({
      TableName: table(),
      Item: { ...keys.pushSubscription(kind, itemId, stored.endpointHash), entity: 'pushSubscription', ...stored, expiresAt: Math.floor(now / 1000) + retainDays * 86400 },
    }),
  );
  return stored;
}

export async function listPushSubscriptions(kind: PushItemKind, itemId: string): Promise<StoredPushSubscription[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.pushSubscriptions(kind, itemId) }, ConsistentRead: true });
  return items.map((i) => strip<StoredPushSubscription>(i));
}

/** The push service said the subscription is gone (404/410): forget it. */
export async function deletePushSubscription(s: Pick<StoredPushSubscription, 'kind' | 'itemId' | 'endpointHash'>): Promise<void> {
  await db.send(new DeleteCommand({ TableName: table(), Key: keys.pushSubscription(s.kind, s.itemId, s.endpointHash) }));
}

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * The local system's Web Push identity: the first caller stores the keys it generated, every
 * later one (another handler, the next `npm start --persist`) reads the same pair, so browser
 * subscriptions stay valid.
 */
export async function localVapidKeysOnce(generate: () => VapidKeys): Promise<VapidKeys> {
  const key = keys.localVapidKeys();
  const read = async () => (await db.send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }))).Item as (VapidKeys & Record<string, unknown>) | undefined;
  const found = await read();
  if (found) return { publicKey: String(found.publicKey), privateKey: String(found.privateKey) };
  const fresh = generate();
  try {
    await db.send(new PutCommand({ TableName: table(), Item: { ...key, entity: 'config', ...fresh }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return fresh;
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
    const winner = await read();
    return { publicKey: String(winner!.publicKey), privateKey: String(winner!.privateKey) };
  }
}
