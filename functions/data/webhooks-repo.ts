import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { WebhookEventType } from '../domain/webhooks';
import { db, table } from './client';
import { queryAll, strip } from './items';
import { keys } from './keys';

export interface Webhook {
  id: string;
  branchId: string;
  url: string;
  events: WebhookEventType[];
  /** Signs every delivery (HMAC-SHA256); shown once, when the webhook is registered. */
  secret: string;
  createdAt: number;
  lastStatus?: 'delivered' | 'failed';
  lastHttpStatus?: number;
  lastAttemptAt?: number;
  lastEventType?: string;
  consecutiveFailures: number;
}

export async function putWebhook(w: Webhook): Promise<void> {
  await db.send(new PutCommand({ TableName: table(), Item: { ...keys.webhook(w.branchId, w.id), entity: 'webhook', ...w }, ConditionExpression: 'attribute_not_exists(pk)' }));
}

export async function listWebhooks(branchId: string): Promise<Webhook[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.webhookPartition(branchId) } });
  return items.map((i) => strip<Webhook>(i));
}

/** False when there was nothing to delete. */
export async function deleteWebhook(branchId: string, webhookId: string): Promise<boolean> {
  const out = await db.send(new DeleteCommand({ TableName: table(), Key: keys.webhook(branchId, webhookId), ReturnValues: 'ALL_OLD' }));
  return out.Attributes !== undefined;
}

/** One delivery per (event, webhook), however often the stream replays the change: the first claim wins. */
export async function claimDelivery(eventId: string, webhookId: string, now: number): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: table(),
        Item: { ...keys.webhookDelivery(eventId, webhookId), entity: 'webhookDelivery', eventId, webhookId, status: 'sending', attempts: 0, claimedAt: now, expiresAt: Math.floor(now / 1000) + 7 * 86400 },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (e) {
    if ((e as Error).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

export interface DeliveryOutcome {
  status: 'delivered' | 'failed';
  attempts: number;
  httpStatus?: number;
  eventType: string;
  at: number;
}

/** The delivery's end, and the webhook's last status for the manager's list. */
export async function recordDelivery(w: Webhook, eventId: string, o: DeliveryOutcome): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.webhookDelivery(eventId, w.id),
      UpdateExpression: 'SET #s = :s, attempts = :a, httpStatus = :h, finishedAt = :t',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': o.status, ':a': o.attempts, ':h': o.httpStatus ?? 0, ':t': o.at },
    }),
  );
  await db
    .send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.webhook(w.branchId, w.id),
        UpdateExpression: `SET lastStatus = :s, lastHttpStatus = :h, lastAttemptAt = :t, lastEventType = :e, consecutiveFailures = ${o.status === 'delivered' ? ':zero' : 'if_not_exists(consecutiveFailures, :zero) + :one'}`,
        ConditionExpression: 'attribute_exists(pk)', // removed meanwhile: nothing to update
        ExpressionAttributeValues: { ':s': o.status, ':h': o.httpStatus ?? 0, ':t': o.at, ':e': o.eventType, ':zero': 0, ...(o.status === 'delivered' ? {} : { ':one': 1 }) },
      }),
    )
    .catch((e: Error) => {
      if (e.name !== 'ConditionalCheckFailedException') throw e;
    });
}

export async function getDelivery(eventId: string, webhookId: string) {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.webhookDelivery(eventId, webhookId).pk } });
  return items[0] ? strip(items[0]) : undefined;
}
