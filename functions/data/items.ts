import { paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { correlationAttribute } from '../observability/correlation';
import { db, table } from './client';

// Mapping between stored items and entities: keys and bookkeeping stay in the table.
const bookkeeping = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'expiresAt', 'entity', correlationAttribute]);
// The correlation id an item was last written under, kept beside its entity rather than in it
// (so it never reaches a view or a comparison): a scheduled job logs and continues it.
const correlationIds = new WeakMap<object, string>();

export function strip<T = Record<string, unknown>>(item: Record<string, unknown>): T {
  const entity = Object.fromEntries(Object.entries(item).filter(([k]) => !bookkeeping.has(k)));
  const id = item[correlationAttribute];
  if (typeof id === 'string') correlationIds.set(entity, id);
  return entity as T;
}

/** The correlation id of the write that produced an entity read through `strip`, if it had one. */
export const correlationIdOf = (entity: object): string | undefined => correlationIds.get(entity);

/** Every item a query returns, following the pages (the SDK's paginator does the loop). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: db }, { TableName: table(), ...input })) items.push(...(page.Items ?? []));
  return items;
}
