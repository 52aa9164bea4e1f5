import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '../http/config';
import { correlationAttribute, correlationId } from '../observability/correlation';
import { tracer } from '../observability/tracer';
import { tableDef } from './table-def';

const tableKey = tableDef.partitionKey;

// One client per process. DYNAMODB_ENDPOINT is set only by the local runtime and tests
// (DynamoDB Local); in Lambda the SDK finds the regional endpoint itself.
const endpoint = process.env.DYNAMODB_ENDPOINT;

export const dynamo = new DynamoDBClient({
  ...(endpoint
    ? { endpoint, region: process.env.AWS_REGION ?? 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {}),
  maxAttempts: 6,
});
// Each DynamoDB call becomes an X-Ray subsegment of the invocation (a no-op outside Lambda).
tracer.captureAWSv3Client(dynamo);

export const db = DynamoDBDocumentClient.from(dynamo, {
  marshallOptions: { removeUndefinedValues: true },
});

let cachedTable: string | undefined;
/** Read lazily so tests can point a worker at its own table before first use. */
export function table(): string {
  cachedTable ??= requireEnv('TABLE_NAME');
  return cachedTable;
}

// Every item the product writes carries the correlation id of the work that wrote it
// (functions/observability/correlation.ts), so the stream record a consumer gets names the
// request that caused it. One middleware on the document client rather than a field in every
// repository: Put items get the attribute, updates get `SET corrId = …` added, transactions and
// batches item by item. Reads never see it: `strip` keeps it out of entities (items.ts).
// The raw client shares this middleware stack; its writes (Powertools' idempotency records)
// arrive already marshalled, keys as {S: …}, and are left alone: only plain-string keys are ours.
type Write = { Item?: Record<string, unknown>; Key?: Record<string, unknown>; UpdateExpression?: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> };

const ours = (key: Record<string, unknown> | undefined) => typeof key?.[tableKey] === 'string';

function stampPut(put: Write, id: string): Write {
  return ours(put.Item) ? { ...put, Item: { ...put.Item, [correlationAttribute]: id } } : put;
}

function stampUpdate(update: Write, id: string): Write {
  if (!ours(update.Key) || !update.UpdateExpression) return update;
  const set = '#corrIdAttr = :corrIdValue';
  // An update expression has at most one SET clause: join it, or add one.
  const hasSet = /(^|\s)SET\s/i.test(update.UpdateExpression);
  return {
    ...update,
    UpdateExpression: hasSet ? update.UpdateExpression.replace(/(^|\s)SET\s/i, (m) => `${m}${set}, `) : `${update.UpdateExpression} SET ${set}`,
    ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#corrIdAttr': correlationAttribute },
    ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':corrIdValue': id },
  };
}

type Input = Write & {
  TransactItems?: { Put?: Write; Update?: Write }[];
  RequestItems?: Record<string, { PutRequest?: Write }[]>;
};
export function stampCorrelation(command: string | undefined, input: Input, id: string): Input {
  switch (command) {
    case 'PutItemCommand':
      return stampPut(input, id);
    case 'UpdateItemCommand':
      return stampUpdate(input, id);
    case 'TransactWriteItemsCommand':
      return { ...input, TransactItems: input.TransactItems?.map((t) => ({ ...t, ...(t.Put ? { Put: stampPut(t.Put, id) } : {}), ...(t.Update ? { Update: stampUpdate(t.Update, id) } : {}) })) };
    case 'BatchWriteItemCommand':
      return { ...input, RequestItems: Object.fromEntries(Object.entries(input.RequestItems ?? {}).map(([t, reqs]) => [t, reqs.map((r) => (r.PutRequest ? { ...r, PutRequest: stampPut(r.PutRequest, id) } : r))])) };
    default:
      return input;
  }
}

db.middlewareStack.add(
  (next, context) => async (args) => {
    const id = correlationId();
    return next(id ? { ...args, input: stampCorrelation(context.commandName, args.input as Input, id) } : args);
  },
  { step: 'initialize', name: 'stampCorrelationId' },
);
