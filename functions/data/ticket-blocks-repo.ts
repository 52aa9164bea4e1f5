import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors';
import type { TicketBlock } from '../domain/queue/blocks';
import { db, table } from './client';
import { strip } from './items';
import { keys } from './keys';
import { ticketItem, type StoredTicket } from './tickets-repo';

/** A block as stored: the rule's view plus the hash of the kiosk's token for it. */
export interface StoredBlock extends TicketBlock {
  tokenHash: string;
}

/**
 * Advances the day counter of a prefix by `size` in one atomic update and returns its new
 * value: the `size` numbers below it belong to the caller and to nobody else. The same item
 * counts what blocks took, refused past `cap`.
 */
export async function reserveSequenceRange(branchId: string, day: string, prefix: string, size: number, cap: number, expiresAt: number): Promise<number> {
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.ticketSeq(branchId, day, prefix),
        UpdateExpression: 'ADD #n :size, #r :size SET expiresAt = :exp, entity = :e',
        ConditionExpression: 'attribute_not_exists(#r) OR #r <= :room',
        ExpressionAttributeNames: { '#n': 'n', '#r': 'reservedInBlocks' },
        ExpressionAttributeValues: { ':size': size, ':room': cap - size, ':exp': expiresAt, ':e': 'sequence' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.n);
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) {
      throw new ConflictError(`This service already reserved ${cap} numbers in blocks today`, 'block_limit', [{ field: 'body.size', reason: 'daily block limit reached' }]);
    }
    throw e;
  }
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
