import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Counters, Delta } from '../domain/insight/aggregate';
import type { Moment, MomentStatus } from '../domain/insight/moments';
import { ConflictError, NotFoundError } from '../domain/errors';
import { db, table } from './client';
import { queryAll, strip } from './items';
import { keys } from './keys';
import { transact, type TxItem } from './transact';
import { contactLinkPuts } from './privacy-repo';
import { defaultRetention, personalExpiry } from '../domain/privacy/retention';

const isConditionFailure = (e: unknown) => (e as Error).name === 'ConditionalCheckFailedException';

/** One change's increments, once: the mark and the additions commit together or not at all. */
export async function addDeltas(branchId: string, eventId: string, deltas: Delta[], now: number): Promise<boolean> {
  const cells = new Map<string, Delta>();
  for (const d of deltas) {
    const k = `${d.day}|${d.serviceId}|${d.hour}`;
    const c = cells.get(k) ?? { ...d, add: {} };
    for (const [name, v] of Object.entries(d.add)) c.add[name] = (c.add[name] ?? 0) + v;
    cells.set(k, c);
  }
  if (cells.size === 0) return false;
  const items: TxItem[] = [
    { Put: { TableName: table(), Item: { ...keys.insightMark(eventId), entity: 'insightMark', expiresAt: Math.floor(now / 1000) + 7 * 86400 }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...[...cells.values()].map((c): TxItem => {
      const names = Object.keys(c.add);
      return {
        Update: {
          TableName: table(),
          Key: keys.insightCell(branchId, c.day, c.serviceId, c.hour),
          UpdateExpression: `SET entity = :e, branchId = :b, #day = :d, serviceId = :s, #hour = :h ADD ${names.map((_, i) => `#c${i} :v${i}`).join(', ')}`,
          ExpressionAttributeNames: { '#day': 'day', '#hour': 'hour', ...Object.fromEntries(names.map((n, i) => [`#c${i}`, n])) },
          ExpressionAttributeValues: { ':e': 'insightCell', ':b': branchId, ':d': c.day, ':s': c.serviceId, ':h': c.hour, ...Object.fromEntries(names.map((n, i) => [`:v${i}`, c.add[n]])) },
        },
      };
    }),
  ];
  const failed = await transact(items);
  return failed.length === 0; // the mark's condition failed: a replay, already counted
}

/**
 * Marks a change counted when it makes no increments but still counts (a business metric such
 * as an order becoming ready): the same mark addDeltas writes, so a replay is known either way.
 * False when it was already marked.
 */
export async function markCounted(eventId: string, now: number): Promise<boolean> {
  try {
    await db.send(new PutCommand({ TableName: table(), Item: { ...keys.insightMark(eventId), entity: 'insightMark', expiresAt: Math.floor(now / 1000) + 7 * 86400 }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export interface Cell {
  day: string;
  serviceId: string;
  hour: number;
  counters: Counters;
}
const meta = new Set(['branchId', 'day', 'serviceId', 'hour']);

export async function readDay(branchId: string, day: string): Promise<Cell[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.insightDay(branchId, day) }, ConsistentRead: true });
  return items.map((i) => {
    const c = strip<Record<string, unknown>>(i);
    return { day, serviceId: String(c.serviceId), hour: Number(c.hour), counters: Object.fromEntries(Object.entries(c).filter(([k, v]) => !meta.has(k) && typeof v === 'number')) as Counters };
  });
}

/** Backfill: a day's cells recomputed from the raw records replace what is stored. */
export async function replaceDay(branchId: string, day: string, cells: Cell[]): Promise<void> {
  const existing = await readDay(branchId, day);
  const keep = new Set(cells.map((c) => `${c.serviceId}#${c.hour}`));
  await Promise.all([
    ...cells.map((c) => db.send(new PutCommand({ TableName: table(), Item: { ...keys.insightCell(branchId, day, c.serviceId, c.hour), entity: 'insightCell', branchId, day, serviceId: c.serviceId, hour: c.hour, ...c.counters } }))),
    ...existing
      .filter((c) => !keep.has(`${c.serviceId}#${c.hour}`))
      .map((c) => db.send(new PutCommand({ TableName: table(), Item: { ...keys.insightCell(branchId, day, c.serviceId, c.hour), entity: 'insightCell', branchId, day, serviceId: c.serviceId, hour: c.hour } }))),
  ]);
}

// --- Survey answers

export interface SurveyAnswer {
  kind: 'ticket' | 'order';
  visitId: string;
  branchId: string;
  serviceId: string;
  counterId?: string;
  day: string;
  visitAt: number;
  score: number;
  comment?: string;
  language: 'he' | 'en';
  wantsCall: boolean;
  at: number;
}

/** Stores the answer unless the visit already has one; false when it had. */
export async function putSurvey(a: SurveyAnswer, visitDays: number = defaultRetention.visitDays): Promise<boolean> {
  try {
    // The comment is free text (it may name someone): the answer expires like its visit; its
    // score and count are already in the statistics.
    const expiresAt = personalExpiry(Math.max(a.visitAt, a.at), visitDays);
    await db.send(new PutCommand({ TableName: table(), Item: { ...keys.survey(a.kind, a.visitId), ...keys.surveyDayEntry(a.branchId, a.day, a.visitId), entity: 'survey', ...a, expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export async function listSurveysOfDay(branchId: string, day: string): Promise<SurveyAnswer[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.surveyDayEntry(branchId, day, '').gsi1pk } });
  return items.map((i) => ({ ...strip<SurveyAnswer>(i), entity: 'survey' }) as SurveyAnswer);
}

export async function getSurvey(kind: string, visitId: string): Promise<SurveyAnswer | undefined> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.survey(kind, visitId), ConsistentRead: true }));
  return out.Item ? strip<SurveyAnswer>(out.Item) : undefined;
}

// --- Moments of truth

/**
 * Raises a moment once (its id comes from what caused it); false when it already exists. It
 * carries a contact to call: kept the branch's retention (visits; bookings for a booking's
 * no-show), with the links that find it by that contact.
 */
export async function raiseMoment(m: Moment, retainDays: number = defaultRetention.visitDays): Promise<boolean> {
  const expiresAt = personalExpiry(m.createdAt, retainDays);
  const failed = await transact([
    { Put: { TableName: table(), Item: { ...keys.moment(m.branchId, m.id), entity: 'moment', ...m, expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...contactLinkPuts(m.contact, m.branchId, 'moment', m.id, keys.moment(m.branchId, m.id), expiresAt),
  ]);
  return failed.length === 0;
}

export async function listMoments(branchId: string): Promise<Moment[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.momentsOf(branchId) }, ConsistentRead: true });
  return items.map((i) => strip<Moment>(i));
}

/** Moves a moment (called, resolved) from the version the clerk saw; a stale one is a 409. */
export async function moveMoment(branchId: string, id: string, version: number, status: MomentStatus, by: string, now: number): Promise<Moment> {
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.moment(branchId, id),
        UpdateExpression: 'SET #s = :s, version = version + :one, updatedAt = :now, updatedBy = :by',
        ConditionExpression: 'attribute_exists(pk) AND version = :v',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': status, ':one': 1, ':now': now, ':by': by, ':v': version },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return strip<Moment>(out.Attributes!);
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const exists = (await listMoments(branchId)).some((m) => m.id === id);
    if (!exists) throw new NotFoundError('No such item on the call-back list');
    throw new ConflictError('Someone else updated this item; reload and try again', 'stale');
  }
}
