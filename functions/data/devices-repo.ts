import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../domain/errors';
import { enrollmentKeepMinutes, maxWrongCodes, wrongCodeWindow, wrongCodeWindowMinutes, type Device, type Enrollment } from '../domain/devices';
import { db, table } from './client';
import { queryAll, strip } from './items';
import { keys } from './keys';
import { transact } from './transact';

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * Stores a new enrollment and claims its code for the branch in one transaction. A code is
 * free when nobody holds it or its holder's time is up (DynamoDB Local never runs the TTL).
 * Returns false when the code is taken: the caller draws another.
 */
export async function insertEnrollment(e: Enrollment): Promise<boolean> {
  const expiresAt = seconds(e.createdAt) + enrollmentKeepMinutes * 60;
  const failed = await transact([
    {
      Put: {
        TableName: table(),
        Item: { ...keys.enrollmentCode(e.branchId, e.code), entity: 'enrollmentCode', enrollmentId: e.id, codeExpiresAt: e.codeExpiresAt, expiresAt },
        ConditionExpression: 'attribute_not_exists(pk) OR codeExpiresAt <= :now',
        ExpressionAttributeValues: { ':now': e.createdAt },
      },
    },
    { Put: { TableName: table(), Item: { ...keys.deviceEnrollment(e.id), entity: 'deviceEnrollment', ...e, expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ]);
  return failed.length === 0;
}

export async function getEnrollment(enrollmentId: string): Promise<Enrollment | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.deviceEnrollment(enrollmentId), ConsistentRead: true }));
  return out.Item ? strip<Enrollment>(out.Item) : undefined;
}

/** The enrollment a branch's code points at (its latest claim). */
export async function enrollmentByCode(branchId: string, code: string): Promise<Enrollment | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.enrollmentCode(branchId, code), ConsistentRead: true }));
  const id = out.Item?.enrollmentId;
  if (typeof id !== 'string') return undefined;
  const e = await getEnrollment(id);
  // A code past its time may already belong to a newer enrollment's claim: only the holder counts.
  return e && e.branchId === branchId && e.code === code ? e : undefined;
}

/** Wrong codes this person typed for the branch in the current window; refused above the limit. */
export async function wrongCodesSoFar(branchId: string, staffId: string, now: number): Promise<number> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.wrongEnrollmentCodes(branchId, staffId, wrongCodeWindow(now)), ConsistentRead: true }));
  return Number(out.Item?.count ?? 0);
}

export async function countWrongCode(branchId: string, staffId: string, now: number): Promise<number> {
  const windowStart = wrongCodeWindow(now);
  const out = await db.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.wrongEnrollmentCodes(branchId, staffId, windowStart),
      UpdateExpression: 'ADD #c :one SET expiresAt = :exp, entity = :e',
      ExpressionAttributeNames: { '#c': 'count' },
      ExpressionAttributeValues: { ':one': 1, ':exp': seconds(windowStart) + 2 * wrongCodeWindowMinutes * 60, ':e': 'wrongEnrollmentCodes' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(out.Attributes?.count ?? maxWrongCodes);
}

const deviceItem = (d: Device) => ({ ...keys.device(d.id), ...keys.deviceListEntry(d.branchId, d.enrolledAt, d.id), entity: 'device', ...d });

/**
 * A manager confirmed the code: the enrollment turns approved and the device exists (without a
 * token yet) in one transaction, conditional on the enrollment still pending within its time.
 */
export async function approveEnrollment(e: Enrollment, device: Device, now: number): Promise<void> {
  const failed = await transact([
    {
      Update: {
        TableName: table(),
        Key: keys.deviceEnrollment(e.id),
        UpdateExpression: 'SET #s = :approved, deviceId = :d',
        ConditionExpression: '#s = :pending AND codeExpiresAt > :now',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':approved': 'approved', ':pending': 'pending', ':d': device.id, ':now': now },
      },
    },
    { Put: { TableName: table(), Item: deviceItem(device), ConditionExpression: 'attribute_not_exists(pk)' } },
  ]);
  if (failed.length > 0) throw new ConflictError('This code was confirmed already or its time is up; ask the device for a new one', 'code_not_pending', [{ field: 'body.code', reason: 'no longer waiting' }]);
}

/**
 * Hands the device its token: sets the token's hash once. The condition is the lock: a second
 * poll (or a copy racing this one) finds the hash there and gets no token.
 */
export async function issueDeviceToken(deviceId: string, tokenHash: string, now: number): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.device(deviceId),
        UpdateExpression: 'SET tokenHash = :h, lastSeenAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(tokenHash) AND #s = :active',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':h': tokenHash, ':now': now, ':active': 'active' },
      }),
    );
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
}

export async function getDevice(deviceId: string): Promise<Device | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.device(deviceId), ConsistentRead: true }));
  return out.Item ? strip<Device>(out.Item) : undefined;
}

export async function listBranchDevices(branchId: string): Promise<Device[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': keys.deviceList(branchId).gsi1pk } });
  return items.map((i) => strip<Device>(i));
}

/** Revokes an active device of the branch; the device's next request is refused. */
export async function revokeBranchDevice(branchId: string, deviceId: string, by: string, now: number): Promise<Device> {
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.device(deviceId),
        UpdateExpression: 'SET #s = :revoked, revokedAt = :now, revokedBy = :by',
        ConditionExpression: 'attribute_exists(pk) AND branchId = :b AND #s = :active',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':revoked': 'revoked', ':now': now, ':by': by, ':b': branchId, ':active': 'active' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return strip<Device>(out.Attributes!);
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
    const d = await getDevice(deviceId);
    if (!d || d.branchId !== branchId) throw new NotFoundError('No such device at this branch');
    throw new ConflictError('This device was revoked already', 'already_revoked');
  }
}

/** Last seen, written at most once a minute per device (cheap enough for the list). */
export async function touchDevice(deviceId: string, now: number): Promise<void> {
  await db
    .send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.device(deviceId),
        UpdateExpression: 'SET lastSeenAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastSeenAt) OR lastSeenAt < :stale)',
        ExpressionAttributeValues: { ':now': now, ':stale': now - 60_000 },
      }),
    )
    .catch((e) => {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    });
}

/** The demo devices of `npm start` (and the browser suite): fixed ids, a fresh token each start. */
export async function putDemoDevice(device: Device): Promise<void> {
  await db.send(new PutCommand({ TableName: table(), Item: deviceItem(device) }));
}
