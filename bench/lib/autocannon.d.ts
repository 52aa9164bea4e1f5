// The part of autocannon 8's API the benchmarks use (it ships no types; a local declaration
// rather than another dependency).
declare module 'autocannon' {
  export interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (req: Request, context: Record<string, any>) => Request | undefined;
    onResponse?: (status: number, body: string, context: Record<string, any>) => void;
  }
  export interface Options {
    url: string;
    connections?: number;
    amount?: number;
    duration?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: Request[];
    /** Called once per connection (the context of requests is reset at each round, this is not). */
    setupClient?: (client: Client) => void;
  }
  export interface Client {
    setRequests(requests: Request[]): void;
  }
  export interface Result {
    requests: { total: number; average: number };
    latency: { p50: number; p99: number; average: number; max: number };
    non2xx: number;
    errors: number;
    timeouts: number;
    duration: number;
  }
  export interface Instance extends PromiseLike<Result> {
    on(event: 'response', listener: (client: object, statusCode: number, resBytes: number, responseTime: number) => void): this;
  }
  export default function autocannon(opts: Options): Instance;
}
