import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { queryAll } from './items';
import { keys } from './keys';

// Live WebSocket connections and what each listens to. An API Gateway connection lives at
// most two hours; the items expire a little later in case a disconnect is never seen.
const lifetimeSeconds = 3 * 3600;

export interface Subscriber {
  connectionId: string;
  /** The topic as the client named it: what the "changed" notice tells it. */
  clientTopic: string;
}

export async function saveConnection(connectionId: string, now: number): Promise<void> {
  await db.send(new PutCommand({ TableName: table(), Item: { ...keys.connection(connectionId), entity: 'connection', connectionId, connectedAt: now, topics: [], expiresAt: Math.floor(now / 1000) + lifetimeSeconds } }));
}

/** Listen to internal `topics` on behalf of the client's `clientTopic`; only for a known connection. */
export async function addSubscription(connectionId: string, clientTopic: string, topics: string[], now: number): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.connection(connectionId),
        UpdateExpression: 'SET topics = list_append(topics, :t)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':t': topics },
      }),
    );
  } catch (e) {
    if ((e as Error).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
  const expiresAt = Math.floor(now / 1000) + lifetimeSeconds;
  await Promise.all(topics.map((t) => db.send(new PutCommand({ TableName: table(), Item: { ...keys.subscription(t, connectionId), entity: 'subscription', connectionId, clientTopic, expiresAt } }))));
  return true;
}

export async function subscribersOf(topic: string): Promise<Subscriber[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.topic(topic) } });
  return items.map((i) => ({ connectionId: String(i.connectionId), clientTopic: String(i.clientTopic) }));
}

/** A closed or gone connection: its item and every subscription it held. */
export async function dropConnection(connectionId: string): Promise<void> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.connection(connectionId), ConsistentRead: true }));
  const topics = (out.Item?.topics as string[] | undefined) ?? [];
  await Promise.all([
    ...[...new Set(topics)].map((t) => db.send(new DeleteCommand({ TableName: table(), Key: keys.subscription(t, connectionId) }))),
    db.send(new DeleteCommand({ TableName: table(), Key: keys.connection(connectionId) })),
  ]);
}
