import { z, type ZodType } from 'zod';
import { routes, type RouteDef } from '../routes';
import { errorBody } from '../schemas/common';

// The OpenAPI 3.1 document, generated from the route table and its zod schemas
// (zod 4 emits JSON Schema 2020-12, which is what OpenAPI 3.1 speaks).
type Json = Record<string, unknown>;

// Named schemas (`.meta({ id })`) come out as local $defs; they are hoisted into
// components.schemas so that each appears once and operations refer to it.
// (A named schema is used either as input or as output, so one variant per id is enough.)
const components: Record<string, Json> = {};
function schemaOf(s: ZodType, io: 'input' | 'output'): Json {
  const raw = z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' });
  const moved = JSON.parse(JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json & { $defs?: Record<string, Json> };
  const { $schema: _dialect, $defs, ...rest } = moved;
  for (const [id, def] of Object.entries($defs ?? {})) components[id] ??= def;
  return rest;
}

function parameters(route: RouteDef): Json[] {
  const out: Json[] = [];
  for (const [where, obj] of [['path', route.params], ['query', route.query]] as const) {
    if (!obj) continue;
    const shape = schemaOf(obj, 'input') as { properties?: Json; required?: string[] };
    for (const [name, schema] of Object.entries(shape.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (shape.required ?? []).includes(name), schema });
    }
  }
  if (route.idempotent) {
    const required = route.idempotent === 'required';
    out.push({ name: 'Idempotency-Key', in: 'header', required, description: `Retries with the same key return the first answer; a different body with the same key gets 422.${required ? ' Required: without it, 400.' : ''}`, schema: { type: 'string', minLength: 8, maxLength: 128 } });
  }
  if (route.device) {
    const always = route.device.when === 'always';
    out.push({ name: 'X-Device-Token', in: 'header', required: always, description: `The enrolled ${route.device.kinds.join(' or ')}'s device token (getDeviceEnrollment hands it over once)${always ? '' : ", when body.channel is 'kiosk'"}; 403 device_required without it, 401 device_revoked once revoked.`, schema: { type: 'string' } });
  }
  if (route.auth === 'customer') {
    out.push({ name: 'X-Customer-Token', in: 'header', required: true, description: "The token returned when the item was created (kept in the link's #fragment).", schema: { type: 'string' } });
  }
  return out;
}

const errorRef = { description: 'Structured error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };

function operation(route: RouteDef): Json {
  const responses: Json = {
    [String(route.status ?? 200)]: { description: 'OK', content: { [route.contentType ?? 'application/json']: { schema: schemaOf(route.response, 'output') } } },
    '400': errorRef,
    '404': errorRef,
    '500': errorRef,
  };
  if (route.auth !== 'public' || route.device) Object.assign(responses, { '401': errorRef, '403': errorRef });
  if (route.method !== 'GET') responses['409'] = errorRef;
  if (route.idempotent) responses['422'] = errorRef;
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    parameters: parameters(route),
    ...(route.body ? { requestBody: { required: !route.body.safeParse(undefined).success, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } } : {}),
    ...(route.auth === 'staff' ? { security: [{ staffJwt: [] }] } : {}),
    responses,
  };
}

let cached: Json | undefined;
export function openApiDocument(): Json {
  if (cached) return cached;
  const paths: Record<string, Json> = {};
  for (const r of routes) (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r);
  schemaOf(errorBody, 'output'); // registers components.schemas.Error
  cached = {
    openapi: '3.1.0',
    info: { title: 'Dalpak API', version: '0.1.0', description: 'Branch queue and click-and-collect. Errors are always {error:{code,message,fields?}}.' },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { staffJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito ID token in AWS; /api/auth/sign-in locally' } },
    },
  };
  return cached;
}
