import { search } from '@aws-lambda-powertools/jmespath';
import { Logger } from '@aws-lambda-powertools/logger';

// One logger for every handler: structured JSON with the correlation id.
// Never log bodies, tokens, names, phones or emails.
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'dalpak',
  correlationIdSearchFn: (expression, data) => search(expression, data as Parameters<typeof search>[1]), // reads the correlation id path given to injectLambdaContext
  logLevel: (process.env.LOG_LEVEL as 'INFO' | 'DEBUG' | 'WARN' | 'ERROR' | 'SILENT' | undefined) ?? 'INFO',
});
