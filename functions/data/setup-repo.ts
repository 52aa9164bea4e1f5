import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DemoBranch } from '../seed/demo';
import type { StaffRole } from '../http/auth';
import { db, table } from './client';
import { keys } from './keys';

// Writes configuration: branches with their services, counters and catalog, and local staff users.
// Used by the demo seed and by tests that need a branch of their own.
async function putAll(items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    const batch = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    let pending: typeof batch | undefined = batch;
    for (let attempt = 0; pending?.length && attempt < 8; attempt++) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table()]: pending } }));
      pending = out.UnprocessedItems?.[table()] as typeof batch | undefined;
      if (pending?.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
    if (pending?.length) throw new Error('Could not write configuration items');
  }
}

export async function putBranchSetup(setup: DemoBranch): Promise<void> {
  const b = setup.branch;
  await putAll([
    { ...keys.branch(b.id), ...keys.branchListEntry(b.id), entity: 'branch', ...b },
    ...setup.services.map((s) => ({ ...keys.service(b.id, s.id), entity: 'service', ...s })),
    ...setup.counters.map((c) => ({ ...keys.counter(b.id, c.id), entity: 'counter', ...c, version: 0 })),
    ...setup.catalog.map((p) => ({ ...keys.product(b.id, p.id), entity: 'product', branchId: b.id, ...p, version: 0 })),
  ]);
}

export async function branchExists(branchId: string): Promise<boolean> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.branch(branchId), ProjectionExpression: 'pk' }));
  return out.Item !== undefined;
}

export interface StoredStaffUser {
  email: string;
  name: string;
  passwordHash: string;
  roles: StaffRole[];
  branches: string[];
}

export async function putStaffUser(user: StoredStaffUser): Promise<void> {
  await putAll([{ ...keys.staffUser(user.email), entity: 'staffUser', ...user, email: user.email.toLowerCase() }]);
}

export async function getStaffUser(email: string): Promise<StoredStaffUser | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.staffUser(email) }));
  return out.Item as StoredStaffUser | undefined;
}
