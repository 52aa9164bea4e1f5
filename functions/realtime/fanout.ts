import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { dropConnection, subscribersOf } from '../data/connections-repo';
import { logger } from '../http/logger';
import { inRecordContext } from '../observability/records';
import { postTo } from './management';
import { topicsOfChange } from './topics';

const imageOf = (r: DynamoDBRecord) => {
  const img = r.dynamodb?.NewImage ?? r.dynamodb?.OldImage;
  return img ? unmarshall(img as never) : undefined;
};

/**
 * From the table's stream to the sockets: every connection listening to a touched topic gets
 * one "changed" notice per batch (ten moves in a branch are one notice), gone connections are
 * forgotten. Best effort by design: a lost notice costs one poll interval, never data.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  // Each record is looked at under its own correlation id (the notices below serve many).
  const perRecord = await Promise.all(event.Records.map((r) => inRecordContext('realtime-fanout', r, async () => topicsOfChange(imageOf(r)))));
  const topics = new Set(perRecord.flat());
  const notices = new Map<string, Set<string>>(); // connection → client topics to tell it about
  for (const topic of topics) {
    for (const s of await subscribersOf(topic)) {
      if (!notices.has(s.connectionId)) notices.set(s.connectionId, new Set());
      notices.get(s.connectionId)!.add(s.clientTopic);
    }
  }
  await Promise.all(
    [...notices].map(async ([connectionId, clientTopics]) => {
      try {
        for (const topic of clientTopics) {
          if (!(await postTo(connectionId, { type: 'changed', topic }))) {
            await dropConnection(connectionId);
            return;
          }
        }
      } catch (e) {
        logger.warn('Could not notify a connection', { error: (e as Error).message });
      }
    }),
  );
}
