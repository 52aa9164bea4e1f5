import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { routes, routeKey, type ContextName, type RouteDef } from '../../functions/routes';
import { DomainError, UnauthorizedError } from '../../functions/domain/errors';
import { domainErrorResponse } from '../../functions/http/responses';
import { verifyLocalToken } from '../../functions/identity/local-issuer';
import { apiGatewayEvent, lambdaContext, type HttpRequestLike } from './events';

// What API Gateway does in front of the handlers: match the route table, run the JWT
// authorizer on staff routes, then invoke the context's Lambda handler with a v2 event.
type Handler = (e: APIGatewayProxyEventV2, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const loaders: Record<ContextName, () => Promise<{ handler: Handler }>> = {
  meta: () => import('../../functions/meta/handler'),
  identity: () => import('../../functions/identity/handler'),
  branches: () => import('../../functions/branches/handler'),
  queue: () => import('../../functions/queue/handler'),
  orders: () => import('../../functions/orders/handler'),
  bookings: () => import('../../functions/bookings/handler'),
  insight: () => import('../../functions/insight/handler'),
  notify: () => import('../../functions/notify/handler'),
};
/** Unmatched routes go to the same function as API Gateway's $default route. */
export const defaultRouteContext: ContextName = 'meta';

const matchers = routes.map((route) => {
  const names: string[] = [];
  const pattern = route.path.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, names, regex: new RegExp(`^${pattern}$`) };
});

export function matchRoute(method: string, path: string): { route: RouteDef; params: Record<string, string> } | undefined {
  for (const m of matchers) {
    if (m.route.method !== method) continue;
    const hit = m.regex.exec(path);
    if (!hit) continue;
    try {
      return { route: m.route, params: Object.fromEntries(m.names.map((n, i) => [n, decodeURIComponent(hit[i + 1] ?? '')])) };
    } catch {
      return undefined; // broken percent-encoding (e.g. "%E0%A4%A") names no resource: 404, as API Gateway does
    }
  }
  return undefined;
}

async function authorize(headers: Record<string, string>): Promise<Record<string, unknown>> {
  const auth = headers.authorization ?? '';
  if (!auth.toLowerCase().startsWith('bearer ')) throw new UnauthorizedError('Sign in as staff to do this');
  return (await verifyLocalToken(auth.slice(7).trim())) as Record<string, unknown>;
}

export async function dispatch(req: HttpRequestLike): Promise<APIGatewayProxyStructuredResultV2> {
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const hit = matchRoute(req.method, req.rawPath);
  const fn = hit?.route.fn ?? defaultRouteContext;
  let claims: Record<string, unknown> | undefined;
  if (hit?.route.auth === 'staff') {
    try {
      claims = await authorize(headers);
    } catch (e) {
      if (e instanceof DomainError) return domainErrorResponse(e);
      throw e;
    }
  }
  const event = apiGatewayEvent({ ...req, headers }, hit ? routeKey(hit.route) : '$default', hit?.params, claims);
  const { handler } = await loaders[fn]();
  return handler(event, lambdaContext(`dalpak-local-${fn}`));
}
