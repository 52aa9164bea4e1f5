// The one table definition: CDK (lib/data.ts) and the local runtime (bin/local/dynamo.ts)
// both build the table from this object, so they cannot drift apart.
export const tableDef = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  /** Global secondary indexes: all string keys, all attributes projected. */
  globalIndexes: [
    // Lists that cross partitions: branches of the org, a contact's items, a token's item.
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  ],
  streamView: 'NEW_AND_OLD_IMAGES',
} as const;

export function tableName(stage: string): string {
  return `dalpak-${stage}`;
}
