import { Tracer } from '@aws-lambda-powertools/tracer';

// One X-Ray tracer per process (Powertools). It switches itself off outside Lambda, so the local
// runtime and the tests pay nothing. Outgoing HTTP is not captured: a webhook's URL may carry the
// receiver's secret in its query, and a trace is no place for it. Responses are never captured
// either (they hold names and phones): see functions/http/handler.ts.
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'dalpak', captureHTTPsRequests: false });
