import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { redriveBatch, type RedriveOutcome, type StreamBatchInfo } from '../ops/redrive';
import { toLambdaRecord } from '../ops/stream-records';

export { toLambdaRecord };

// What Lambda's DynamoDB event source mappings do in AWS, on the laptop: read the table's
// stream from DynamoDB Local and hand each consumer the same DynamoDBStreamEvent batches,
// in order, with the mapping's behaviour on failure (retry from the first failed record as
// ReportBatchItemFailures says, a bounded number of times, then an on-failure destination).
type BatchResult = { batchItemFailures?: { itemIdentifier: string }[] } | void;
export interface StreamConsumer {
  name: string;
  load: () => Promise<(e: DynamoDBStreamEvent) => Promise<BatchResult>>;
  /** Retries after the first attempt, as the mapping's retryAttempts. */
  retryAttempts: number;
}
/** Like the on-failure record Lambda sends to a mapping's SQS destination: where, not what. */
export interface DeadLetter {
  consumer: string;
  at: number;
  reason: string;
  DDBStreamBatchInfo: StreamBatchInfo;
}

// A consumer made to fail on purpose (tests: a function that crashes or is throttled in AWS).
let failing: ((consumer: string) => boolean) | undefined;
export function failLocalConsumers(which: ((consumer: string) => boolean) | undefined): void {
  failing = which;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs one batch through a consumer until it succeeds or its retries are spent. */
async function deliver(c: StreamConsumer, records: DynamoDBRecord[], dlq: DeadLetter[], shard: { shardId: string; streamArn: string }): Promise<void> {
  let batch = records;
  for (let attempt = 0; batch.length > 0; attempt++) {
    let failedFrom: number;
    let reason = 'batch item failures';
    try {
      if (failing?.(c.name)) throw new Error(`${c.name} made to fail`);
      const out = await (await c.load())({ Records: batch });
      const failed = new Set((out && out.batchItemFailures ? out.batchItemFailures : []).map((f) => f.itemIdentifier));
      failedFrom = batch.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
      if (failedFrom < 0) return;
    } catch (e) {
      failedFrom = 0;
      reason = (e as Error).message;
    }
    batch = batch.slice(failedFrom);
    if (attempt >= c.retryAttempts) {
      const sequence = (r: DynamoDBRecord | undefined) => r?.dynamodb?.SequenceNumber ?? '';
      dlq.push({
        consumer: c.name,
        at: Date.now(),
        reason,
        DDBStreamBatchInfo: { ...shard, startSequenceNumber: sequence(batch[0]), endSequenceNumber: sequence(batch[batch.length - 1]), batchSize: batch.length },
      });
      console.error(`[local] ${c.name}: ${batch.length} stream record(s) sent to the dead-letter list after ${attempt + 1} attempts`);
      return;
    }
    await sleep(100);
  }
}

export function startStreamPoller(opts: {
  dynamo: DynamoDBClient;
  endpoint: string;
  tableName: string;
  consumers: StreamConsumer[];
  intervalMs?: number;
  /** TRIM_HORIZON: a fresh table's whole history (the demo's messages too); LATEST: only what comes next. */
  from?: 'TRIM_HORIZON' | 'LATEST';
}) {
  const streams = new DynamoDBStreamsClient({ endpoint: opts.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const dlq: DeadLetter[] = [];
  const iterators = new Map<string, string | undefined>(); // shard → next iterator (undefined = closed)
  let stopped = false;
  let streamArn = '';
  // Each consumer works through its own backlog, in order, like its own event source mapping
  // in AWS: a slow one (a webhook receiver timing out) never delays the others.
  const lanes = opts.consumers.map((c) => ({ c, backlog: [] as { shardId: string; records: DynamoDBRecord[] }[], busy: Promise.resolve() }));
  const enqueue = (shardId: string, records: DynamoDBRecord[]) => {
    for (const lane of lanes) {
      lane.backlog.push({ shardId, records });
      lane.busy = lane.busy.then(async () => {
        const batch = lane.backlog.shift();
        if (batch && !stopped) await deliver(lane.c, batch.records, dlq, { shardId: batch.shardId, streamArn });
      });
    }
  };

  let firstDiscovery = true;
  async function discoverShards() {
    const d = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const s of d.StreamDescription?.Shards ?? []) {
      if (iterators.has(s.ShardId!)) continue;
      // Shards that appear later are new: read them from their start.
      const type = firstDiscovery ? (opts.from ?? 'TRIM_HORIZON') : 'TRIM_HORIZON';
      const it = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: s.ShardId!, ShardIteratorType: type }));
      iterators.set(s.ShardId!, it.ShardIterator);
    }
    firstDiscovery = false;
  }

  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  const loop = (async () => {
    const t = await opts.dynamo.send(new DescribeTableCommand({ TableName: opts.tableName }));
    streamArn = t.Table!.LatestStreamArn!;
    let sinceDiscovery = Number.POSITIVE_INFINITY;
    while (!stopped) {
      try {
        if (sinceDiscovery > 3000) {
          await discoverShards();
          markReady();
          sinceDiscovery = 0;
        }
        let got = 0;
        for (const [shard, iterator] of iterators) {
          if (!iterator) continue;
          const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
          iterators.set(shard, out.NextShardIterator);
          const records = (out.Records ?? []).map((r) => toLambdaRecord(r, streamArn));
          got += records.length;
          if (records.length) enqueue(shard, records);
        }
        if (got === 0) {
          await sleep(opts.intervalMs ?? 50);
          sinceDiscovery += opts.intervalMs ?? 50;
        }
      } catch (e) {
        if (!stopped) console.error('[local] stream polling failed', e);
        await sleep(500);
        sinceDiscovery += 500;
      }
    }
  })();

  return {
    /** Resolves once the shards have iterators: from then on no change is missed. */
    ready,
    deadLetters: () => dlq,
    /**
     * `npm run redrive` on the laptop: each dead letter's records read again from the stream and
     * handed to its consumer once; re-driven (or expired) ones leave the list, failing ones stay.
     */
    async redrive(): Promise<{ consumer: string; outcome: RedriveOutcome }[]> {
      const results: { consumer: string; outcome: RedriveOutcome }[] = [];
      for (const letter of [...dlq]) {
        const consumer = opts.consumers.find((c) => c.name === letter.consumer);
        if (!consumer) continue;
        const outcome = await redriveBatch(streams, letter.DDBStreamBatchInfo, async (event) => {
          if (failing?.(consumer.name)) throw new Error(`${consumer.name} made to fail`);
          return (await consumer.load())(event);
        });
        if (outcome.status !== 'failed') dlq.splice(dlq.indexOf(letter), 1);
        results.push({ consumer: letter.consumer, outcome });
      }
      return results;
    },
    async stop() {
      stopped = true;
      markReady();
      await loop.catch(() => undefined);
      await Promise.all(lanes.map((l) => l.busy.catch(() => undefined)));
      streams.destroy();
    },
  };
}
