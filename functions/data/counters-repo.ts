import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../domain/errors';
import type { Counter, CounterStatus } from '../domain/queue/types';
import { db, table } from './client';
import { strip } from './items';
import { keys } from './keys';

export type StoredCounter = Counter & { version: number };

export async function getCounter(branchId: string, counterId: string): Promise<StoredCounter> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.counter(branchId, counterId), ConsistentRead: true }));
  if (!out.Item) throw new NotFoundError(`No counter ${counterId} in this branch`);
  return strip<StoredCounter>(out.Item);
}

/** Open, pause or close. Closing is refused while a customer is still at the counter. */
export async function setCounterStatus(branchId: string, counterId: string, status: CounterStatus, staffEmail: string): Promise<StoredCounter> {
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.counter(branchId, counterId),
        UpdateExpression: 'SET #s = :s, staffEmail = :who, #v = #v + :one',
        ConditionExpression: status === 'closed' ? 'attribute_exists(pk) AND attribute_not_exists(currentTicketId)' : 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#s': 'status', '#v': 'version' },
        ExpressionAttributeValues: { ':s': status, ':who': staffEmail, ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return strip<StoredCounter>(out.Attributes ?? {});
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) {
      await getCounter(branchId, counterId); // 404 when it does not exist
      throw new ConflictError('Finish with the current customer before closing the counter', 'counter_busy');
    }
    throw e;
  }
}
