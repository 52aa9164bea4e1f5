import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { routeSelection } from '../../functions/realtime/routes';

// What API Gateway's WebSocket API does in AWS, on the laptop: sockets at /ws whose $connect,
// $disconnect and actions invoke the real realtime handler with WebSocket events, and the
// @connections management endpoint that the handlers post through (same SDK client).
type WsHandler = (e: APIGatewayProxyWebsocketEventV2) => Promise<unknown>;

export interface LocalWebSocketApi {
  /** Handles POST/DELETE /@connections/{id}; false when the request is not one of those. */
  management(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  /** Open sockets, for tests of reconnection. */
  sockets(): Map<string, WebSocket>;
  close(): void;
}

function wsEvent(routeKey: string, connectionId: string, body?: string): APIGatewayProxyWebsocketEventV2 {
  const now = Date.now();
  return {
    requestContext: {
      routeKey,
      connectionId,
      eventType: routeKey === '$connect' ? 'CONNECT' : routeKey === '$disconnect' ? 'DISCONNECT' : 'MESSAGE',
      messageId: randomUUID(),
      extendedRequestId: randomUUID(),
      requestTime: new Date(now).toUTCString(),
      messageDirection: 'IN',
      stage: 'local',
      connectedAt: now,
      requestTimeEpoch: now,
      requestId: randomUUID(),
      domainName: 'localhost',
      apiId: 'local',
    },
    body,
    isBase64Encoded: false,
  } as APIGatewayProxyWebsocketEventV2;
}

/** The route selection expression `$request.body.action`. */
function routeOf(body: string): string {
  try {
    return routeSelection((JSON.parse(body) as { action?: unknown }).action);
  } catch {
    return '$default';
  }
}

export function attachWebSocketApi(server: Server, load: () => Promise<WsHandler>): LocalWebSocketApi {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 });
  const open = new Map<string, WebSocket>();
  const invoke = (e: APIGatewayProxyWebsocketEventV2) => load().then((h) => h(e)).catch((err: unknown) => console.error('[local] websocket handler failed', err));

  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://local').pathname !== '/ws') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      const id = randomUUID().replaceAll('-', '').slice(0, 16);
      open.set(id, ws);
      const connected = invoke(wsEvent('$connect', id));
      // Messages wait for $connect, as API Gateway accepts none before it returns.
      ws.on('message', (data) => void connected.then(() => invoke(wsEvent(routeOf(String(data)), id, String(data)))));
      ws.on('close', () => {
        open.delete(id);
        void connected.then(() => invoke(wsEvent('$disconnect', id)));
      });
    });
  });

  return {
    management(req, res, url) {
      const m = /^\/@connections\/([A-Za-z0-9]+)$/.exec(url.pathname);
      if (!m || !['POST', 'DELETE'].includes(req.method ?? '')) return false;
      // Only the handlers on this machine may post, like IAM in AWS.
      if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '')) {
        res.writeHead(403).end();
        return true;
      }
      const ws = open.get(m[1]!);
      if (!ws) {
        res.writeHead(410, { 'content-type': 'application/json' }).end('{"message":"Gone"}');
        return true;
      }
      if (req.method === 'DELETE') {
        ws.close();
        res.writeHead(204).end();
        return true;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        ws.send(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200).end();
      });
      return true;
    },
    sockets: () => open,
    close() {
      for (const ws of open.values()) ws.terminate();
      wss.close();
    },
  };
}
