import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { dynamo, table } from '../data/client';
import { stage } from '../http/config';
import { contextHandler } from '../http/handler';
import { openApiDocument } from '../http/openapi';

export const handler = contextHandler({
  getOpenApi: async () => openApiDocument(),
  getHealth: async () => {
    const out = await dynamo.send(new DescribeTableCommand({ TableName: table() }));
    return { ok: out.Table?.TableStatus === 'ACTIVE', stage: stage() };
  },
});
