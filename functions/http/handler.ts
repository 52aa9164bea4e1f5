import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { DomainError, NotFoundError, ValidationError } from '../domain/errors';
import { correlationId, isWellFormedCorrelationId, newCorrelationId, withCorrelationId } from '../observability/correlation';
import { tracer } from '../observability/tracer';
import { routeByKey, type RouteDef } from '../routes';
import { staffFrom, type StaffClaims } from './auth';
import { idempotencyMiddleware } from './idempotency';
import { bodyBytes, maxBodyBytes } from './limits';
import { logger } from './logger';
import { domainErrorResponse, errorResponse, json, text } from './responses';
import { parseWith } from './validate';
import { assertSessionCurrent } from './sessions';
import { deviceFor, type DeviceIdentity } from './devices';

export interface OperationRequest {
  route: RouteDef;
  params: any;
  query: any;
  body: any;
  headers: Record<string, string | undefined>;
  /** Present on staff routes: the verified identity. */
  staff?: StaffClaims;
  /** Present on routes with a device rule (route table `device`) when a kiosk or board sent its verified token. */
  device?: DeviceIdentity;
  /** X-Customer-Token, for customer routes (checked against the item's hash). */
  customerToken?: string;
  now: number;
}
/** An answer with a status other than the route's default (e.g. 200 for an existing ticket). */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}
export type Operation = (req: OperationRequest) => Promise<unknown>;

/** Turns route-table input into typed, validated input; runs the operation; shapes the reply. */
function core(ops: Record<string, Operation>) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const route = routeByKey(event.routeKey);
    const op = route && ops[route.operationId];
    if (!route || !op) throw new NotFoundError(`No route ${event.routeKey}`);
    // Searchable in X-Ray: which operation, and the id the logs and stream records carry.
    tracer.putAnnotation('operation', route.operationId);
    tracer.putAnnotation('correlation_id', correlationId() ?? '');
    if (route.idempotent === 'required' && !event.headers?.['idempotency-key']) {
      throw new ValidationError('Send an Idempotency-Key header (any unique string per attempt), so a retry cannot order twice', [{ field: 'header.idempotency-key', reason: 'required' }]);
    }
    const req: OperationRequest = {
      route,
      params: parseWith(route.params, event.pathParameters ?? {}, 'path'),
      query: parseWith(route.query, event.queryStringParameters ?? {}, 'query'),
      body: parseWith(route.body, event.body, 'body'),
      headers: event.headers ?? {},
      staff: route.auth === 'staff' ? staffFrom(event) : undefined,
      customerToken: event.headers?.['x-customer-token'],
      now: Date.now(),
    };
    if (req.staff) await assertSessionCurrent(req.staff);
    req.device = await deviceFor(route, event, req.params, req.body);
    const out = await op(req);
    if (route.contentType) return text(route.status ?? 200, String(out), route.contentType);
    return out instanceof Reply ? json(out.status, out.body) : json(route.status ?? 200, out);
  };
}

// The body parser throws on an empty body; an empty body simply means "no body".
const jsonBody = (): middy.MiddlewareObj<APIGatewayProxyEventV2> => {
  const parser = httpJsonBodyParser({ disableContentTypeError: false });
  return {
    before: (request) => {
      if (request.event.body === undefined || request.event.body === '') {
        (request.event as { body?: unknown }).body = undefined;
        return;
      }
      return parser.before?.(request as never);
    },
  };
};

const IN_PROGRESS = 'request_in_progress';

/** The single error mapper: domain errors → 4xx; anything unexpected → 500 with no internals. */
const errorMapper = (): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  onError: (request) => {
    const e = request.error as (Error & { statusCode?: number }) | null;
    if (e instanceof DomainError) {
      request.response = domainErrorResponse(e);
    } else if (e instanceof IdempotencyValidationError) {
      request.response = errorResponse(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request');
    } else if (e instanceof IdempotencyAlreadyInProgressError) {
      request.response = errorResponse(409, IN_PROGRESS, 'The same request is still being processed');
    } else if (e?.statusCode === 415) {
      request.response = errorResponse(415, 'unsupported_media_type', 'Send JSON with Content-Type: application/json', {
        fields: [{ field: 'header.content-type', reason: 'must be application/json' }],
      });
    } else if (e?.statusCode && e.statusCode < 500) {
      request.response = errorResponse(400, 'malformed_json', 'The body is not valid JSON', {
        fields: [{ field: 'body', reason: 'malformed JSON' }],
      });
    } else {
      logger.error('Unhandled error', e as Error);
      request.response = errorResponse(500, 'internal', 'Something went wrong on our side. Please try again.');
    }
    if (request.response.statusCode && request.response.statusCode < 500) {
      logger.info('Request refused', { status: request.response.statusCode, route: request.event.routeKey });
    }
  },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function chain(ops: Record<string, Operation>, idempotent: boolean) {
  const m = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(errorMapper()) // first in, so its onError runs last
    .use(captureLambdaHandler(tracer, { captureResponse: false })) // responses hold names and phones
    .use(httpHeaderNormalizer())
    .use(injectLambdaContext(logger, { resetKeys: true })) // the correlation id comes from contextHandler, below
    .use(jsonBody());
  if (idempotent) m.use(idempotencyMiddleware());
  return m.handler(core(ops));
}

/**
 * The request's correlation id: the caller's X-Correlation-Id when well formed, else API
 * Gateway's request id. Everything the request logs and every item it writes carries it.
 */
function requestCorrelationId(event: APIGatewayProxyEventV2): string {
  const sent = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'x-correlation-id')?.[1];
  return isWellFormedCorrelationId(sent) ? sent : event.requestContext?.requestId || newCorrelationId();
}

/** One Lambda handler per bounded context: dispatches by route key to its operations. */
export function contextHandler(ops: Record<string, Operation>) {
  const run = dispatcher(ops);
  return async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const id = requestCorrelationId(event);
    const res = await withCorrelationId(id, () => run(event, context));
    // Returned on every answer (a replayed idempotent one too), so a caller can quote it.
    return { ...res, headers: { ...res.headers, 'x-correlation-id': id } };
  };
}

function dispatcher(ops: Record<string, Operation>) {
  const plain = chain(ops, false);
  let idempotent: ReturnType<typeof chain> | undefined; // built on first use: needs TABLE_NAME
  return async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    if (bodyBytes(event.body, event.isBase64Encoded) > maxBodyBytes) {
      return errorResponse(413, 'payload_too_large', `Bodies are limited to ${maxBodyBytes} bytes`, { fields: [{ field: 'body', reason: 'too large' }] });
    }
    if (!routeByKey(event.routeKey)?.idempotent) return plain(event, context);
    idempotent ??= chain(ops, true);
    // A duplicate that arrives while the first is running waits for its answer, so every
    // copy of a retried request gets the same response.
    for (let attempt = 0; ; attempt++) {
      // Middlewares rewrite the event (parsed body, normalised headers): each try gets a fresh copy.
      const res = await idempotent(structuredClone(event), context);
      if (attempt >= 40 || res.statusCode !== 409 || !res.body?.includes(IN_PROGRESS)) return res;
      await sleep(50 + attempt * 25);
    }
  };
}
