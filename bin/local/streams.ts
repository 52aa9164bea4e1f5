import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';

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
export interface DeadLetter {
  consumer: string;
  at: number;
  sequenceNumbers: string[];
  reason: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Wire = Record<string, unknown>;
/**
 * Lambda's events carry an empty map as {"M": {}}; the Streams SDK hands it over as {}.
 * Restored here, so consumers see exactly what Lambda would give them.
 */
function emptyMapsRestored(av: Wire): Wire {
  if (Object.keys(av).length === 0) return { M: {} };
  if (av.M) return { M: image(av.M) };
  if (Array.isArray(av.L)) return { L: (av.L as Wire[]).map(emptyMapsRestored) };
  return av;
}
const image = (img: unknown) => (img ? Object.fromEntries(Object.entries(img as Wire).map(([k, v]) => [k, emptyMapsRestored(v as Wire)])) : undefined);

export function toLambdaRecord(r: _Record, streamArn: string): DynamoDBRecord {
  const d = r.dynamodb!;
  return {
    eventID: r.eventID,
    eventName: r.eventName as DynamoDBRecord['eventName'],
    eventVersion: r.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: r.awsRegion ?? 'local',
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime: d.ApproximateCreationDateTime ? Math.floor(d.ApproximateCreationDateTime.getTime() / 1000) : undefined,
      Keys: image(d.Keys) as never,
      NewImage: image(d.NewImage) as never,
      OldImage: image(d.OldImage) as never,
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType as never,
    },
  };
}

/** Runs one batch through a consumer until it succeeds or its retries are spent. */
async function deliver(c: StreamConsumer, records: DynamoDBRecord[], dlq: DeadLetter[]): Promise<void> {
  let batch = records;
  for (let attempt = 0; batch.length > 0; attempt++) {
    let failedFrom: number;
    let reason = 'batch item failures';
    try {
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
      dlq.push({ consumer: c.name, at: Date.now(), sequenceNumbers: batch.map((r) => r.dynamodb?.SequenceNumber ?? ''), reason });
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
  const lanes = opts.consumers.map((c) => ({ c, backlog: [] as DynamoDBRecord[][], busy: Promise.resolve() }));
  const enqueue = (records: DynamoDBRecord[]) => {
    for (const lane of lanes) {
      lane.backlog.push(records);
      lane.busy = lane.busy.then(async () => {
        const batch = lane.backlog.shift();
        if (batch && !stopped) await deliver(lane.c, batch, dlq);
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
          if (records.length) enqueue(records);
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
    async stop() {
      stopped = true;
      markReady();
      await loop.catch(() => undefined);
      await Promise.all(lanes.map((l) => l.busy.catch(() => undefined)));
      streams.destroy();
    },
  };
}
