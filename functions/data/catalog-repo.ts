import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../domain/errors';
import { db, table } from './client';
import { queryAll, strip } from './items';
import { keys } from './keys';

export interface Product {
  id: string;
  name: { he: string; en: string };
  description?: { he: string; en: string };
  priceAgorot: number;
  category: string;
  imageUrl?: string;
  stock: number;
  version: number;
}

export async function listCatalog(branchId: string): Promise<Product[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.product(branchId, '').pk }, ConsistentRead: true });
  return items.map((i) => strip<Product & { branchId: string }>(i)).map(({ branchId: _b, ...p }) => p);
}

/** Creates or edits a product's description; stock is kept (set it with setStock). */
export async function upsertProduct(branchId: string, p: Omit<Product, 'stock' | 'version'> & { stock?: number }): Promise<Product> {
  const out = await db.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.product(branchId, p.id),
      UpdateExpression:
        'SET entity = :e, branchId = :b, id = :id, #name = :name, description = :d, priceAgorot = :price, category = :cat, imageUrl = :img, stock = if_not_exists(stock, :stock), version = if_not_exists(version, :zero) + :one',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: {
        ':e': 'product', ':b': branchId, ':id': p.id, ':name': p.name, ':d': p.description ?? null, ':price': p.priceAgorot,
        ':cat': p.category, ':img': p.imageUrl ?? null, ':stock': p.stock ?? 0, ':zero': 0, ':one': 1,
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return strip<Product>(out.Attributes!);
}

/** Sets the counted stock of a product (a stock-take), never below what is reserved: orders already took theirs. */
export async function setStock(branchId: string, productId: string, stock: number): Promise<Product> {
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.product(branchId, productId),
        UpdateExpression: 'SET stock = :s, version = version + :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':s': stock, ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return strip<Product>(out.Attributes!);
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) throw new NotFoundError('No such product in this branch');
    throw e;
  }
}
