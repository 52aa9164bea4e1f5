// Delivery bookkeeping of the notifier: one record per message version and channel, claimed
// with a conditional write before anything is sent, so a replayed stream batch never sends
// twice; and the local channel set's "sent messages", real items anyone can inspect.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { strip } from './items';
import { keys } from './keys';

export type DeliveryStatus = 'sending' | 'sent' | 'retrying' | 'failed';

export interface DeliveryRecord {
  messageId: string;
  /** The message version (its createdAt): a rewritten reminder is delivered afresh. */
  version: number;
  channel: string;
  status: DeliveryStatus;
  attempts: number;
  updatedAt: number;
  sentAt?: number;
  lastError?: string;
}

export interface DeliveryRef {
  messageId: string;
  version: number;
  channel: string;
}

const retentionDays = 30;

export type Claim = { claimed: true; attempts: number } | { claimed: false; record: DeliveryRecord };

/**
 * Takes the right to send (message, version, channel) now: when nobody has, when the last
 * attempt failed and may be retried, or when a "sending" claim is older than `staleAfterMs`
 * (its sender died). Otherwise returns the record that stands in the way.
 */
export async function claimDelivery(ref: DeliveryRef, now: number, staleAfterMs: number): Promise<Claim> {
  const key = keys.delivery(ref.messageId, ref.version, ref.channel);
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: key,
        UpdateExpression: 'SET #s = :sending, attempts = if_not_exists(attempts, :zero) + :one, updatedAt = :now, messageId = :m, version = :v, channel = :ch, entity = :e, expiresAt = :exp',
        ConditionExpression: 'attribute_not_exists(pk) OR #s = :retrying OR (#s = :sending AND updatedAt < :stale)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':retrying': 'retrying',
          ':zero': 0,
          ':one': 1,
          ':now': now,
          ':stale': now - staleAfterMs,
          ':m': ref.messageId,
          ':v': ref.version,
          ':ch': ref.channel,
          ':e': 'delivery',
          ':exp': Math.floor(now / 1000) + retentionDays * 86400,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { claimed: true, attempts: Number(out.Attributes?.attempts) };
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
    const record = await getDelivery(ref);
    if (!record) throw e; // deleted between the two calls: let the batch retry
    return { claimed: false, record };
  }
}

/** Records how our claimed attempt ended (only if the claim is still ours). */
export async function finishDelivery(ref: DeliveryRef, attempts: number, status: Exclude<DeliveryStatus, 'sending'>, now: number, error?: string): Promise<void> {
  const names: Record<string, string> = { '#s': 'status' };
  const values: Record<string, unknown> = { ':s': status, ':now': now, ':sending': 'sending', ':n': attempts };
  let update = 'SET #s = :s, updatedAt = :now';
  if (status === 'sent') update += ', sentAt = :now';
  if (error !== undefined) {
    update += ', lastError = :err';
    values[':err'] = error.slice(0, 300);
  }
  try {
    await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.delivery(ref.messageId, ref.version, ref.channel),
        UpdateExpression: update,
        ConditionExpression: '#s = :sending AND attempts = :n',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (e) {
    // Someone took over a claim we held too long: their outcome stands.
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
  }
}

export async function getDelivery(ref: DeliveryRef): Promise<DeliveryRecord | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.delivery(ref.messageId, ref.version, ref.channel), ConsistentRead: true }));
  return out.Item ? strip<DeliveryRecord>(out.Item) : undefined;
}

/** Every delivery record of a message (all channels and versions). */
export async function listDeliveries(messageId: string): Promise<DeliveryRecord[]> {
  const out = await db.send(new QueryCommand({ TableName: table(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `DELIVERY#${messageId}` }, ConsistentRead: true }));
  return (out.Items ?? []).map((i) => strip<DeliveryRecord>(i));
}

/** A message as the local channel set "sent" it: rendered, addressed, timestamped. */
export interface LocalDelivery {
  id: string;
  messageId: string;
  template: string;
  language: 'he' | 'en';
  channel: 'email' | 'sms' | 'push';
  /** The address it went to: an email, a phone number, or a push endpoint's hash. */
  to: string;
  subject: string;
  text: string;
  link?: string;
  at: number;
}

const localRetentionDays = 7;

export async function putLocalDelivery(d: LocalDelivery): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: table(),
      Item: { ...keys.localDelivery(d.id), ...keys.localDeliveryEntry(d.at, d.id), entity: 'localDelivery', ...d, expiresAt: Math.floor(d.at / 1000) + localRetentionDays * 86400 },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** The latest local deliveries, newest first. */
export async function queryLocalDeliveries(limit: number): Promise<LocalDelivery[]> {
  const out = await db.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.localDeliveryList().gsi1pk },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => strip<LocalDelivery>(i));
}
