import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { getBranch } from '../data/branches-repo';
import { addDeltas, markCounted, raiseMoment } from '../data/insight-repo';
import type { Branch } from '../domain/branch';
import { deltasOfChange } from '../domain/insight/aggregate';
import { momentsOfChange } from '../domain/insight/moments';
import { logger } from '../http/logger';
import { metricsOfChange } from '../observability/business-metrics';
import { publishMetrics, countMetric } from '../observability/metrics';
import { inRecordContext } from '../observability/records';
import { hourLabel, momentSettingsOf } from './settings';
import { retentionOfBranch } from '../privacy/settings';

const image = (i: unknown) => (i ? (unmarshall(i as never) as Record<string, any>) : undefined);

async function handleRecord(r: DynamoDBRecord, branches: Map<string, Promise<Branch>>): Promise<void> {
  const before = image(r.dynamodb?.OldImage);
  const after = image(r.dynamodb?.NewImage);
  if (!after?.branchId) return; // a removal (TTL expiry) or an item of no branch: statistics keep what they have
  const branchId = String(after.branchId);
  if (!branches.has(branchId)) branches.set(branchId, getBranch(branchId));
  const branch = await branches.get(branchId)!;
  const eventId = r.eventID ?? String(r.dynamodb?.SequenceNumber);
  const deltas = deltasOfChange(before, after, branch.timeZone);
  // Business metrics come from here too: this consumer sees every change of every item, in
  // order, and its per-record mark tells a replayed record, so nothing is counted twice.
  const metrics = metricsOfChange(before, after);
  const first = deltas.length > 0 ? await addDeltas(branchId, eventId, deltas, Date.now()) : metrics.length > 0 && (await markCounted(eventId, Date.now()));
  if (first) for (const c of metrics) countMetric(c.metric, c.branchId);
  for (const m of momentsOfChange(before, after, momentSettingsOf(branch), (at) => hourLabel(at, branch.timeZone))) {
    const retention = retentionOfBranch(branch);
    await raiseMoment(m, m.kind === 'booking_no_show' ? retention.bookingDays : retention.visitDays);
  }
}

/**
 * Statistics and moments of truth from the table's stream. Every record is counted once (a mark
 * per record commits with its increments), so a replayed batch changes nothing; a failing record
 * is reported with everything after it, and the mapping retries from there.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const branches = new Map<string, Promise<Branch>>();
  try {
    for (const [i, r] of event.Records.entries()) {
      try {
        await inRecordContext('insight', r, () => handleRecord(r, branches));
      } catch (e) {
        logger.warn('Insight record failed', { eventId: r.eventID, error: (e as Error).name });
        return { batchItemFailures: event.Records.slice(i).map((x) => ({ itemIdentifier: x.dynamodb?.SequenceNumber ?? '' })) };
      }
    }
    return { batchItemFailures: [] };
  } finally {
    publishMetrics(); // what the records before a failure counted
  }
}
