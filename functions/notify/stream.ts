// The notifier's stream handler: the table's stream (NEW_AND_OLD_IMAGES) in, messages out.
// Per record: an outbox message that became pending is delivered; a ticket change may write
// derived messages (called, recalled, N ahead, survey) to the outbox, which come back through
// this same stream. Failed records are reported (ReportBatchItemFailures), never the batch.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { strip } from '../data/items';
import type { OutboxMessage } from '../data/outbox';
import type { StoredTicket } from '../data/tickets-repo';
import { becamePending } from '../domain/notify/rules';
import { logger } from '../http/logger';
import { publishMetrics } from '../observability/metrics';
import { inRecordContext } from '../observability/records';
import { deliverMessage } from './deliver';
import { onTicketChange } from './ticket-messages';

type Image = Record<string, unknown>;
function imageOf(img: unknown): Image | undefined {
  return img ? (unmarshall(img as never) as Image) : undefined;
}

async function recordHandler(record: DynamoDBRecord): Promise<void> {
  try {
    await inRecordContext('notifier', record, () => handleRecord(record));
  } catch (e) {
    logger.warn('Stream record failed', { eventId: record.eventID, sequence: record.dynamodb?.SequenceNumber, error: (e as Error)?.name, reason: (e as Error)?.message });
    throw e;
  }
}

async function handleRecord(record: DynamoDBRecord): Promise<void> {
  const old = imageOf(record.dynamodb?.OldImage);
  const next = imageOf(record.dynamodb?.NewImage);
  const entity = (next ?? old)?.entity;
  if (entity === 'outbox') {
    if (becamePending(old as never, next as never)) await deliverMessage(strip<OutboxMessage>(next!));
  } else if (entity === 'ticket') {
    await onTicketChange(old && strip<StoredTicket>(old), next && strip<StoredTicket>(next), Date.now());
  }
}

export const handler = async (event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> => {
  // One processor per batch: it holds the batch's results, and the local runtime may run batches side by side.
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const out = await processPartialResponse(event, recordHandler, processor, {
    ...(context ? { context } : {}),
    // Records in stream order; a batch whose every record failed is reported like any other
    // (the stream retries from the first failure either way) rather than thrown.
    processInParallel: false,
    throwOnFullBatchFailure: false,
  }).finally(publishMetrics); // NotificationsDelivered / NotificationsFailed of this batch
  if (out.batchItemFailures.length > 0) logger.warn('Stream records failed', { failed: out.batchItemFailures.length, of: event.Records.length });
  return out;
};
