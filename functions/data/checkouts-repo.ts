import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { queryAll, strip } from './items';
import { keys } from './keys';

// A checkout the customer started with a contact: if no order follows, someone may call.
export interface Checkout {
  id: string;
  branchId: string;
  contact: { name: string; phone?: string; email?: string };
  lines: { productId: string; quantity: number }[];
  createdAt: number;
  orderId?: string;
}

const retentionDays = 7;

/** Saved (or updated with the latest contact and basket) until an order completes it. */
export async function saveCheckout(c: Checkout): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: table(),
      Item: { ...keys.checkout(c.id), ...keys.checkoutEntry(c.branchId, c.createdAt, c.id), entity: 'checkout', ...c, expiresAt: Math.floor(c.createdAt / 1000) + retentionDays * 86400 },
      ConditionExpression: 'attribute_not_exists(orderId)',
    }),
  );
}

/** The order that completed it; a checkout not found (expired, never saved) is fine. */
export async function completeCheckout(id: string, orderId: string): Promise<void> {
  await db
    .send(new UpdateCommand({ TableName: table(), Key: keys.checkout(id), UpdateExpression: 'SET orderId = :o REMOVE gsi1pk, gsi1sk', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':o': orderId } }))
    .catch((e: Error) => {
      if (e.name !== 'ConditionalCheckFailedException') throw e;
    });
}

export async function listOpenCheckouts(branchId: string): Promise<Checkout[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.checkoutList(branchId).gsi1pk } });
  return items.map((i) => strip<Checkout>(i));
}
