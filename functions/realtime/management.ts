import { ApiGatewayManagementApiClient, DeleteConnectionCommand, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { requireEnv } from '../http/config';

// API Gateway's @connections API (in AWS), or the local runtime's copy of it: the same client.
let client: ApiGatewayManagementApiClient | undefined;
function api(): ApiGatewayManagementApiClient {
  client ??= new ApiGatewayManagementApiClient({
    endpoint: requireEnv('WS_MANAGEMENT_ENDPOINT'),
    ...(process.env.WS_MANAGEMENT_LOCAL === '1' ? { region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return client;
}

/** Sends one JSON message; false when the connection is gone (the caller forgets it). */
export async function postTo(connectionId: string, message: unknown): Promise<boolean> {
  try {
    await api().send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode(JSON.stringify(message)) }));
    return true;
  } catch (e) {
    if (e instanceof GoneException || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 410) return false;
    throw e;
  }
}

export async function disconnect(connectionId: string): Promise<void> {
  await api().send(new DeleteConnectionCommand({ ConnectionId: connectionId })).catch(() => undefined);
}
