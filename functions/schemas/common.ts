import { z } from 'zod';

// Building blocks reused by every payload schema (and so by the OpenAPI document).
export const slug = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');
export const ulidId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a 26-character ULID');
export const lang = z.enum(['he', 'en']);
export const localized = z.object({ he: z.string(), en: z.string() });
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM (24h)');
export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{7,20}$/, 'a phone number of 7 to 20 digits');
export const email = z.email().max(200);
export const epochMs = z.number().int().nonnegative();

export const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const empty = z.object({}).strict();

/** A time slice with its capacity: a pickup window or an appointment slot. */
export const sliceAvailability = z.object({
  start: epochMs,
  end: epochMs,
  capacity: z.number().int(),
  remaining: z.number().int(),
  available: z.boolean(),
  reason: z.enum(['full', 'too_soon']).optional(),
});
