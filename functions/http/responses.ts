import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ConflictError, DeviceRefusedError, DomainError, ForbiddenError, IdempotencyMismatchError, NotFoundError, TooManyRequestsError, UnauthorizedError, ValidationError } from '../domain/errors';

const baseHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { ...baseHeaders, ...headers }, body: JSON.stringify(body) };
}

/** A non-JSON body (a calendar file): the route table names its media type. */
export function text(statusCode: number, body: string, contentType: string, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { ...baseHeaders, 'content-type': contentType, ...headers }, body };
}

export function errorResponse(status: number, code: string, message: string, extra: { fields?: unknown; details?: unknown } = {}): APIGatewayProxyStructuredResultV2 {
  return json(status, { error: { code, message, ...extra } });
}

const statusOf = (e: DomainError): number => {
  if (e instanceof ValidationError) return 400;
  if (e instanceof DeviceRefusedError) return e.status;
  if (e instanceof UnauthorizedError) return 401;
  if (e instanceof ForbiddenError) return 403;
  if (e instanceof NotFoundError) return 404;
  if (e instanceof ConflictError) return 409;
  if (e instanceof IdempotencyMismatchError) return 422;
  if (e instanceof TooManyRequestsError) return 429;
  return 400;
};

/** Domain errors become 4xx with their code and fields; the message is meant for people. */
export function domainErrorResponse(e: DomainError): APIGatewayProxyStructuredResultV2 {
  return errorResponse(statusOf(e), e.code, e.message, { fields: e.fields, details: e.details });
}
