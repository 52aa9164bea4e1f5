import { paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';

// Mapping between stored items and entities: keys and bookkeeping stay in the table.
const bookkeeping = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'expiresAt', 'entity']);

export function strip<T = Record<string, unknown>>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !bookkeeping.has(k))) as T;
}

/** Every item a query returns, following the pages (the SDK's paginator does the loop). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: db }, { TableName: table(), ...input })) items.push(...(page.Items ?? []));
  return items;
}
