// `npm run redrive -- --stage <stage> [--region r] [--dry-run] [--discard-expired]`: drains a deployed
// stage's dead-letter queues. Each message is a stream consumer's failed batch (where it lies in the
// table's stream); its records are read again and handed to the same function. Done ones are
// deleted; failing ones stay for the next try.
// `npm run redrive -- http://127.0.0.1:3000`: the same on a laptop's `npm start`.
// Operator credentials need cloudformation:ListStackResources, sqs:ReceiveMessage/DeleteMessage/
// ChangeMessageVisibility, dynamodb:GetShardIterator/GetRecords and lambda:InvokeFunction.
import { CloudFormationClient, paginateListStackResources } from '@aws-sdk/client-cloudformation';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { parseArgs } from 'node:util';
import { readBatch, redriveBatch, type BatchResult, type OnFailureRecord } from './ops/redrive';


async function local(base: string): Promise<number> {
  const res = await fetch(`${base.replace(/\/$/, '')}/dev/dead-letters/redrive`, { method: 'POST' });
  if (!res.ok) throw new Error(`the local runtime answered HTTP ${res.status}`);
  const { results, left } = (await res.json()) as { results: { consumer: string; outcome: { status: string; records: number } }[]; left: number };
  for (const r of results) console.log(`${r.outcome.status.padEnd(9)} ${r.consumer}: ${r.outcome.records} record(s)`);
  console.log(`${results.length} dead letter(s) handled, ${left} left`);
  return left ? 1 : 0;
}

async function deadLetterQueues(stage: string, region?: string): Promise<string[]> {
  const cfn = new CloudFormationClient({ region });
  const urls: string[] = [];
  // Every queue in the stack is a stream consumer's on-failure destination (lib/stream-consumer.ts).
  for await (const page of paginateListStackResources({ client: cfn }, { StackName: `Dalpak-${stage}` })) {
    for (const r of page.StackResourceSummaries ?? []) if (r.ResourceType === 'AWS::SQS::Queue' && r.PhysicalResourceId) urls.push(r.PhysicalResourceId);
  }
  return urls;
}

async function aws(stage: string, opts: { region?: string; dryRun: boolean; discardExpired: boolean }): Promise<number> {
  const sqs = new SQSClient({ region: opts.region });
  const streams = new DynamoDBStreamsClient({ region: opts.region });
  const lambda = new LambdaClient({ region: opts.region });
  const invoke = (functionArn: string) => async (event: object): Promise<BatchResult> => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: functionArn, Payload: Buffer.from(JSON.stringify(event)) }));
    const text = out.Payload ? Buffer.from(out.Payload).toString('utf8') : '';
    if (out.FunctionError) throw new Error(`${out.FunctionError}: ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as BatchResult) : undefined;
  };
  let left = 0;
  for (const queueUrl of await deadLetterQueues(stage, opts.region)) {
    const seen = new Set<string>();
    for (;;) {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 300 }));
      const messages = (got.Messages ?? []).filter((m) => !seen.has(m.MessageId!));
      if (!messages.length) break;
      for (const m of messages) {
        seen.add(m.MessageId!);
        const record = JSON.parse(m.Body ?? '{}') as OnFailureRecord;
        const info = record.DDBStreamBatchInfo;
        const functionArn = record.requestContext?.functionArn;
        const name = `${queueUrl.split('/').pop()} ${m.MessageId}`;
        const release = () => sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 }));
        if (!info || !functionArn) {
          console.log(`skipped   ${name}: not a stream batch`);
          left++;
          await release();
          continue;
        }
        if (opts.dryRun) {
          console.log(`would     ${name}: ${(await readBatch(streams, info)).length} record(s) to ${functionArn.split(':').pop()}`);
          await release();
          continue;
        }
        const outcome = await redriveBatch(streams, info, invoke(functionArn));
        const done = outcome.status === 'redriven' || (outcome.status === 'expired' && opts.discardExpired);
        console.log(`${outcome.status.padEnd(9)} ${name}: ${outcome.records} record(s)${outcome.status === 'failed' ? ` (${outcome.reason})` : ''}${outcome.status === 'expired' ? ' (the stream keeps 24 h; see the runbook)' : ''}`);
        if (done) await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle! }));
        else {
          left++;
          await release();
        }
      }
    }
  }
  console.log(left ? `${left} message(s) left in the dead-letter queues` : 'dead-letter queues drained');
  return left ? 1 : 0;
}

const { values: opts, positionals } = parseArgs({
  strict: false,
  allowPositionals: true,
  options: { stage: { type: 'string' }, region: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'discard-expired': { type: 'boolean' } },
});
const base = positionals.find((a) => /^https?:\/\//.test(a));
const stage = opts.stage as string | undefined;
if (!base && !stage) {
  console.error('usage: npm run redrive -- --stage <stage> [--region <region>] [--dry-run] [--discard-expired]\n       npm run redrive -- http://127.0.0.1:3000');
  process.exitCode = 2;
} else {
  try {
    process.exitCode = base ? await local(base) : await aws(stage!, { region: opts.region as string | undefined, dryRun: Boolean(opts['dry-run']), discardExpired: Boolean(opts['discard-expired']) });
  } catch (e) {
    console.error(`redrive failed: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
