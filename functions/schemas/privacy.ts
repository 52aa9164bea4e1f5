import { z } from 'zod';
import { email, epochMs, phone, slug } from './common';

// Data protection (issue 7): a manager finds, exports and erases one customer's personal data by
// phone or email. POST bodies, so a contact never appears in a URL or an access log.
const contactQuery = {
  phone: phone.optional().describe('any spelling: compared by its digits'),
  email: email.optional(),
};
const oneContact = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ ...contactQuery, ...shape })
    .strict()
    .superRefine((b, ctx) => {
      const v = b as { phone?: string; email?: string };
      if (v.phone === undefined && v.email === undefined) ctx.addIssue({ code: 'custom', message: 'a phone or an email', path: ['phone'] });
      if (v.phone !== undefined && v.email !== undefined) ctx.addIssue({ code: 'custom', message: 'one contact at a time: a phone or an email, not both', path: ['email'] });
    });

export const privacySearchBody = oneContact({}).meta({ id: 'PrivacySearch' });
export const privacyEraseBody = oneContact({ confirm: z.literal(true).describe('true: the personal data is removed for good') }).meta({ id: 'PrivacyErase' });

const heldItem = z.object({
  kind: z.enum(['ticket', 'order', 'booking', 'checkout', 'moment', 'message', 'survey']),
  id: z.string(),
  branchId: slug,
  at: epochMs.describe('when it was made'),
  status: z.string().optional(),
  expiresAt: epochMs.optional().describe('when the table deletes it (TTL), epoch ms'),
});
export const privacySearchResult = z
  .object({
    contact: z.object({ kind: z.enum(['phone', 'email']), value: z.string().describe('normalized: the digits of a phone, a lower-case email') }),
    branchId: slug,
    items: z.array(heldItem),
    counts: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'PrivacySearchResult' });
export const privacyExportResult = z
  .object({
    contact: z.object({ kind: z.enum(['phone', 'email']), value: z.string() }),
    branchId: slug,
    exportedAt: epochMs,
    items: z.array(z.object({ kind: z.string(), id: z.string(), data: z.record(z.string(), z.unknown()) })),
  })
  .meta({ id: 'PrivacyExport' });
export const privacyEraseResult = z
  .object({
    erased: z.record(z.string(), z.number().int()).describe('items whose personal data was removed, by kind'),
    nothingHeld: z.boolean().describe('true when nothing was found: an erasure done before, or no data'),
    erasureId: z.string().optional().describe('the audit record (no contact in it)'),
  })
  .meta({ id: 'PrivacyErasure' });
