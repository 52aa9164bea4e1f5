// Benchmarks that run the product's handlers get a process of their own: the data client is
// one per process (as in Lambda) and binds to the first DynamoDB Local it meets, so two
// systems in one process would talk to a stopped one. The child prints progress on stderr
// and its figures as one `RESULT <json>` line on stdout.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const marker = 'RESULT ';

/** True when this module is the process's entry point (run by `tsx bench/x.ts` or inChild). */
export const isMain = (moduleUrl: string) => process.argv[1] !== undefined && fileURLToPath(moduleUrl) === process.argv[1];

/** Prints a benchmark's figures for the parent, then ends the process (DynamoDB Local, sockets). */
export function emit(result: unknown): never {
  process.stdout.write(`\n${marker}${JSON.stringify(result)}\n`, () => process.exit(0));
  return undefined as never;
}

export function inChild<T>(file: string, args: string[] = [], extraEnv: Record<string, string> = {}): Promise<T> {
  const path = fileURLToPath(new URL(`../${file}`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...extraEnv },
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(marker));
      if (code === 0 && line) resolve(JSON.parse(line.slice(marker.length)) as T);
      else reject(new Error(`${file} ended with ${code}${line ? '' : ' and no result'}\n${out.slice(-2000)}`));
    });
  });
}
