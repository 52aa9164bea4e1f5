import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { addSubscription, dropConnection, saveConnection } from '../data/connections-repo';
import { DomainError } from '../domain/errors';
import { logger } from '../http/logger';
import { topicsFor } from './authorize';
import { postTo } from './management';

// The WebSocket API's one function: $connect, $disconnect and the `subscribe` action
// ({"action":"subscribe","topic":"ticket:<id>","token":"…"}). Each subscribe is answered on
// the socket with "subscribed" or a structured error, never with data.

function parse(body: string | undefined): Record<string, unknown> {
  try {
    const v = JSON.parse(body ?? '{}') as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { routeKey, connectionId } = event.requestContext;
  const now = Date.now();
  switch (routeKey) {
    case '$connect':
      await saveConnection(connectionId, now);
      return { statusCode: 200 };
    case '$disconnect':
      await dropConnection(connectionId);
      return { statusCode: 200 };
    case 'subscribe': {
      const msg = parse(event.body);
      try {
        const topics = await topicsFor(msg.topic, msg.token);
        const known = await addSubscription(connectionId, String(msg.topic), topics, now);
        await postTo(connectionId, known ? { type: 'subscribed', topic: msg.topic } : { type: 'error', topic: msg.topic, error: { code: 'not_connected', message: 'Reconnect and subscribe again' } });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        logger.info('Subscription refused', { code: e.code });
        await postTo(connectionId, { type: 'error', topic: typeof msg.topic === 'string' ? msg.topic : undefined, error: { code: e.code, message: e.message, fields: e.fields } });
      }
      return { statusCode: 200 };
    }
    default:
      await postTo(connectionId, { type: 'error', error: { code: 'unknown_action', message: 'Send {"action":"subscribe","topic":…,"token":…}' } });
      return { statusCode: 200 };
  }
}
