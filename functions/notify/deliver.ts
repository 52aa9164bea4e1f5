// Delivers one outbox message: renders it once, sends it on every channel that accepts it, and
// records each (message, channel) delivery with a conditional write, so a replayed stream batch
// never sends twice. A failed channel is recorded and thrown, so the batch reports the record
// and the stream retries it; after `maxAttempts` the channel is given up on ('failed').
import { getBranchBundle } from '../data/branches-repo';
import { claimDelivery, finishDelivery, type DeliveryRef } from '../data/deliveries-repo';
import { closeMessage, getOutboxMessage, type OutboxMessage, type StoredMessage } from '../data/outbox';
import { listPushSubscriptions, type PushItemKind } from '../data/push-repo';
import { NotFoundError } from '../domain/errors';
import { logger } from '../http/logger';
import { countMetric } from '../observability/metrics';
import { channels, type Addressed, type Channel } from './channels';
import { siteUrl } from './config';
import { renderMessage, type RenderContext, type Rendered } from './templates';

/** Attempts per channel before it is marked failed (each failed attempt fails the stream record). */
export const maxAttempts = 3;
/** A "sending" claim older than this belongs to a sender that died: another may take over. */
const claimLeaseMs = 2 * 60_000;

export type ChannelOutcome = 'sent' | 'failed' | 'retry';
export interface Delivered {
  messageId: string;
  /** 'skipped': the message is no longer pending in this version (sent, rewritten or deleted). */
  status: 'sent' | 'failed' | 'skipped' | 'retry';
  channels: Partial<Record<Channel['name'], ChannelOutcome>>;
}

export class DeliveryFailedError extends Error {
  constructor(
    readonly messageId: string,
    readonly failures: { channel: string; error: unknown }[],
  ) {
    super(`Message ${messageId}: delivery failed on ${failures.map((f) => f.channel).join(', ')}`);
    this.name = 'DeliveryFailedError';
  }
}

/** Another sender holds a fresh claim on this delivery: retry the record later. */
export class DeliveryInFlightError extends Error {
  constructor(ref: DeliveryRef) {
    super(`Message ${ref.messageId} is being sent on ${ref.channel} by another invocation`);
    this.name = 'DeliveryInFlightError';
  }
}

/** Which customer item a message is about (its push subscriptions hang off it). */
export function itemOf(m: Pick<OutboxMessage, 'params'>): { kind: PushItemKind; id: string } | undefined {
  const p = m.params;
  if (typeof p.ticketId === 'string') return { kind: 'ticket', id: p.ticketId };
  if (typeof p.orderId === 'string') return { kind: 'order', id: p.orderId };
  if (typeof p.bookingId === 'string') return { kind: 'booking', id: p.bookingId };
  return undefined;
}

async function renderContext(m: OutboxMessage): Promise<RenderContext> {
  const ctx: RenderContext = { siteUrl: siteUrl(), timeZone: 'Asia/Jerusalem' };
  if (typeof m.params.branchId !== 'string') return ctx;
  try {
    const { branch, services } = await getBranchBundle(m.params.branchId);
    const service = services.find((s) => s.id === m.params.serviceId);
    return { ...ctx, timeZone: branch.timeZone, branchName: branch.name, ...(service ? { serviceName: service.name } : {}) };
  } catch (e) {
    if (e instanceof NotFoundError) return ctx; // a removed branch still lets the message go out, unnamed
    throw e;
  }
}

const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

async function deliverOn(channel: Channel, rendered: Rendered, m: Addressed, now: number): Promise<{ outcome: ChannelOutcome; error?: unknown }> {
  const ref: DeliveryRef = { messageId: m.id, version: m.createdAt, channel: channel.name };
  const claim = await claimDelivery(ref, now, claimLeaseMs);
  if (!claim.claimed) {
    if (claim.record.status === 'sent') return { outcome: 'sent' };
    if (claim.record.status === 'failed') return { outcome: 'failed' };
    throw new DeliveryInFlightError(ref);
  }
  try {
    await channel.send(rendered, m);
  } catch (error) {
    const gaveUp = claim.attempts >= maxAttempts;
    await finishDelivery(ref, claim.attempts, gaveUp ? 'failed' : 'retrying', Date.now(), errorText(error));
    // Never log the address or the text: the template, channel and error name are enough.
    logger.warn('Delivery attempt failed', { messageId: m.id, template: m.template, channel: channel.name, attempt: claim.attempts, gaveUp, error: (error as Error)?.name });
    return { outcome: gaveUp ? 'failed' : 'retry', error };
  }
  await finishDelivery(ref, claim.attempts, 'sent', Date.now());
  return { outcome: 'sent' };
}

/** Counted once per message, by the invocation whose conditional close settled it. */
function countOutcome(m: OutboxMessage, status: 'sent' | 'failed'): void {
  const branchId = typeof m.params.branchId === 'string' ? m.params.branchId : undefined;
  countMetric(status === 'sent' ? 'NotificationsDelivered' : 'NotificationsFailed', branchId);
  logger.info(status === 'sent' ? 'Message delivered' : 'Message failed', { messageId: m.id, template: m.template });
}

/**
 * Delivers the message if it is still pending in this version. Throws DeliveryFailedError when
 * a channel failed this time (the caller's batch reports the record); the outbox item is closed
 * as soon as every channel is settled: 'sent' when at least one reached the customer.
 */
export async function deliverMessage(message: OutboxMessage, now = Date.now()): Promise<Delivered> {
  const current: StoredMessage | undefined = await getOutboxMessage(message.id);
  if (!current || current.status !== 'pending' || current.createdAt !== message.createdAt) {
    return { messageId: message.id, status: 'skipped', channels: {} };
  }
  const item = itemOf(current);
  const addressed: Addressed = { ...current, push: item ? await listPushSubscriptions(item.kind, item.id) : [] };
  const chosen = channels().filter((c) => c.accepts(addressed));
  if (chosen.length === 0) {
    if (await closeMessage(current.id, current.createdAt, 'failed', now, 'no_channel')) countOutcome(current, 'failed');
    return { messageId: current.id, status: 'failed', channels: {} };
  }
  const rendered = renderMessage(current, await renderContext(current));

  const results: Delivered['channels'] = {};
  const failures: { channel: string; error: unknown }[] = [];
  for (const channel of chosen) {
    const { outcome, error } = await deliverOn(channel, rendered, addressed, now);
    results[channel.name] = outcome;
    if (error !== undefined) failures.push({ channel: channel.name, error });
  }

  const outcomes = Object.values(results);
  let status: Delivered['status'] = 'retry';
  if (!outcomes.includes('retry')) {
    const failed = chosen.filter((c) => results[c.name] === 'failed').map((c) => c.name);
    status = outcomes.includes('sent') ? 'sent' : 'failed';
    if (await closeMessage(current.id, current.createdAt, status, Date.now(), failed.length ? `failed: ${failed.join(', ')}` : undefined)) countOutcome(current, status);
  }
  if (failures.length > 0) throw new DeliveryFailedError(current.id, failures);
  return { messageId: current.id, status, channels: results };
}
