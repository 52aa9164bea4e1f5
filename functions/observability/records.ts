import type { DynamoDBRecord } from 'aws-lambda';
import { logger } from '../http/logger';
import { correlationIdOfImage, withCorrelationId } from './correlation';

/**
 * Runs a stream consumer's work on one record under the correlation id of the write that made
 * the record (the image's `corrId`; the record's own event id when it has none, e.g. a TTL
 * removal), so what the consumer logs and writes (outbox messages, deliveries) carries it on.
 */
export function inRecordContext<T>(consumer: string, r: DynamoDBRecord, fn: () => Promise<T>): Promise<T> {
  const image = (r.eventName === 'REMOVE' ? r.dynamodb?.OldImage : r.dynamodb?.NewImage) as Record<string, unknown> | undefined;
  const id = (r.eventName === 'REMOVE' ? undefined : correlationIdOfImage(image)) ?? `stream-${r.eventID ?? r.dynamodb?.SequenceNumber ?? 'unknown'}`;
  return withCorrelationId(id, () => {
    // Keys and entity only: images hold names and phone numbers.
    logger.debug('Stream record', { consumer, eventName: r.eventName, entity: (image?.entity as { S?: string } | undefined)?.S, sequence: r.dynamodb?.SequenceNumber });
    return fn();
  });
}
