import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { phoneCodeRules, type PhoneVerification } from '../domain/identity/phone-code';
import { db, table } from './client';
import { strip } from './items';
import { keys } from './keys';
import { outboxPuts, type OutboxMessage } from './outbox';
import { transact, type TxItem } from './transact';

// Phone verifications (domain/identity/phone-code.ts): the verification, the codes sent to a
// phone (a sliding window), the codes a branch sent (a fixed window) and the SMS itself move
// together in one transaction. Only hashes of the code and of the token are stored.

/** Kept a day past the longest it matters, then removed by TTL. */
const expiryOf = (at: number) => Math.floor(at / 1000) + 24 * 3600;

export async function getPhoneVerification(id: string): Promise<PhoneVerification | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.phoneVerification(id), ConsistentRead: true }));
  return out.Item ? strip<PhoneVerification>(out.Item) : undefined;
}

/** Instants of codes recently sent to a phone, with the version to write the next one over. */
export async function getPhoneCodeSends(phoneHash: string): Promise<{ sentAt: number[]; version: number } | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.phoneCodeSends(phoneHash), ConsistentRead: true }));
  return out.Item ? { sentAt: (out.Item.sentAt as number[]) ?? [], version: Number(out.Item.version ?? 0) } : undefined;
}

export type StartOutcome = 'stored' | 'phone_raced' | 'branch_limit';

/**
 * One transaction: the phone's send list (conditional on the version read), the branch's window
 * counter (below its cap), the verification (new) and the SMS with its privacy links.
 */
export async function storePhoneVerification(
  v: PhoneVerification,
  sends: { sentAt: number[]; seenVersion: number | undefined },
  branchWindowStart: number,
  message: OutboxMessage,
): Promise<StartOutcome> {
  const sendsKey = keys.phoneCodeSends(v.phoneHash);
  const items: TxItem[] = [
    sends.seenVersion === undefined
      ? { Put: { TableName: table(), Item: { ...sendsKey, entity: 'phoneCodeSends', sentAt: sends.sentAt, version: 1, expiresAt: expiryOf(v.createdAt) }, ConditionExpression: 'attribute_not_exists(pk)' } }
      : {
          Update: {
            TableName: table(),
            Key: sendsKey,
            UpdateExpression: 'SET sentAt = :sentAt, #v = :next, expiresAt = :exp',
            ConditionExpression: '#v = :seen',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':sentAt': sends.sentAt, ':next': sends.seenVersion + 1, ':seen': sends.seenVersion, ':exp': expiryOf(v.createdAt) },
          },
        },
    {
      Update: {
        TableName: table(),
        Key: keys.branchPhoneCodes(v.branchId, branchWindowStart),
        UpdateExpression: 'ADD #n :one SET expiresAt = :exp',
        ConditionExpression: 'attribute_not_exists(#n) OR #n < :max',
        ExpressionAttributeNames: { '#n': 'sent' },
        ExpressionAttributeValues: { ':one': 1, ':max': phoneCodeRules.maxCodesPerBranch, ':exp': expiryOf(v.createdAt) },
      },
    },
    { Put: { TableName: table(), Item: { ...keys.phoneVerification(v.id), entity: 'phoneVerification', ...v, expiresAt: expiryOf(v.codeExpiresAt + phoneCodeRules.verifiedTtlMs) }, ConditionExpression: 'attribute_not_exists(pk)' } },
    // The SMS is personal data like any message, but carries nothing worth keeping past a day.
    ...outboxPuts(message, 1),
  ];
  const failed = await transact(items);
  if (failed.length === 0) return 'stored';
  if (failed.includes(1)) return 'branch_limit';
  if (failed.includes(0)) return 'phone_raced';
  throw new Error(`Phone verification not stored (items ${failed.join(',')} failed)`);
}

const conditional = async (run: () => Promise<unknown>): Promise<boolean> => {
  try {
    await run();
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
};

/** One more wrong code, over the count that was read (locks at the limit). False when someone moved first. */
export function recordWrongCode(id: string, seenAttempts: number, lock: boolean): Promise<boolean> {
  return conditional(() =>
    db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.phoneVerification(id),
        UpdateExpression: 'SET attempts = :next, #status = :status',
        ConditionExpression: '#status = :pending AND attempts = :seen',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':next': seenAttempts + 1, ':seen': seenAttempts, ':status': lock ? 'locked' : 'pending', ':pending': 'pending' },
      }),
    ),
  );
}

/** The right code: pending → verified with the token's hash, once (the condition is the lock). */
export function markPhoneVerified(v: PhoneVerification, tokenHash: string, now: number): Promise<boolean> {
  return conditional(() =>
    db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.phoneVerification(v.id),
        UpdateExpression: 'SET #status = :verified, tokenHash = :th, verifiedAt = :now, verifiedUntil = :until',
        ConditionExpression: '#status = :pending AND attempts < :max AND codeExpiresAt > :now AND codeHash = :ch',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':verified': 'verified',
          ':pending': 'pending',
          ':th': tokenHash,
          ':now': now,
          ':until': now + phoneCodeRules.verifiedTtlMs,
          ':max': phoneCodeRules.maxAttempts,
          ':ch': v.codeHash,
        },
      }),
    ),
  );
}

/** A ticket was taken with it: verified → used, once. */
export function spendPhoneVerification(id: string, tokenHash: string, ticketId: string, now: number): Promise<boolean> {
  return conditional(() =>
    db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.phoneVerification(id),
        UpdateExpression: 'SET #status = :used, usedAt = :now, ticketId = :ticket',
        ConditionExpression: '#status = :verified AND tokenHash = :th AND verifiedUntil > :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':used': 'used', ':verified': 'verified', ':th': tokenHash, ':now': now, ':ticket': ticketId },
      }),
    ),
  );
}
