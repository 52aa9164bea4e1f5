// Data protection: finding, exporting and erasing one customer's personal data in a branch.
//
// The index is a *link item* per (contact, personal item): pk CONTACT#<hash of the phone or
// email>, sk <branch>#<kind>#<id>, written in the same transaction as the item and expiring 35
// days after it (a booking may move up to 30 days later; a link to an item already gone is
// skipped and removed). Links rather than a GSI key on the items because an item may carry two
// contacts (a phone and an email) while a GSI key holds one value, and because they need no
// second index on the table (no backfill, no GSI change on a deployed stage). Items written
// before links existed are not found by contact: they expire by TTL as before.
//
// Erasing keeps each item and its anonymous facts (status, times, service, numbers, version
// counters) and removes its personal attributes with a conditional update that also bumps the
// version, so a clerk's move read before the erasure is refused as stale instead of writing the
// contact back. Nothing the statistics count changes: the insight consumer adds on status
// changes, never on a change of contact.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { contactHash, contactRefsOf, scrubPersonal, type ContactRef } from '../domain/privacy/contact';
import { db, table } from './client';
import { queryAll, strip } from './items';
import { keys, type Key } from './keys';
import type { TxItem } from './transact';

export const personalKinds = ['ticket', 'order', 'booking', 'checkout', 'moment', 'message'] as const;
export type PersonalKind = (typeof personalKinds)[number];

/** Links outlive their item by this much (an item's expiry moves on with its later changes). */
const linkSlackDays = 35;

/** The link items of one personal item: one per contact it carries. */
export function contactLinkPuts(contact: { phone?: unknown; email?: unknown } | undefined, branchId: string, kind: PersonalKind, itemId: string, target: Key, expiresAt: number): TxItem[] {
  return contactRefsOf(contact).map((ref) => ({
    Put: {
      TableName: table(),
      Item: { ...keys.contactLink(contactHash(ref), branchId, kind, itemId), entity: 'contactLink', kind, itemId, target, expiresAt: expiresAt + linkSlackDays * 86400 },
    },
  }));
}

export interface ContactLink {
  contactHash: string;
  branchId: string;
  kind: PersonalKind;
  itemId: string;
  target: Key;
}

/** The contact's links in one branch (or in every branch: an admin). */
export async function listContactLinks(ref: ContactRef, branchId: string | undefined): Promise<ContactLink[]> {
  const hash = contactHash(ref);
  const items = await queryAll({
    KeyConditionExpression: branchId ? 'pk = :pk AND begins_with(sk, :b)' : 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.contactLinks(hash), ...(branchId ? { ':b': keys.contactLinksOfBranch(branchId) } : {}) },
    ConsistentRead: true,
  });
  return items.map((i) => ({ contactHash: hash, branchId: String(i.sk).split('#')[0]!, kind: i.kind as PersonalKind, itemId: String(i.itemId), target: i.target as Key }));
}

export async function getItem(key: Key): Promise<Record<string, unknown> | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }));
  return out.Item;
}
export const entityOf = (item: Record<string, unknown>) => strip<Record<string, any>>(item);

export async function deleteLinks(links: { contactHash: string; branchId: string; kind: string; itemId: string }[]): Promise<void> {
  const unique = [...new Map(links.map((l) => [`${l.contactHash}|${l.branchId}|${l.kind}|${l.itemId}`, l])).values()];
  for (let i = 0; i < unique.length; i += 25) {
    const batch = unique.slice(i, i + 25).map((l) => ({ DeleteRequest: { Key: keys.contactLink(l.contactHash, l.branchId, l.kind, l.itemId) } }));
    let pending: typeof batch | undefined = batch;
    for (let attempt = 0; pending?.length && attempt < 8; attempt++) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table()]: pending } }));
      pending = out.UnprocessedItems?.[table()] as typeof batch | undefined;
      if (pending?.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
}

const isConditionFailure = (e: unknown) => e instanceof ConditionalCheckFailedException;

/**
 * Removes an item's personal attributes (and the given nested ones), keeping everything else;
 * `blank` sets what views expect to exist to an empty value. Versioned items get a new version.
 * Conditional on the item existing: false when it is gone (expired, or a message deleted).
 */
export async function erasePersonalAttributes(key: Key, remove: string[], opts: { blank?: Record<string, unknown>; versioned?: boolean; now: number }): Promise<boolean> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':now': opts.now };
  const path = (p: string) =>
    p
      .split('.')
      .map((part) => {
        const n = `#${part.replace(/\W/g, '_')}`;
        names[n] = part;
        return n;
      })
      .join('.');
  const set = ['erasedAt = :now'];
  for (const [field, v] of Object.entries(opts.blank ?? {})) {
    set.push(`${path(field)} = :blank_${field}`);
    values[`:blank_${field}`] = v;
  }
  if (opts.versioned) {
    set.push('#version = #version + :one');
    names['#version'] = 'version';
    values[':one'] = 1;
  }
  const removable = remove.filter((r) => !(r in (opts.blank ?? {})));
  try {
    await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: key,
        UpdateExpression: `SET ${set.join(', ')}${removable.length ? ` REMOVE ${removable.map(path).join(', ')}` : ''}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Deletes an item if it is still there; false when it was not. */
export async function deleteIfExists(key: Key): Promise<boolean> {
  try {
    await db.send(new DeleteCommand({ TableName: table(), Key: key, ConditionExpression: 'attribute_exists(pk)' }));
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Every item of a partition (push subscriptions of a visit). */
export async function listPartition(pk: string): Promise<Record<string, unknown>[]> {
  return queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true });
}

/** What the local channel set recorded as sent for these messages (npm start's /dev/outbox). */
export async function listLocalDeliveriesOf(messageIds: Set<string>): Promise<Key[]> {
  if (messageIds.size === 0) return [];
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.localDeliveryList().gsi1pk } });
  return items.filter((i) => messageIds.has(String(i.messageId))).map((i) => ({ pk: String(i.pk), sk: String(i.sk) }));
}

/**
 * Idempotency records (Powertools keeps a create's answer for 24 hours under one partition) whose
 * stored answer mentions one of these item ids: the personal fields are scrubbed from the answer,
 * conditional on it being unchanged, so a retry still gets its answer (without the contact).
 */
export async function scrubIdempotencyRecords(itemIds: string[]): Promise<number> {
  if (itemIds.length === 0) return 0;
  const records = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'IDEMPOTENCY' }, ConsistentRead: true });
  let scrubbed = 0;
  for (const r of records) {
    const data = r.data;
    if (data === undefined) continue;
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    if (!itemIds.some((id) => text.includes(id))) continue;
    const parsed = typeof data === 'string' ? safeParse(data) : data;
    if (parsed === undefined) continue;
    const clean = scrubAnswer(parsed);
    const next = typeof data === 'string' ? JSON.stringify(clean) : clean;
    if (JSON.stringify(next) === JSON.stringify(data)) continue;
    try {
      await db.send(
        new UpdateCommand({
          TableName: table(),
          Key: { pk: r.pk, sk: r.sk },
          UpdateExpression: 'SET #d = :next',
          ConditionExpression: '#d = :prev',
          ExpressionAttributeNames: { '#d': 'data' },
          ExpressionAttributeValues: { ':next': next, ':prev': data },
        }),
      );
      scrubbed++;
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }
  return scrubbed;
}
/** A stored answer is the HTTP response: its body is JSON inside a string. */
function scrubAnswer(answer: unknown): unknown {
  const a = answer as { body?: unknown };
  if (a && typeof a === 'object' && typeof a.body === 'string') {
    const body = safeParse(a.body);
    if (body !== undefined) return { ...a, body: JSON.stringify(scrubPersonal(body)) };
  }
  return scrubPersonal(answer);
}
const safeParse = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
};

export interface ErasureRecord {
  id: string;
  branchId: string;
  contactHash: string;
  counts: Record<string, number>;
  by: string;
  at: number;
}

/** The audit of an erasure: no contact, only its hash, what was erased, by whom and when. */
export async function putErasure(e: ErasureRecord): Promise<void> {
  await db.send(new PutCommand({ TableName: table(), Item: { ...keys.erasure(e.branchId, e.id), entity: 'erasure', id: e.id, branch: e.branchId, contactHash: e.contactHash, counts: e.counts, by: e.by, at: e.at }, ConditionExpression: 'attribute_not_exists(pk)' }));
}
