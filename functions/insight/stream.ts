import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { getBranch } from '../data/branches-repo';
import { addDeltas, raiseMoment } from '../data/insight-repo';
import type { Branch } from '../domain/branch';
import { deltasOfChange } from '../domain/insight/aggregate';
import { momentsOfChange } from '../domain/insight/moments';
import { logger } from '../http/logger';
import { hourLabel, momentSettingsOf } from './settings';

const image = (i: unknown) => (i ? (unmarshall(i as never) as Record<string, any>) : undefined);

async function handleRecord(r: DynamoDBRecord, branches: Map<string, Promise<Branch>>): Promise<void> {
  const before = image(r.dynamodb?.OldImage);
  const after = image(r.dynamodb?.NewImage);
  if (!after?.branchId) return; // a removal (TTL expiry) or an item of no branch: statistics keep what they have
  const branchId = String(after.branchId);
  if (!branches.has(branchId)) branches.set(branchId, getBranch(branchId));
  const branch = await branches.get(branchId)!;
  await addDeltas(branchId, r.eventID ?? String(r.dynamodb?.SequenceNumber), deltasOfChange(before, after, branch.timeZone), Date.now());
  for (const m of momentsOfChange(before, after, momentSettingsOf(branch), (at) => hourLabel(at, branch.timeZone))) await raiseMoment(m);
}

/**
 * Statistics and moments of truth from the table's stream. Every record is counted once (a mark
 * per record commits with its increments), so a replayed batch changes nothing; a failing record
 * is reported with everything after it, and the mapping retries from there.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const branches = new Map<string, Promise<Branch>>();
  for (const [i, r] of event.Records.entries()) {
    try {
      await handleRecord(r, branches);
    } catch (e) {
      logger.warn('Insight record failed', { eventId: r.eventID, error: (e as Error).name });
      return { batchItemFailures: event.Records.slice(i).map((x) => ({ itemIdentifier: x.dynamodb?.SequenceNumber ?? '' })) };
    }
  }
  return { batchItemFailures: [] };
}
