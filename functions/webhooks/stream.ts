import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { claimDelivery, listWebhooks, recordDelivery, type Webhook } from '../data/webhooks-repo';
import { eventOfChange, retryDelaysMs, signatureHeader, type WebhookEvent } from '../domain/webhooks';
import { logger } from '../http/logger';
import { inRecordContext } from '../observability/records';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const image = (i: unknown) => (i ? unmarshall(i as never) : undefined);

/** POSTs one event to one webhook, retrying with backoff; a 2xx within the attempts is delivered. */
async function send(w: Webhook, event: WebhookEvent): Promise<{ ok: boolean; attempts: number; httpStatus?: number }> {
  const body = JSON.stringify(event);
  let httpStatus: number | undefined;
  for (const [i, delay] of retryDelaysMs.entries()) {
    await sleep(delay);
    try {
      const res = await fetch(w.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Dalpak-Webhooks/1', 'dalpak-event': event.type, 'dalpak-signature': signatureHeader(w.secret, body, Date.now()) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(5000),
      });
      httpStatus = res.status;
      await res.body?.cancel();
      if (res.ok) return { ok: true, attempts: i + 1, httpStatus };
    } catch {
      httpStatus = undefined; // timeout or refused connection
    }
  }
  return { ok: false, attempts: retryDelaysMs.length, httpStatus };
}

async function deliverRecord(r: DynamoDBRecord): Promise<void> {
  const at = (r.dynamodb?.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000;
  const event = eventOfChange(r.eventID ?? r.dynamodb?.SequenceNumber ?? '', image(r.dynamodb?.OldImage), image(r.dynamodb?.NewImage), Math.round(at));
  if (!event) return;
  const hooks = (await listWebhooks(event.branchId)).filter((w) => w.events.includes(event.type));
  await Promise.all(
    hooks.map(async (w) => {
      if (!(await claimDelivery(event.id, w.id, Date.now()))) return; // a replay: already sent (or being sent)
      const out = await send(w, event);
      await recordDelivery(w, event.id, { status: out.ok ? 'delivered' : 'failed', attempts: out.attempts, httpStatus: out.httpStatus, eventType: event.type, at: Date.now() });
      if (!out.ok) logger.warn('Webhook delivery failed', { webhookId: w.id, eventType: event.type, httpStatus: out.httpStatus });
    }),
  );
}

/**
 * From the table's stream to integrators. A failed receiver is retried with backoff inside the
 * delivery and then marked failed (visible to the manager); the stream batch itself never fails
 * for a receiver's sake, so one bad URL cannot hold back the others.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  for (const r of event.Records) await inRecordContext('webhooks', r, () => deliverRecord(r));
}
