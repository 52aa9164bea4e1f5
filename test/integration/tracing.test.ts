import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Issue 10's tracer: in Lambda (told by its environment), every HTTP invocation is an X-Ray
// subsegment annotated with its operation and correlation id, each DynamoDB call a subsegment
// under it, and no name, phone or response body ever reaches a trace. X-Ray's daemon is a UDP
// listener; here the test is that listener, and the handlers run in a process of their own.
let daemon: Socket;
const documents: Record<string, any>[] = [];

beforeAll(async () => {
  daemon = createSocket('udp4');
  // Each datagram is a JSON header line, then the segment document.
  daemon.on('message', (msg) => documents.push(JSON.parse(msg.toString('utf8').split('\n').slice(1).join('\n'))));
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
});
afterAll(() => daemon?.close());

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
/** All subsegments of the received documents, nested ones too. */
const flatten = (docs: Record<string, any>[]): Record<string, any>[] => docs.flatMap((d) => [d, ...flatten(d.subsegments ?? [])]);

describe('X-Ray tracing in Lambda', () => {
  it('traces the handler and its DynamoDB calls with the operation and correlation id, and no personal data', async () => {
    const traceId = `1-${Math.floor(Date.now() / 1000).toString(16)}-${hex(12)}`;
    const phone = '+972 54 765 4321';
    const name = 'Tracy Tracewell';
    const requests = [
      { method: 'GET', rawPath: '/api/branches/tel-aviv-center', headers: { 'x-correlation-id': 'corr-trace-read' } },
      {
        method: 'POST',
        rawPath: '/api/branches/tel-aviv-center/tickets',
        headers: { 'content-type': 'application/json', 'x-correlation-id': 'corr-trace-join' },
        body: JSON.stringify({ serviceId: 'general', channel: 'mobile', language: 'en', needs: [], deviceId: `trace-${hex(4)}`, contact: { name, phone } }),
      },
    ];
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/support/traced-invoke.ts', JSON.stringify(requests)], {
      env: {
        ...process.env,
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
        LAMBDA_TASK_ROOT: '/var/task',
        AWS_LAMBDA_FUNCTION_NAME: 'dalpak-test-queue',
        _HANDLER: 'index.handler',
        _X_AMZN_TRACE_ID: `Root=${traceId};Parent=${hex(8)};Sampled=1`,
        AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
        LOG_LEVEL: 'SILENT',
      },
    });
    const answers = JSON.parse(stdout.trim().split('\n').at(-1)!) as { status: number; body: string }[];
    expect(answers.map((a) => a.status)).toEqual([200, 201]);
    // The ticket's token went back to the caller: it must not be in a trace either.
    const token = JSON.parse(answers[1]!.body).token as string;
    await expect.poll(() => documents.length).toBeGreaterThan(0);

    const all = flatten(documents);
    expect(new Set(all.map((d) => d.trace_id))).toEqual(new Set([traceId]));
    const handlers = all.filter((d) => d.name === '## index.handler');
    expect(handlers.map((d) => d.annotations)).toEqual([
      expect.objectContaining({ operation: 'getBranch', correlation_id: 'corr-trace-read' }),
      expect.objectContaining({ operation: 'takeTicket', correlation_id: 'corr-trace-join' }),
    ]);
    const dynamo = all.filter((d) => d.namespace === 'aws' && d.name === 'DynamoDB');
    expect(dynamo.length).toBeGreaterThan(1);
    const operations = dynamo.map((d) => d.aws?.operation as string);
    expect(operations).toContain('Query'); // the branch read
    expect(operations.some((o) => o === 'TransactWriteItems' || o === 'PutItem')).toBe(true); // the ticket stored
    const raw = JSON.stringify(documents);
    for (const secret of [phone, phone.replace(/\D/g, ''), '547654321', name, token]) expect(raw).not.toContain(secret);
  });
});
