import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { defaultRetention, personalExpiry } from '../domain/privacy/retention';
import { contactLinkPuts } from './privacy-repo';
import { transact } from './transact';
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

/** A checkout is only worth a call for a week: kept 7 days, or less when the branch keeps visits less. */
const checkoutDays = 7;

/**
 * Saved (or updated with the latest contact and basket) until an order completes it, with the
 * links that find it by the customer's phone or email. A completed checkout is refused with a
 * ConditionalCheckFailedException.
 */
export async function saveCheckout(c: Checkout, visitDays: number = defaultRetention.visitDays): Promise<void> {
  const expiresAt = personalExpiry(c.createdAt, Math.min(checkoutDays, visitDays));
  const failed = await transact([
    {
      Put: {
        TableName: table(),
        Item: { ...keys.checkout(c.id), ...keys.checkoutEntry(c.branchId, c.createdAt, c.id), entity: 'checkout', ...c, expiresAt },
        ConditionExpression: 'attribute_not_exists(orderId)',
      },
    },
    ...contactLinkPuts(c.contact, c.branchId, 'checkout', c.id, keys.checkout(c.id), expiresAt),
  ]);
  if (failed.length > 0) throw new ConditionalCheckFailedException({ message: 'Already ordered', $metadata: {} });
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
