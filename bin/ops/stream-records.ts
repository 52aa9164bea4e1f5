// A stream record as Lambda hands it to a consumer, from what the DynamoDB Streams API returns
// (the local poller, the re-drive script and the tests all read the stream with the SDK).
import type { DynamoDBRecord } from 'aws-lambda';
import type { _Record } from '@aws-sdk/client-dynamodb-streams';

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
