import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DemoBranch } from '../seed/demo';
import type { StaffRole } from '../http/auth';
import type { Branch } from '../domain/branch';
import { ConflictError, ValidationError } from '../domain/errors';
import type { Counter, Service } from '../domain/queue/types';
import { transact, type TxItem } from './transact';
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

// --- A branch's set-up edited by its manager (functions/branches/setup.ts) ---

/** What a manager saves: the branch's own fields, its services and counters (catalog apart). */
export interface SetupWrite {
  branch: Pick<Branch, 'name' | 'address' | 'timeZone' | 'hours' | 'exceptions' | 'pickup' | 'appointments' | 'remoteJoin'>;
  services: Service[];
  counters: Pick<Counter, 'id' | 'number' | 'serviceIds' | 'pickup'>[];
  /** Counters of the stored set-up that this save removes (refused while one serves a ticket). */
  removedCounters: string[];
  removedServices: string[];
  /** Counters that exist already (updated) as opposed to new ones (created closed). */
  existingCounters: ReadonlySet<string>;
}

/**
 * One transaction: the branch item conditional on the set-up version the manager saw (bumped by
 * one), every service put, every counter's configuration set while its live state (status, the
 * ticket it serves, its version) is kept, removed ones deleted. A lost race writes nothing.
 */
export async function saveBranchSetup(branchId: string, seenVersion: number, w: SetupWrite): Promise<number> {
  const next = seenVersion + 1;
  const b = w.branch;
  const items: TxItem[] = [
    {
      Update: {
        TableName: table(),
        Key: keys.branch(branchId),
        UpdateExpression:
          'SET #name = :name, #address = :address, #tz = :tz, #hours = :hours, #exceptions = :exceptions, #pickup = :pickup, #appointments = :appointments, #remoteJoin = :remoteJoin, #v = :next',
        ConditionExpression: seenVersion === 0 ? 'attribute_exists(pk) AND (attribute_not_exists(#v) OR #v = :seen)' : '#v = :seen',
        // Every name aliased: several (timeZone, hours…) are DynamoDB reserved words.
        ExpressionAttributeNames: { '#name': 'name', '#address': 'address', '#tz': 'timeZone', '#hours': 'hours', '#exceptions': 'exceptions', '#pickup': 'pickup', '#appointments': 'appointments', '#remoteJoin': 'remoteJoin', '#v': 'setupVersion' },
        ExpressionAttributeValues: {
          ':name': b.name, ':address': b.address, ':tz': b.timeZone, ':hours': b.hours, ':exceptions': b.exceptions ?? [],
          ':pickup': b.pickup ?? {}, ':appointments': b.appointments ?? {}, ':remoteJoin': b.remoteJoin ?? { verifyPhone: false }, ':next': next, ':seen': seenVersion,
        },
      },
    },
    ...w.services.map((s): TxItem => ({ Put: { TableName: table(), Item: { ...keys.service(branchId, s.id), entity: 'service', ...s } } })),
    ...w.counters.map((c): TxItem => {
      const existing = w.existingCounters.has(c.id);
      return {
        Update: {
          TableName: table(),
          Key: keys.counter(branchId, c.id),
          UpdateExpression: 'SET #entity = :entity, #id = :id, #number = :number, #services = :services, #pickup = :pickup, #status = if_not_exists(#status, :closed), #version = if_not_exists(#version, :zero)',
          ConditionExpression: existing ? 'attribute_exists(pk)' : 'attribute_not_exists(pk)',
          ExpressionAttributeNames: { '#entity': 'entity', '#id': 'id', '#number': 'number', '#services': 'serviceIds', '#pickup': 'pickup', '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: { ':entity': 'counter', ':id': c.id, ':number': c.number, ':services': c.serviceIds, ':pickup': c.pickup, ':closed': 'closed', ':zero': 0 },
        },
      };
    }),
    ...w.removedCounters.map((id): TxItem => ({
      Delete: { TableName: table(), Key: keys.counter(branchId, id), ConditionExpression: 'attribute_not_exists(currentTicketId)' },
    })),
    ...w.removedServices.map((id): TxItem => ({ Delete: { TableName: table(), Key: keys.service(branchId, id) } })),
  ];
  if (items.length > 100) throw new ValidationError('Too many changes in one save; save in two steps', [{ field: 'body.counters', reason: 'too many changes at once' }]);
  const failed = await transact(items);
  if (failed.includes(0)) throw new ConflictError('Someone else changed this branch meanwhile; reload and try again', 'stale');
  const busy = failed.map((i) => items[i]?.Delete?.Key?.sk).find((sk) => typeof sk === 'string' && sk.startsWith('COUNTER#'));
  if (busy) throw new ConflictError('A counter being removed is serving a ticket now', 'counter_busy', [{ field: 'body.counters', reason: `counter ${String(busy).slice(8)} is serving a ticket` }]);
  if (failed.length) throw new ConflictError('Someone else changed this branch meanwhile; reload and try again', 'stale');
  return next;
}

/** A new branch with its first set-up, refused (409) when the id is taken. */
export async function createBranchSetup(setup: Pick<DemoBranch, 'branch' | 'services' | 'counters'>): Promise<void> {
  const b = setup.branch;
  const failed = await transact([
    { Put: { TableName: table(), Item: { ...keys.branch(b.id), ...keys.branchListEntry(b.id), entity: 'branch', ...b, setupVersion: 1 }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...setup.services.map((s): TxItem => ({ Put: { TableName: table(), Item: { ...keys.service(b.id, s.id), entity: 'service', ...s } } })),
    ...setup.counters.map((c): TxItem => ({ Put: { TableName: table(), Item: { ...keys.counter(b.id, c.id), entity: 'counter', ...c, version: 0 } } })),
  ]);
  if (failed.length) throw new ConflictError(`A branch ${b.id} exists already`, 'branch_exists', [{ field: 'body.id', reason: 'taken' }]);
}
