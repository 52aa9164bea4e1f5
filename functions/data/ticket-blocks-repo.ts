import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors';
import { offlineBlockBelow, offlineTop, type TicketBlock } from '../domain/queue/blocks';
import { db, table } from './client';
import { strip } from './items';
import { keys } from './keys';
import { ticketItem, type StoredTicket } from './tickets-repo';

/** A block as stored: the rule's view plus the hash of the kiosk's token for it. */
export interface StoredBlock extends TicketBlock {
  tokenHash: string;
}

const blockLimit = (message: string, reason: string) => new ConflictError(message, 'block_limit', [{ field: 'body.size', reason }]);

/**
 * Reserves the `size` numbers just below the day's lowest offline number (offline numbers
 * count down from offlineTop; online ones count up from 1 on the same item). The write is
 * conditional on nobody having reserved since the read and on online numbers still ending
 * below the block; it also sets `onlineCeiling`, which nextSequence does not pass. The same
 * item counts what blocks took, refused past `cap`.
 */
export async function reserveOfflineRange(branchId: string, day: string, prefix: string, size: number, cap: number, expiresAt: number): Promise<{ from: number; to: number }> {
  const Key = keys.ticketSeq(branchId, day, prefix);
  for (let attempt = 0; attempt < 10; attempt++) {
    const item = (await db.send(new GetCommand({ TableName: table(), Key, ConsistentRead: true }))).Item;
    const reserved = Number(item?.reservedInBlocks ?? 0);
    if (reserved + size > cap) throw blockLimit(`This service already reserved ${cap} numbers in blocks today`, 'daily block limit reached');
    const floor = item?.offlineFloor === undefined ? offlineTop + 1 : Number(item.offlineFloor);
    const range = offlineBlockBelow(floor, Number(item?.n ?? 0), size);
    if (!range) throw blockLimit("Today's online numbers have reached the offline range", 'no offline numbers left today');
    try {
      await db.send(
        new UpdateCommand({
          TableName: table(),
          Key,
          UpdateExpression: 'SET #f = :from, #c = :ceiling, #r = :reserved, expiresAt = :exp, entity = :e',
          ConditionExpression: `${item?.offlineFloor === undefined ? 'attribute_not_exists(#f)' : '#f = :floor'} AND (attribute_not_exists(#n) OR #n < :from)`,
          ExpressionAttributeNames: { '#f': 'offlineFloor', '#c': 'onlineCeiling', '#r': 'reservedInBlocks', '#n': 'n' },
          ExpressionAttributeValues: {
            ':from': range.from, ':ceiling': range.from - 1, ':reserved': reserved + size, ':exp': expiresAt, ':e': 'sequence',
            ...(item?.offlineFloor !== undefined && { ':floor': floor }),
          },
        }),
      );
      return range;
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
      // Another kiosk reserved, or an online number arrived, in between: read again.
    }
  }
  throw new ConflictError('Too many kiosks reserve at this moment; try again shortly', 'block_busy', [{ field: 'body.serviceId', reason: 'busy, retry' }]);
}

const blockRetentionDays = 30;

export async function insertBlock(block: StoredBlock): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: table(),
      Item: { ...keys.ticketBlock(block.id), entity: 'ticketBlock', ...block, expiresAt: Math.floor(block.dayEndsAt / 1000) + blockRetentionDays * 86400 },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getBlock(blockId: string): Promise<StoredBlock | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.ticketBlock(blockId), ConsistentRead: true }));
  return out.Item ? strip<StoredBlock>(out.Item) : undefined;
}

/**
 * Admits one offline ticket. Its id is derived from block and number, so the put's
 * condition is the lock: a replay or a concurrent copy finds it there and admits nothing.
 * Returns false when it was already admitted.
 */
export async function admitOfflineTicket(t: StoredTicket): Promise<boolean> {
  try {
    await db.send(new PutCommand({ TableName: table(), Item: ticketItem(t), ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
}
