// The transactional outbox: a message is stored in the same transaction as the change it
// announces, so it can neither be lost nor sent for a change that did not happen. The notifier
// (functions/notify) delivers what the table's stream shows becoming 'pending'.
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { db, table } from './client';
import { queryAll, strip } from './items';
import { keys } from './keys';
import { transact, type TxItem } from './transact';
import { contactLinkPuts } from './privacy-repo';
import { defaultRetention, personalExpiry } from '../domain/privacy/retention';

export const templates = [
  'order_confirmed',
  'order_ready',
  'order_cancelled',
  'order_expired',
  'order_expiring',
  'booking_confirmed',
  'booking_rescheduled',
  'booking_cancelled',
  'booking_reminder',
  'booking_missed',
  'ticket_ahead',
  'ticket_called',
  'survey_invite',
  'phone_code',
] as const;
export type Template = (typeof templates)[number];

export interface OutboxMessage {
  id: string;
  template: Template;
  language: 'he' | 'en';
  to: { phone?: string; email?: string; name?: string };
  params: Record<string, string | number | boolean>;
  createdAt: number;
  /** Not before this instant (a reminder); absent = at once. */
  sendAt?: number;
}

/** scheduled → pending (due) → sent | failed. A pending message is what the stream delivers. */
export type OutboxStatus = 'scheduled' | 'pending' | 'sent' | 'failed';
export type StoredMessage = OutboxMessage & { status: OutboxStatus; releasedAt?: number; doneAt?: number; reason?: string };

// The recipient's contact is personal data: a message is kept as long as the item it is about
// (the branch's retention, given by the caller that holds the item; else the built-in default).
const messageExpiry = (at: number, days?: number) => personalExpiry(at, days ?? defaultRetention.visitDays);

/** The links that find a message by its recipient's phone or email (data protection). */
export const messageLinks = (m: OutboxMessage, retainDays?: number): TxItem[] =>
  contactLinkPuts(m.to, String(m.params.branchId ?? '-'), 'message', m.id, keys.outbox(m.id), messageExpiry(m.sendAt ?? m.createdAt, retainDays));

/** The message and its links, for a transaction. */
export const outboxPuts = (m: OutboxMessage, retainDays?: number): TxItem[] => [outboxPut(m, retainDays), ...messageLinks(m, retainDays)];

export const outboxPut = (m: OutboxMessage, retainDays?: number) => ({
  Put: {
    TableName: table(),
    Item: { ...keys.outbox(m.id), ...keys.outboxEntry(m.createdAt, m.id), entity: 'outbox', status: 'pending', ...m, expiresAt: messageExpiry(m.createdAt, retainDays) },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/**
 * A scheduled message with a fixed id (a booking's reminder): written over when the booking
 * moves, so there is never a stale copy to send. Listed by due time until it is released.
 */
export const scheduledPut = (m: OutboxMessage & { sendAt: number }, retainDays?: number) => ({
  Put: {
    TableName: table(),
    Item: { ...keys.outbox(m.id), ...keys.scheduledEntry(m.sendAt, m.id), entity: 'outbox', status: 'scheduled', ...m, expiresAt: messageExpiry(m.sendAt, retainDays) },
  },
});
export const scheduledDelete = (id: string) => ({ Delete: { TableName: table(), Key: keys.outbox(id) } });

/** Every message, sent or waiting (scheduled ones included), oldest first within each list. */
export async function listOutbox(): Promise<StoredMessage[]> {
  const lists = await Promise.all(
    [keys.outboxList().gsi1pk, keys.scheduledList().gsi1pk].map((pk) => queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': pk } })),
  );
  return lists.flat().map((i) => strip<StoredMessage>(i));
}

export async function getOutboxMessage(id: string): Promise<StoredMessage | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.outbox(id), ConsistentRead: true }));
  return out.Item ? strip<StoredMessage>(out.Item) : undefined;
}

/** A message on its own (no state change to go with it, e.g. a staff "resend"). */
export async function enqueue(m: OutboxMessage): Promise<void> {
  const links = messageLinks(m);
  if (links.length === 0) {
    await db.send(new PutCommand(outboxPut(m).Put));
    return;
  }
  if ((await transact([outboxPut(m), ...links])).length > 0) throw new ConditionalCheckFailedException({ message: 'The message exists', $metadata: {} });
}

const isConditionFailure = (e: unknown) => e instanceof ConditionalCheckFailedException;

/** A message with a fixed id, written once: false when it was already there (a replayed change). */
export async function enqueueOnce(m: OutboxMessage): Promise<boolean> {
  try {
    await enqueue(m);
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/**
 * "N ahead of you", once per ticket: the ticket is marked and the message written in one
 * transaction, each conditional on not being there yet. False when either already was.
 * The mark is not a version bump, so it never makes a clerk's move stale.
 */
export async function enqueueAheadNotice(ticketId: string, m: OutboxMessage): Promise<boolean> {
  const failed = await transact([
    {
      Update: {
        TableName: table(),
        Key: keys.ticket(ticketId),
        UpdateExpression: 'SET aheadNotifiedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(aheadNotifiedAt)',
        ExpressionAttributeValues: { ':at': m.createdAt },
      },
    },
    ...outboxPuts(m),
  ]);
  return failed.length === 0;
}

/** A ticket that joined with few enough ahead: marked as told, with nothing to send. */
export async function markAheadSeen(ticketId: string, at: number): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.ticket(ticketId),
        UpdateExpression: 'SET aheadNotifiedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(aheadNotifiedAt)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/**
 * Closes a delivered (or undeliverable) message, only if it is still the pending version we
 * delivered: a reminder rewritten meanwhile by a reschedule is left alone.
 */
export async function closeMessage(id: string, createdAt: number, status: 'sent' | 'failed', now: number, reason?: string): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.outbox(id),
        UpdateExpression: reason ? 'SET #s = :s, doneAt = :now, reason = :r' : 'SET #s = :s, doneAt = :now',
        ConditionExpression: '#s = :pending AND createdAt = :c',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': status, ':now': now, ':pending': 'pending', ':c': createdAt, ...(reason ? { ':r': reason } : {}) },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Scheduled messages due by `now`, soonest first (index read: the release is conditional). */
export async function listDueScheduled(now: number, limit = 200): Promise<StoredMessage[]> {
  const out = await db.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :upTo',
      ExpressionAttributeValues: { ':pk': keys.scheduledList().gsi1pk, ':upTo': keys.scheduledUpTo(now) },
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => strip<StoredMessage>(i));
}

/**
 * scheduled → pending, once: only the version that was listed (same sendAt and createdAt), and
 * only while it is still scheduled. It leaves the due list for the outbox list; the stream
 * sees it become pending and delivers it.
 */
export async function releaseScheduled(m: Pick<StoredMessage, 'id' | 'createdAt' | 'sendAt'>, now: number): Promise<boolean> {
  const entry = keys.outboxEntry(m.createdAt, m.id);
  try {
    await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.outbox(m.id),
        UpdateExpression: 'SET #s = :pending, releasedAt = :now, gsi1pk = :gpk, gsi1sk = :gsk',
        ConditionExpression: '#s = :scheduled AND createdAt = :c AND sendAt = :at',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending', ':scheduled': 'scheduled', ':now': now, ':gpk': entry.gsi1pk, ':gsk': entry.gsi1sk, ':c': m.createdAt, ':at': m.sendAt },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** A scheduled message that must not go out any more (its booking ended): deleted if unchanged. */
export async function dropScheduled(m: Pick<StoredMessage, 'id' | 'createdAt'>): Promise<boolean> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: table(),
        Key: keys.outbox(m.id),
        ConditionExpression: '#s = :scheduled AND createdAt = :c',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':scheduled': 'scheduled', ':c': m.createdAt },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}
