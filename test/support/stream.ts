import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { toLambdaRecord } from '../../bin/local/streams';

// Reads this test file's table stream from DynamoDB Local, from "now" on: the records a
// stream-triggered Lambda would get, shaped as the local runtime shapes them for its consumers.
export interface StreamTail {
  /** Every record written since the last read, in stream order. */
  read(): Promise<DynamoDBRecord[]>;
  close(): void;
}

const creds = { region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

export async function tailStream(): Promise<StreamTail> {
  const endpoint = process.env.DYNAMODB_ENDPOINT!;
  const dynamo = new DynamoDBClient({ endpoint, ...creds });
  const streams = new DynamoDBStreamsClient({ endpoint, ...creds });
  const arn = (await dynamo.send(new DescribeTableCommand({ TableName: process.env.TABLE_NAME! }))).Table!.LatestStreamArn!;
  const iterators = new Map<string, string | undefined>();
  const shards = async () => (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards ?? [];
  // Open shards start at their end; shards that appear later are read from their start.
  for (const s of await shards()) {
    if (s.SequenceNumberRange?.EndingSequenceNumber) continue;
    iterators.set(s.ShardId!, (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: s.ShardId!, ShardIteratorType: 'LATEST' }))).ShardIterator);
  }
  for (const s of await shards()) if (!iterators.has(s.ShardId!)) iterators.set(s.ShardId!, undefined);

  return {
    async read() {
      for (const s of await shards()) {
        if (iterators.has(s.ShardId!)) continue;
        iterators.set(s.ShardId!, (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: s.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator);
      }
      const out: DynamoDBRecord[] = [];
      for (const [shard, start] of iterators) {
        let it = start;
        while (it) {
          const page = await streams.send(new GetRecordsCommand({ ShardIterator: it, Limit: 1000 }));
          out.push(...(page.Records ?? []).map((r) => toLambdaRecord(r, arn)));
          it = page.NextShardIterator;
          iterators.set(shard, it);
          if (!page.Records?.length) break;
        }
      }
      return out.sort((a, b) => (BigInt(a.dynamodb!.SequenceNumber!) < BigInt(b.dynamodb!.SequenceNumber!) ? -1 : 1));
    },
    close() {
      dynamo.destroy();
      streams.destroy();
    },
  };
}
