import { z } from 'zod';
import { momentKinds, momentStatuses } from '../domain/insight/moments';
import { email, epochMs, lang, localDate, phone, slug, ulidId } from './common';

export const surveyParams = z.object({ kind: z.enum(['ticket', 'order']), id: ulidId });
export const surveyBody = z
  .object({
    score: z.number().int().min(1).max(5),
    comment: z.string().trim().max(500).optional(),
    wantsCall: z.boolean().default(false).describe('"I would like someone to call me"'),
  })
  .strict()
  .meta({ id: 'SurveyAnswer' });
export const surveyStatus = z
  .object({ kind: z.enum(['ticket', 'order']), id: ulidId, open: z.boolean().describe('the visit is over and not yet answered'), answered: z.boolean(), score: z.number().int().optional() })
  .meta({ id: 'SurveyStatus' });
export const surveyResult = z.object({ answered: z.literal(true), score: z.number().int() }).meta({ id: 'SurveyResult' });

const contact = z
  .object({ name: z.string().trim().min(1).max(80), phone: phone.optional(), email: email.optional() })
  .strict()
  .refine((c) => c.phone !== undefined || c.email !== undefined, { message: 'a phone or an email, so we can call or write back', path: ['phone'] });

export const callbackBody = z
  .object({ topic: z.enum(['talk_to_person', 'complaint']), contact, note: z.string().trim().max(500).optional(), language: lang.default('he') })
  .strict()
  .meta({ id: 'CallbackRequest' });
export const callbackResult = z.object({ received: z.literal(true), id: z.string() }).meta({ id: 'CallbackReceived' });

export const checkoutBody = z
  .object({
    checkoutId: z.uuid(),
    contact,
    lines: z.array(z.object({ productId: slug, quantity: z.number().int().min(1).max(20) }).strict()).min(1).max(20),
  })
  .strict()
  .meta({ id: 'StartCheckout' });
export const checkoutResult = z.object({ saved: z.boolean(), reason: z.string().optional() }).meta({ id: 'CheckoutSaved' });

export const momentView = z
  .object({
    id: z.string(),
    branchId: slug,
    kind: z.enum(momentKinds),
    status: z.enum(momentStatuses),
    createdAt: epochMs,
    contact: z.object({ name: z.string().optional(), phone: z.string().optional(), email: z.string().optional() }).optional(),
    context: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    version: z.number().int(),
    updatedAt: epochMs.optional(),
    updatedBy: z.string().optional(),
  })
  .meta({ id: 'Moment' });
export const momentParams = z.object({ branchId: slug, momentId: z.string().regex(/^[a-z0-9-]{3,120}$/i) });
export const momentsQuery = z.object({ status: z.enum(['active', 'all']).default('active').describe('active: open and called; all: resolved too') });
export const momentsView = z.object({ branchId: slug, moments: z.array(momentView) }).meta({ id: 'Moments' });
export const updateMomentBody = z.object({ status: z.enum(['called', 'resolved', 'open']), version: z.number().int().min(1) }).strict().meta({ id: 'UpdateMoment' });

export const statsQuery = z.object({ from: localDate.optional().describe('branch-local; default today'), to: localDate.optional().describe('default: from') });
const timed = z.object({ count: z.number().int(), meanMinutes: z.number().optional(), p90Minutes: z.number().optional() });
export const statsRow = z.object({
  day: z.string(),
  serviceId: z.string(),
  hour: z.number().int().describe('branch-local hour; -1 in totals'),
  tickets: z.number().int(),
  served: z.number().int(),
  wait: timed,
  service: timed,
  noShows: z.number().int(),
  cancelled: z.number().int(),
  abandoned: z.number().int().describe('left before being called'),
  orders: z.number().int(),
  collected: z.number().int(),
  ordersExpired: z.number().int(),
  pickupInBranch: timed,
  readyToCollected: timed,
  bookings: z.number().int(),
  bookingNoShows: z.number().int(),
  surveys: z.number().int(),
  scoreMean: z.number().optional(),
  scores: z.array(z.number().int()).length(5),
  counters: z.record(z.string(), z.number()).describe('the raw counters (sums in ms, histograms by minute bucket)'),
});
export const statsView = z
  .object({ branchId: slug, timeZone: z.string(), from: localDate, to: localDate, rows: z.array(statsRow), totals: z.array(statsRow) })
  .meta({ id: 'BranchStats' });
export const backfillBody = z.object({ from: localDate, to: localDate }).strict().meta({ id: 'BackfillStats' });
export const backfillResult = z.object({ branchId: slug, from: localDate, to: localDate, cells: z.number().int() }).meta({ id: 'BackfillResult' });
