// Staff people in the table: the local user store (AWS keeps people in Cognito) and, in both
// modes, the session floor that refuses a removed or changed person's older tokens.
import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { StaffRole } from '../http/auth';
import { ConflictError } from '../domain/errors';
import { db, table } from './client';
import { queryAll, strip } from './items';
import { keys } from './keys';

export type LocalStaffStatus = 'invited' | 'active';
export interface LocalStaffUser {
  /** Opaque and stable (the local tokens' sub, like Cognito's sub in AWS). */
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  roles: StaffRole[];
  branches: string[];
  /** 'invited' until the first sign-in with the temporary password. */
  status: LocalStaffStatus;
  version: number;
  createdAt: number;
}

/** The local id of an email: a hash, so seeded people keep their id across restarts. */
export const localStaffId = (email: string): string => `u${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 24)}`;

const conflict = (e: unknown, message: string, code: string): never => {
  if (e instanceof ConditionalCheckFailedException) throw new ConflictError(message, code);
  throw e;
};

/** The item of a staff user (also what the seed writes, unconditionally). */
export function staffUserItem(u: LocalStaffUser): Record<string, unknown> {
  const email = u.email.trim().toLowerCase();
  return { ...keys.staffUser(email), ...keys.staffListEntry(u.id), entity: 'staffUser', ...u, email };
}

/** A new person: refused with 409 when the email is already on the staff (first writer wins). */
export async function createLocalStaffUser(u: LocalStaffUser): Promise<void> {
  try {
    await db.send(new PutCommand({ TableName: table(), Item: staffUserItem(u), ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (e) {
    conflict(e, 'This email is already on the staff', 'already_staff');
  }
}

export async function getLocalStaffUserByEmail(email: string): Promise<LocalStaffUser | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.staffUser(email), ConsistentRead: true }));
  return out.Item ? withDefaults(out.Item) : undefined;
}

export async function getLocalStaffUser(id: string): Promise<LocalStaffUser | undefined> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :id',
    ExpressionAttributeValues: { ':pk': keys.staffList().gsi1pk, ':id': id },
  });
  // The index is eventually consistent: read the item itself for its current version.
  const email = items[0]?.email;
  return typeof email === 'string' ? getLocalStaffUserByEmail(email) : undefined;
}

export async function listLocalStaffUsers(): Promise<LocalStaffUser[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.staffList().gsi1pk } });
  return items.map(withDefaults);
}

/** Roles and branches, only if nobody changed the person since `version` was read. */
export async function updateLocalStaffUser(email: string, version: number, change: { roles: StaffRole[]; branches: string[] }): Promise<LocalStaffUser> {
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.staffUser(email),
        UpdateExpression: 'SET #roles = :roles, #branches = :branches, #version = :next',
        ConditionExpression: 'attribute_exists(pk) AND #version = :v',
        ExpressionAttributeNames: { '#roles': 'roles', '#branches': 'branches', '#version': 'version' },
        ExpressionAttributeValues: { ':roles': change.roles, ':branches': change.branches, ':v': version, ':next': version + 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withDefaults(out.Attributes!);
  } catch (e) {
    return conflict(e, 'Someone changed this person meanwhile; reload and try again', 'stale');
  }
}

export async function deleteLocalStaffUser(email: string, version: number): Promise<void> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: table(),
        Key: keys.staffUser(email),
        ConditionExpression: 'attribute_exists(pk) AND #version = :v',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':v': version },
      }),
    );
  } catch (e) {
    conflict(e, 'Someone changed this person meanwhile; reload and try again', 'stale');
  }
}

/** First sign-in: the person's own password replaces the temporary one; invited → active. */
export async function setLocalStaffPassword(email: string, version: number, passwordHash: string): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.staffUser(email),
        UpdateExpression: 'SET passwordHash = :hash, #status = :active, #version = :next',
        ConditionExpression: 'attribute_exists(pk) AND #version = :v',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: { ':hash': passwordHash, ':active': 'active', ':v': version, ':next': version + 1 },
      }),
    );
  } catch (e) {
    conflict(e, 'Someone changed this person meanwhile; sign in again', 'stale');
  }
}

function withDefaults(item: Record<string, unknown>): LocalStaffUser {
  const u = strip<Partial<LocalStaffUser> & { email: string }>(item);
  return { ...u, id: u.id ?? localStaffId(u.email), status: u.status ?? 'active', version: u.version ?? 0, createdAt: u.createdAt ?? 0 } as LocalStaffUser;
}

/**
 * Tokens of `sub` issued before `at` (ms) are refused from now on. Only ever moves forward
 * (conditional), so a late write cannot re-open older sessions.
 */
export async function revokeStaffSessions(sub: string, at: number): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: table(),
        Item: { ...keys.staffSessions(sub), entity: 'staffSessions', sub, revokedAt: at },
        ConditionExpression: 'attribute_not_exists(pk) OR revokedAt < :at',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
  }
}

/** When the person's sessions were last revoked (ms), if ever. */
export async function staffSessionsRevokedAt(sub: string): Promise<number | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.staffSessions(sub), ProjectionExpression: 'revokedAt' }));
  const at = out.Item?.revokedAt;
  return typeof at === 'number' ? at : undefined;
}

/** The demo seed and tests: an active person with the stable local id of their email (unconditional). */
export async function seedStaffUser(u: { email: string; name: string; passwordHash: string; roles: StaffRole[]; branches: string[] }): Promise<void> {
  await db.send(new PutCommand({ TableName: table(), Item: staffUserItem({ ...u, id: localStaffId(u.email), status: 'active', version: 0, createdAt: 0 }) }));
}
