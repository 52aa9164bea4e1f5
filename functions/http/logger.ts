import { Logger } from '@aws-lambda-powertools/logger';

// One logger for every handler: structured JSON with the correlation id.
// Never log bodies, tokens, names, phones or emails.
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'dalpak',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | 'DEBUG' | 'WARN' | 'ERROR' | 'SILENT' | undefined) ?? 'INFO',
});
