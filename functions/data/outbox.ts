// The transactional outbox: a message is stored in the same transaction as the change it
// announces, so it can neither be lost nor sent for a change that did not happen. Delivery
// (Web Push, SMS, email) reads these items; until it exists they are the local record.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { queryAll, strip } from './items';
import { keys } from './keys';

export interface OutboxMessage {
  id: string;
  template:
    | 'order_confirmed'
    | 'order_ready'
    | 'order_cancelled'
    | 'order_expired'
    | 'booking_confirmed'
    | 'booking_rescheduled'
    | 'booking_cancelled'
    | 'booking_reminder'
    | 'booking_missed';
  language: 'he' | 'en';
  to: { phone?: string; email?: string; name?: string };
  params: Record<string, string | number>;
  createdAt: number;
  /** Not before this instant (a reminder); absent = at once. */
  sendAt?: number;
}

const retentionDays = 30; // the recipient's contact is personal data

export const outboxPut = (m: OutboxMessage) => ({
  Put: {
    TableName: table(),
    Item: { ...keys.outbox(m.id), ...keys.outboxEntry(m.createdAt, m.id), entity: 'outbox', status: 'pending', ...m, expiresAt: Math.floor(m.createdAt / 1000) + retentionDays * 86400 },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/**
 * A scheduled message with a fixed id (a booking's reminder): written over when the booking
 * moves, so there is never a stale copy to send.
 */
export const scheduledPut = (m: OutboxMessage & { sendAt: number }) => ({
  Put: {
    TableName: table(),
    Item: { ...keys.outbox(m.id), ...keys.outboxEntry(m.createdAt, m.id), entity: 'outbox', status: 'scheduled', ...m, expiresAt: Math.floor(m.sendAt / 1000) + retentionDays * 86400 },
  },
});
export const scheduledDelete = (id: string) => ({ Delete: { TableName: table(), Key: keys.outbox(id) } });

export async function listOutbox(): Promise<(OutboxMessage & { status: string })[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.outboxList().gsi1pk } });
  return items.map((i) => strip<OutboxMessage & { status: string }>(i));
}


/** A message on its own (no state change to go with it, e.g. a staff "resend"). */
export async function enqueue(m: OutboxMessage): Promise<void> {
  await db.send(new PutCommand(outboxPut(m).Put));
}
