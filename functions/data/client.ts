import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '../http/config';

// One client per process. DYNAMODB_ENDPOINT is set only by the local runtime and tests
// (DynamoDB Local); in Lambda the SDK finds the regional endpoint itself.
const endpoint = process.env.DYNAMODB_ENDPOINT;

export const dynamo = new DynamoDBClient({
  ...(endpoint
    ? { endpoint, region: process.env.AWS_REGION ?? 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {}),
  maxAttempts: 6,
});

export const db = DynamoDBDocumentClient.from(dynamo, {
  marshallOptions: { removeUndefinedValues: true },
});

let cachedTable: string | undefined;
/** Read lazily so tests can point a worker at its own table before first use. */
export function table(): string {
  cachedTable ??= requireEnv('TABLE_NAME');
  return cachedTable;
}
