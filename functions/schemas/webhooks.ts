import { z } from 'zod';
import { webhookEvents } from '../domain/webhooks';
import { epochMs, slug } from './common';

export const webhookParams = z.object({ branchId: slug, webhookId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a 26-character ULID') });

export const registerWebhookBody = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(500).describe('where to POST events (https; http only on a local runtime)'),
    events: z.array(z.enum(webhookEvents)).min(1).max(webhookEvents.length).refine((e) => new Set(e).size === e.length, 'each event once'),
  })
  .strict()
  .meta({ id: 'RegisterWebhook' });

export const webhookView = z
  .object({
    id: z.string(),
    branchId: slug,
    url: z.string(),
    events: z.array(z.enum(webhookEvents)),
    createdAt: epochMs,
    lastStatus: z.enum(['delivered', 'failed']).optional(),
    lastHttpStatus: z.number().int().optional().describe('0: no answer (timeout, refused)'),
    lastAttemptAt: epochMs.optional(),
    lastEventType: z.string().optional(),
    consecutiveFailures: z.number().int(),
  })
  .meta({ id: 'Webhook' });

export const registerWebhookResult = z
  .object({ webhook: webhookView, secret: z.string().describe('signs deliveries: Dalpak-Signature t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<body>">; shown only now') })
  .meta({ id: 'RegisterWebhookResult' });
export const webhookList = z.object({ branchId: slug, webhooks: z.array(webhookView) }).meta({ id: 'Webhooks' });
