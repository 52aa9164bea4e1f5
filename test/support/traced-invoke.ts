// Run by test/integration/tracing.test.ts in a process of its own whose environment looks like
// Lambda's (so Powertools' tracer switches on) with X-Ray's daemon address pointing at the test's
// UDP socket. Calls the real handlers through the local dispatcher and prints their answers.
import { dispatch } from '../../bin/local/dispatch';

const requests = JSON.parse(process.argv[2] ?? '[]') as { method: string; rawPath: string; headers: Record<string, string>; body?: string }[];
const answers = [];
for (const r of requests) {
  const out = await dispatch({ ...r, rawQueryString: '' });
  answers.push({ status: out.statusCode, body: out.body });
}
// The X-Ray SDK sends each closed subsegment by UDP as it ends; give the socket a moment.
await new Promise((r) => setTimeout(r, 300));
process.stdout.write(`${JSON.stringify(answers)}\n`);
process.exit(0);
