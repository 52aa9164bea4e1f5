import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { exportJWK, generateKeyPair } from 'jose';
import { randomBytes } from 'node:crypto';
import { afterAll, expect, inject } from 'vitest';
import { createTable } from '../../bin/local/dynamo';
import { openDemoBranchesAllDay } from '../../functions/seed/open-all-day';
import { captureLogs, personalDataIn } from './log-scan';

// Runs in each test file's worker before the file is imported: a fresh table with the
// demo organisation, and the environment the handlers read at cold start.
const endpoint = inject('dynamoEndpoint');
const tableName = `dalpak-test-${randomBytes(5).toString('hex')}`;
const { privateKey } = await generateKeyPair('ES256', { extractable: true });

Object.assign(process.env, {
  TABLE_NAME: tableName,
  DYNAMODB_ENDPOINT: endpoint,
  AWS_REGION: 'local',
  STAGE: 'test',
  AUTH_MODE: 'local',
  LOCAL_JWT_PRIVATE_JWK: JSON.stringify({ ...(await exportJWK(privateKey)), alg: 'ES256' }),
  POWERTOOLS_SERVICE_NAME: 'dalpak-test',
  // Everything the handlers can log is logged, and scanned (not printed): see log-scan.ts.
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'DEBUG',
});
const logs = captureLogs();
afterAll(() => {
  const hits = personalDataIn(logs.lines());
  expect(hits, 'log lines carrying personal data or tokens').toEqual([]);
});

const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
await createTable(client, tableName);
const { seedDemo } = await import('../../functions/seed/seed');
await seedDemo();
await openDemoBranchesAllDay();
client.destroy();
