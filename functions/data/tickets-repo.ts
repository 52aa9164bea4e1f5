import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../domain/errors';
import { offlineTop } from '../domain/queue/blocks';
import type { Ticket } from '../domain/queue/types';
import { db, table } from './client';
import { queryAll, strip } from './items';
import { keys } from './keys';
import { contactLinkPuts } from './privacy-repo';
import { transact } from './transact';
import { defaultRetention, personalExpiry, visitEnd } from '../domain/privacy/retention';

/** A ticket as stored: the queue's view plus what only staff and the owner see. */
export interface StoredTicket extends Ticket {
  tokenHash: string;
  holder?: string;
  contact?: { name?: string; phone?: string; email?: string };
  reason?: string;
  notes: { at: number; text: string }[];
  /** A pickup ticket's order (click-and-collect check-in). */
  orderId?: string;
  /** Where the packed bag waits, copied from the order when it is ready: the clerk sees it on the console. */
  bagLocation?: string;
  /** Issued on paper by a kiosk while the API was down, from this reserved block; admitted later. */
  blockId?: string;
  /** The branch's retention for visits when the ticket was taken (days kept after the visit ends). */
  retainDays?: number;
}

const ticketExpiry = (t: StoredTicket) => personalExpiry(visitEnd(t.joinedAt, t.endedAt), t.retainDays ?? defaultRetention.visitDays);
export const ticketItem = (t: StoredTicket) => ({
  ...keys.ticket(t.id),
  ...keys.ticketDayEntry(t.branchId, t.day, t.joinedAt, t.id),
  entity: 'ticket',
  ...t,
  // Whole-ticket expiry after the branch's retention, counted from the end of the visit;
  // statistics live in aggregates (functions/insight), which a removal does not touch.
  expiresAt: ticketExpiry(t),
});

// A failed condition or a concurrent transaction on the same item both mean: someone
// else moved first. Neither may surface as a 5xx.
const isConditionFailure = (e: unknown) =>
  e instanceof ConditionalCheckFailedException ||
  (e instanceof TransactionCanceledException &&
    (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict'));

export async function getTicket(ticketId: string): Promise<StoredTicket | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.ticket(ticketId), ConsistentRead: true }));
  return out.Item ? strip<StoredTicket>(out.Item) : undefined;
}

export async function requireTicket(ticketId: string): Promise<StoredTicket> {
  const t = await getTicket(ticketId);
  if (!t) throw new NotFoundError('No such ticket');
  return t;
}

/** A branch day's tickets in joining order (index read: the conditional writes are the lock). */
export async function listDayTickets(branchId: string, day: string): Promise<StoredTicket[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.ticketDay(branchId, day).gsi1pk },
  });
  return items.map((i) => strip<StoredTicket>(i));
}

/**
 * Claims the holder's single active-ticket slot for this branch. Returns the ticket id
 * already holding it, or undefined when the claim succeeded.
 */
export async function claimActiveSlot(branchId: string, holder: string, ticketId: string, expiresAt: number): Promise<string | undefined> {
  const key = keys.activeTicket(branchId, holder);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await db.send(new PutCommand({ TableName: table(), Item: { ...key, entity: 'activeTicket', ticketId, expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' }));
      return undefined;
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
    const held = await db.send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }));
    const heldBy = held.Item?.ticketId as string | undefined;
    if (heldBy) return heldBy;
  }
  throw new ConflictError('Could not reserve the ticket; please try again', 'busy');
}

/** Moves a holder's slot from a ticket that no longer counts (ended, or from another day) to a new one. */
export async function replaceActiveSlot(branchId: string, holder: string, oldTicketId: string, ticketId: string, expiresAt: number): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.activeTicket(branchId, holder),
        UpdateExpression: 'SET ticketId = :n, expiresAt = :exp',
        ConditionExpression: 'ticketId = :o',
        ExpressionAttributeValues: { ':n': ticketId, ':o': oldTicketId, ':exp': expiresAt },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export async function releaseActiveSlot(branchId: string, holder: string, ticketId: string): Promise<void> {
  try {
    await db.send(new DeleteCommand({ TableName: table(), Key: keys.activeTicket(branchId, holder), ConditionExpression: 'ticketId = :t', ExpressionAttributeValues: { ':t': ticketId } }));
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

/**
 * Next online number of the day for a prefix: one atomic counter, so numbers are gapless under
 * concurrency. It stays below the kiosks' offline range (`onlineCeiling`, set on the same item by
 * reserveOfflineRange); a day busy enough to reach it goes on past that range's top (A1000).
 */
export async function nextSequence(branchId: string, day: string, prefix: string, expiresAt: number): Promise<number> {
  const Key = keys.ticketSeq(branchId, day, prefix);
  for (let attempt = 0; ; attempt++) {
    try {
      const out = await db.send(
        new UpdateCommand({
          TableName: table(),
          Key,
          UpdateExpression: 'ADD #n :one SET expiresAt = :exp, entity = :e',
          ConditionExpression: 'attribute_not_exists(#c) OR attribute_not_exists(#n) OR #n < #c OR #n >= :top',
          ExpressionAttributeNames: { '#n': 'n', '#c': 'onlineCeiling' },
          ExpressionAttributeValues: { ':one': 1, ':exp': expiresAt, ':e': 'sequence', ':top': offlineTop },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(out.Attributes?.n);
    } catch (e) {
      if (!isConditionFailure(e) || attempt >= 3) throw e;
    }
    // Online numbers met the offline range: jump to its top, so the next one is the first past it.
    try {
      await db.send(new UpdateCommand({ TableName: table(), Key, UpdateExpression: 'SET #n = :top', ConditionExpression: '#n < :top', ExpressionAttributeNames: { '#n': 'n' }, ExpressionAttributeValues: { ':top': offlineTop } }));
    } catch (e) {
      if (!isConditionFailure(e)) throw e; // someone else jumped first
    }
  }
}

export async function insertTicket(t: StoredTicket): Promise<void> {
  // With the links that find it by the customer's phone or email (data protection).
  const links = contactLinkPuts(t.contact, t.branchId, 'ticket', t.id, keys.ticket(t.id), ticketExpiry(t));
  if (links.length === 0) {
    await db.send(new PutCommand({ TableName: table(), Item: ticketItem(t), ConditionExpression: 'attribute_not_exists(pk)' }));
    return;
  }
  const failed = await transact([{ Put: { TableName: table(), Item: ticketItem(t), ConditionExpression: 'attribute_not_exists(pk)' } }, ...links]);
  if (failed.length > 0) throw new ConditionalCheckFailedException({ message: 'The ticket exists', $metadata: {} });
}

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** What else must change in the same transaction as a ticket move. */
export interface TicketMoveSideEffects {
  /** The counter takes this ticket: only if open, unchanged since read. */
  occupyCounter?: { counterId: string; expectedVersion: number };
  /** The counter lets this ticket go (it must still hold it). */
  freeCounter?: { counterId: string };
  /** The ticket ended: its holder may take a new one. */
  releaseHolder?: boolean;
}

/**
 * Writes the next version of a ticket, guarded by the version it was read at, together
 * with its counter and holder-slot changes: all of it happens, or none.
 */
export async function saveTicketMove(prev: StoredTicket, next: StoredTicket, fx: TicketMoveSideEffects = {}): Promise<void> {
  const items: TransactItem[] = [
    { Put: { TableName: table(), Item: ticketItem(next), ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': prev.version } } },
  ];
  if (fx.occupyCounter) {
    items.push({
      Update: {
        TableName: table(),
        Key: keys.counter(next.branchId, fx.occupyCounter.counterId),
        UpdateExpression: 'SET currentTicketId = :t, #v = #v + :one',
        ConditionExpression: '#v = :cv AND #s = :open',
        ExpressionAttributeNames: { '#v': 'version', '#s': 'status' },
        ExpressionAttributeValues: { ':t': next.id, ':cv': fx.occupyCounter.expectedVersion, ':open': 'open', ':one': 1 },
      },
    });
  }
  if (fx.freeCounter) {
    items.push({
      Update: {
        TableName: table(),
        Key: keys.counter(next.branchId, fx.freeCounter.counterId),
        UpdateExpression: 'REMOVE currentTicketId SET #v = #v + :one',
        ConditionExpression: 'currentTicketId = :t',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':t': prev.id, ':one': 1 },
      },
    });
  }
  if (fx.releaseHolder && prev.holder) {
    items.push({ Delete: { TableName: table(), Key: keys.activeTicket(prev.branchId, prev.holder), ConditionExpression: 'attribute_not_exists(pk) OR ticketId = :t', ExpressionAttributeValues: { ':t': prev.id } } });
  }
  try {
    if (items.length === 1) {
      const put = items[0]!.Put!;
      await db.send(new PutCommand(put as ConstructorParameters<typeof PutCommand>[0]));
    } else {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
    }
  } catch (e) {
    if (isConditionFailure(e)) throw new ConflictError('Someone else changed this ticket or counter first; reload and try again', 'stale');
    throw e;
  }
}
