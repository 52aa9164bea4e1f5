// Re-driving a stream consumer's dead letters, the same way in AWS and on a laptop.
// A Lambda on-failure destination for a DynamoDB stream keeps no records, only where the failed
// batch lies in the stream (DDBStreamBatchInfo). Re-driving = reading that range again (the
// stream keeps 24 h) and handing it to the consumer; every consumer is idempotent, so a batch
// that half-succeeded before is safe to run again.
import type { DynamoDBRecord } from 'aws-lambda';
import { GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { toLambdaRecord } from './stream-records';

/** The part of Lambda's on-failure record that says which records failed. */
export interface StreamBatchInfo {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  streamArn: string;
  batchSize: number;
}

/** The body of an on-failure message (SQS destination of an event source mapping). */
export interface OnFailureRecord {
  requestContext?: { functionArn?: string; condition?: string };
  DDBStreamBatchInfo?: StreamBatchInfo;
}

export type BatchResult = { batchItemFailures?: { itemIdentifier: string }[] } | void | null | undefined;

export type RedriveOutcome =
  | { status: 'redriven'; records: number }
  | { status: 'failed'; records: number; reason: string }
  /** The stream no longer holds the range (trimmed after 24 h): nothing left to re-drive. */
  | { status: 'expired'; records: number };

const seq = (s: string | undefined) => BigInt(s ?? '0');

/** The records of one failed batch, read again from the stream, as Lambda would deliver them. */
export async function readBatch(streams: DynamoDBStreamsClient, info: StreamBatchInfo): Promise<DynamoDBRecord[]> {
  let iterator: string | undefined;
  try {
    const it = await streams.send(
      new GetShardIteratorCommand({ StreamArn: info.streamArn, ShardId: info.shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: info.startSequenceNumber }),
    );
    iterator = it.ShardIterator;
  } catch (e) {
    // TrimmedDataAccessException / ResourceNotFoundException: the range is gone.
    if (['TrimmedDataAccessException', 'ResourceNotFoundException'].includes((e as Error).name)) return [];
    throw e;
  }
  const out: DynamoDBRecord[] = [];
  const end = seq(info.endSequenceNumber);
  // A closed shard ends with no iterator; an open one answers empty pages once it is read to its tip.
  for (let emptyPages = 0; iterator && emptyPages < 3; ) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
    iterator = page.NextShardIterator;
    const records = page.Records ?? [];
    if (!records.length) emptyPages++;
    for (const r of records) {
      if (seq(r.dynamodb?.SequenceNumber) > end) return out;
      out.push(toLambdaRecord(r, info.streamArn));
    }
    if (out.length && seq(out[out.length - 1]?.dynamodb?.SequenceNumber) >= end) return out;
  }
  return out;
}

/** Reads one failed batch again and hands it to its consumer once. */
export async function redriveBatch(
  streams: DynamoDBStreamsClient,
  info: StreamBatchInfo,
  invoke: (event: { Records: DynamoDBRecord[] }) => Promise<BatchResult>,
): Promise<RedriveOutcome> {
  const records = await readBatch(streams, info);
  if (!records.length) return { status: 'expired', records: 0 };
  try {
    const result = await invoke({ Records: records });
    const failures = result?.batchItemFailures ?? [];
    if (failures.length) return { status: 'failed', records: records.length, reason: `${failures.length} record(s) failed again` };
    return { status: 'redriven', records: records.length };
  } catch (e) {
    return { status: 'failed', records: records.length, reason: (e as Error).message };
  }
}
