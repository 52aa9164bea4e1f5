import { z } from 'zod';
import { hhmm, localDate, slug } from './common';
import { openingHours } from './branches';

// A branch's set-up as its manager edits it (issue 7's admin face): names, time zone, weekly hours
// and dated exceptions, services, counters, pickup windows. The shape rules live here; the rules
// between fields (unique prefixes, counters pointing at real services, open before close…) live in
// functions/domain/setup/validate.ts, so both come back as 400s naming the field.

const text = (max: number) => z.string().trim().min(1).max(max);
const names = (max: number) => z.object({ he: text(max), en: text(max) }).strict();
/** A closing time may be midnight at the end of the day. */
const closeTime = z.union([hhmm, z.literal('24:00')]);
const interval = z.object({ open: hhmm, close: closeTime }).strict();

export const setupHours = openingHours.extend({ close: closeTime }).strict();

export const setupException = z
  .object({
    day: localDate,
    hours: z.array(interval).max(4).describe('[] = closed all day'),
    label: names(80).optional(),
  })
  .strict()
  .meta({ id: 'SetupException' });

export const setupService = z
  .object({
    id: slug,
    prefix: z.string().regex(/^[A-Z]$/, 'one capital letter A–Z'),
    name: names(60),
    kind: z.enum(['walkin', 'pickup', 'appointment']),
    expectedMinutes: z.number().int().min(1).max(240),
    priority: z.number().int().min(0).max(5).describe('base priority class; higher is served first'),
    appointmentCapacity: z.number().int().min(1).max(100).optional().describe('appointments per slot; unset: one per counter serving the service'),
  })
  .strict()
  .meta({ id: 'SetupService' });

export const setupCounter = z
  .object({
    id: slug.optional().describe('omit for a new counter'),
    number: z.number().int().min(1).max(999),
    serviceIds: z.array(slug).max(26),
    pickup: z.boolean().describe('a dedicated pickup counter: calls ready pickups first'),
  })
  .strict()
  .meta({ id: 'SetupCounter' });

export const setupPickup = z
  .object({
    windowMinutes: z.number().int().min(5).max(240),
    capacityPerWindow: z.number().int().min(1).max(1000),
    leadMinutes: z.number().int().min(0).max(2880),
    horizonDays: z.number().int().min(1).max(60),
    expireAfterMinutes: z.number().int().min(15).max(10080),
  })
  .strict()
  .meta({ id: 'SetupPickup' });

const setupFields = {
  name: names(80),
  address: z.object({ he: z.string().trim().max(160), en: z.string().trim().max(160) }).strict(),
  timeZone: z.string().min(1).max(64).describe('IANA time zone, e.g. Asia/Jerusalem'),
  hours: z.array(setupHours).max(28),
  exceptions: z.array(setupException).max(60),
  services: z.array(setupService).min(1).max(26),
  counters: z.array(setupCounter).max(30),
  pickup: setupPickup,
  appointmentSlotMinutes: z.number().int().min(5).max(240).optional().describe('slot length of appointment services; unset: each service\'s expected minutes'),
  remoteJoin: z
    .object({ verifyPhone: z.boolean().describe('joining from home needs a phone confirmed by a one-time SMS code') })
    .strict()
    .optional()
    .describe('unset: kept as it was'),
};

export const branchSetup = z
  .object({
    branchId: slug,
    version: z.number().int().nonnegative().describe('send it back with the change: 409 stale when someone saved in between'),
    ...setupFields,
    counters: z.array(setupCounter.extend({ id: slug, status: z.enum(['open', 'paused', 'closed']) })),
  })
  .meta({ id: 'BranchSetup' });

export const updateBranchSetupBody = z
  .object({ version: z.number().int().nonnegative(), ...setupFields })
  .strict()
  .meta({ id: 'UpdateBranchSetup' });

export const createBranchBody = z
  .object({
    id: slug,
    name: names(80),
    address: names(160).optional(),
    timeZone: z.string().min(1).max(64),
  })
  .strict()
  .meta({ id: 'CreateBranch' });
