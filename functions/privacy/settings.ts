import type { Branch } from '../domain/branch';
import { retentionOf, type RetentionSettings } from '../domain/privacy/retention';

// The stage's retention (lib/function.ts passes the stage config as RETENTION_VISIT_DAYS and
// RETENTION_BOOKING_DAYS), under a branch's own `retention` setting. Read per call: cheap, and a
// test may set the environment.
const days = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);

export function stageRetention(env: NodeJS.ProcessEnv = process.env): Partial<RetentionSettings> {
  const visitDays = days(env.RETENTION_VISIT_DAYS);
  const bookingDays = days(env.RETENTION_BOOKING_DAYS);
  return { ...(visitDays !== undefined ? { visitDays } : {}), ...(bookingDays !== undefined ? { bookingDays } : {}) };
}

export const retentionOfBranch = (b: Pick<Branch, 'retention'> | undefined): RetentionSettings => retentionOf(b, stageRetention());
