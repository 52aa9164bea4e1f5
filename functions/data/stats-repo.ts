import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { updateServiceStats, type ServiceStats } from '../domain/queue/estimate';
import { db, table } from './client';
import { keys } from './keys';

/**
 * Folds one measured service time into the branch/service average. Optimistic: a lost
 * race re-reads and folds again, so no measurement is lost to a concurrent one.
 */
export async function recordServiceTime(branchId: string, serviceId: string, durationMs: number, expectedMinutes: number): Promise<void> {
  const key = keys.serviceStats(branchId, serviceId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const out = await db.send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }));
    const prev = out.Item as (ServiceStats & { version: number }) | undefined;
    const next = updateServiceStats(prev, durationMs, expectedMinutes);
    try {
      await db.send(
        new PutCommand({
          TableName: table(),
          Item: { ...key, entity: 'serviceStats', serviceId, ...next, version: (prev?.version ?? 0) + 1 },
          ConditionExpression: prev ? '#v = :v' : 'attribute_not_exists(pk)',
          ExpressionAttributeNames: prev ? { '#v': 'version' } : undefined,
          ExpressionAttributeValues: prev ? { ':v': prev.version } : undefined,
        }),
      );
      return;
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    }
  }
}
