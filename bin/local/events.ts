import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

// Builds the API Gateway v2 (HTTP API, payload 2.0) event and Lambda context that AWS
// would hand the same handler, so the laptop runs the production code path.
export interface HttpRequestLike {
  method: string;
  rawPath: string;
  rawQueryString: string;
  headers: Record<string, string>;
  body?: string;
  sourceIp?: string;
}

export function apiGatewayEvent(
  req: HttpRequestLike,
  routeKey: string,
  pathParameters: Record<string, string> | undefined,
  claims: Record<string, unknown> | undefined,
): APIGatewayProxyEventV2 {
  const now = Date.now();
  const queryStringParameters = req.rawQueryString ? Object.fromEntries(new URLSearchParams(req.rawQueryString)) : undefined;
  const event = {
    version: '2.0',
    routeKey,
    rawPath: req.rawPath,
    rawQueryString: req.rawQueryString,
    cookies: undefined,
    headers: req.headers,
    queryStringParameters,
    pathParameters,
    body: req.body === '' ? undefined : req.body,
    isBase64Encoded: false,
    stageVariables: undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: req.headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: { method: req.method, path: req.rawPath, protocol: 'HTTP/1.1', sourceIp: req.sourceIp ?? '127.0.0.1', userAgent: req.headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
    },
  };
  return event as unknown as APIGatewayProxyEventV2;
}

// One local process stands in for many Lambda instances: requests queue on its single
// event loop, so time spent waiting there is not a slow function. Hence a loose budget.
export const localTimeoutMs = 120_000;

/** DALPAK_LOCAL_TIMEOUT_MS: a longer budget for a test that queues a thousand requests at once. */
export function lambdaContext(functionName: string, timeoutMs = Number(process.env.DALPAK_LOCAL_TIMEOUT_MS ?? localTimeoutMs)): Context {
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
