import { describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { call, signIn } from '../support/api';
import { routes } from '../../functions/routes';
import { contextHandler } from '../../functions/http/handler';
import { apiGatewayEvent, lambdaContext } from '../../bin/local/events';
import { db, table } from '../../functions/data/client';
import { keys } from '../../functions/data/keys';

describe('HTTP conventions', () => {
  it('serves an OpenAPI 3.1 document with every operation of the route table', async () => {
    const res = await call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const ops = Object.values(res.body.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ops.sort()).toEqual(routes.map((r) => r.operationId).sort());
    expect(res.body.paths['/api/branches/{branchId}/tickets'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/TakeTicket');
    expect(res.body.components.schemas.TakeTicket.properties.serviceId).toBeDefined();
  });

  it('answers an unknown route with a structured 404', async () => {
    const res = await call('GET', '/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(typeof res.body.error.message).toBe('string');
  });

  it('answers a malformed JSON body with a structured 400 naming the body', async () => {
    const res = await call('POST', '/api/auth/sign-in', { rawBody: '{"email": "a@b.c", ' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'malformed_json', fields: [{ field: 'body' }] });
  });

  it('answers a schema violation with 400 naming each field and why', async () => {
    const res = await call('POST', '/api/auth/sign-in', { body: { email: 'not-an-email', password: '', extra: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const fields = (res.body.error.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.password']));
  });

  it('refuses a staff route without a token, and with a forged one, as 401', async () => {
    const none = await call('GET', '/api/branches/tel-aviv-center/queue');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    const forged = await call('GET', '/api/branches/tel-aviv-center/queue', { token: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.sig' });
    expect(forged.status).toBe(401);
  });

  it('turns an unexpected error into a 500 with no stack, no AWS names', async () => {
    const handler = contextHandler({
      getHealth: async () => {
        throw new Error('ResourceNotFoundException: arn:aws:dynamodb:eu-west-1:123456789012:table/secret at Object.<anonymous> (/var/task/index.mjs:1:1)');
      },
    });
    const event = apiGatewayEvent({ method: 'GET', rawPath: '/api/health', rawQueryString: '', headers: {} }, 'GET /api/health', undefined, undefined);
    const res = await handler(event, lambdaContext('test'));
    expect(res.statusCode).toBe(500);
    const body = String(res.body);
    expect(JSON.parse(body).error.code).toBe('internal');
    expect(body).not.toMatch(/arn:|ResourceNotFound|dynamodb|\.mjs|at Object/i);
  });

  it('signs staff in against users stored in DynamoDB, and refuses a wrong password', async () => {
    const ok = await call('POST', '/api/auth/sign-in', { body: { email: 'clerk.tlv@dalpak.test', password: 'demo1234' } });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ roles: ['clerk'], branches: ['tel-aviv-center'] });
    const bad = await call('POST', '/api/auth/sign-in', { body: { email: 'clerk.tlv@dalpak.test', password: 'nope' } });
    expect(bad.status).toBe(401);
  });

  it('really writes to DynamoDB Local: opening a counter is visible in the table', async () => {
    const token = await signIn('clerk.tlv@dalpak.test');
    const res = await call('POST', '/api/branches/tel-aviv-center/counters/c2/open', { token });
    expect(res.status).toBe(200);
    const stored = await db.send(new GetCommand({ TableName: table(), Key: keys.counter('tel-aviv-center', 'c2') }));
    expect(stored.Item?.status).toBe('open');
    expect(stored.Item?.staffEmail).toBe('clerk.tlv@dalpak.test');
  });
  it('answers a path with broken percent-encoding with a structured 404, not a 500', async () => {
    const res = await call('GET', '/api/tickets/%E0%A4%A');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
  it('refuses a body over 64 KiB with a structured 413 before parsing it, storing nothing', async () => {
    const before = await call('GET', '/api/branches/tel-aviv-center');
    const res = await call('POST', '/api/branches/tel-aviv-center/tickets', { rawBody: JSON.stringify({ serviceId: 'general', channel: 'mobile', deviceId: 'big-body-device', reason: 'x'.repeat(70_000) }) });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'payload_too_large', fields: [{ field: 'body', reason: 'too large' }] });
    const after = await call('GET', '/api/branches/tel-aviv-center');
    expect(after.body.services).toEqual(before.body.services);
  });
});
