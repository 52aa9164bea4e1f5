import { z } from 'zod';
import { hhmm, localized, slug } from './common';

export const openingHours = z.object({
  weekday: z.number().int().min(0).max(6).describe('0 = Sunday'),
  open: hhmm,
  close: hhmm,
});

export const hoursException = z
  .object({
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
    hours: z.array(z.object({ open: hhmm, close: hhmm })).describe('[] = closed all day'),
    label: localized.optional(),
  })
  .meta({ id: 'HoursException' });

export const waitEstimate = z
  .object({
    lowMinutes: z.number().int().nonnegative(),
    highMinutes: z.number().int().nonnegative(),
    thin: z.boolean().describe('true while too few service times were measured'),
    noCounterOpen: z.boolean(),
  })
  .meta({ id: 'WaitEstimate' });

export const serviceView = z
  .object({
    id: slug,
    prefix: z.string().regex(/^[A-Z]$/),
    name: localized,
    kind: z.enum(['walkin', 'pickup', 'appointment']),
    expectedMinutes: z.number().positive(),
    waiting: z.number().int().nonnegative(),
    openCounters: z.number().int().nonnegative(),
    estimate: waitEstimate.describe('wait for someone joining now'),
  })
  .meta({ id: 'Service' });

export const counterView = z
  .object({
    id: slug,
    number: z.number().int().positive(),
    serviceIds: z.array(slug),
    pickup: z.boolean(),
    status: z.enum(['open', 'paused', 'closed']),
  })
  .meta({ id: 'Counter' });

export const branchSummary = z
  .object({
    id: slug,
    name: localized,
    address: localized,
    timeZone: z.string(),
    hours: z.array(openingHours),
    exceptions: z.array(hoursException).describe('days whose hours differ (holidays, a closed afternoon), today and later'),
    openNow: z.boolean(),
  })
  .meta({ id: 'BranchSummary' });

export const branchDetail = branchSummary
  .extend({
    services: z.array(serviceView),
    counters: z.array(counterView),
    remoteJoin: z
      .object({ verifyPhone: z.boolean().describe('joining from home needs a phone confirmed by a one-time SMS code (startPhoneVerification)') })
      .meta({ id: 'RemoteJoin' }),
  })
  .meta({ id: 'Branch' });

export const branchParams = z.object({ branchId: slug });
export const branchList = z.object({ branches: z.array(branchSummary) });
