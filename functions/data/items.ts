// Mapping between stored items and entities: keys and bookkeeping stay in the table.
const bookkeeping = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'expiresAt', 'entity']);

export function strip<T = Record<string, unknown>>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !bookkeeping.has(k))) as T;
}
