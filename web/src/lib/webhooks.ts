// Webhooks as a manager sees them: the server's events grouped by what they are about, the
// checks made before sending, and the server's refusals in words at their field.
import type { ApiError } from './api';
import type { Messages } from './i18n/en';
import type { WebhookEvent } from './types';

export const eventGroups = {
  tickets: ['ticket.created', 'ticket.called', 'ticket.completed', 'ticket.no_show'],
  orders: ['order.placed', 'order.ready', 'order.collected', 'order.cancelled', 'order.expired'],
  bookings: ['booking.created', 'booking.rescheduled', 'booking.cancelled', 'booking.checked_in', 'booking.no_show'],
} as const satisfies Record<string, readonly WebhookEvent[]>;
export type EventGroup = keyof typeof eventGroups;

// A new server event fails the type check here until it is put in a group (and labelled in en.ts/he.ts).
type Grouped = (typeof eventGroups)[EventGroup][number];
const ungrouped: Record<Exclude<WebhookEvent, Grouped>, never> = {};
void ungrouped;

/** A readable name for an event; an unknown name (a newer server) is shown as it is. */
export const eventLabel = (t: Messages, type: string): string => (t.webhookEvent as Record<string, string>)[type] ?? type;

/** The web app is served from this machine: a local runtime, which also accepts http://127.0.0.1 receivers. */
export const servedLocally = (): boolean => ['127.0.0.1', 'localhost', '[::1]'].includes(location.hostname);

export interface WebhookDraft {
  url: string;
  events: WebhookEvent[];
}
export type WebhookCheck = 'url' | 'events';

/** What is plainly wrong before sending; whether plain http is allowed is the server's call. */
export function checkWebhook(d: WebhookDraft): WebhookCheck[] {
  const found: WebhookCheck[] = [];
  let url: URL | undefined;
  try {
    url = new URL(d.url.trim());
  } catch {
    url = undefined;
  }
  if (!url || !['https:', 'http:'].includes(url.protocol)) found.push('url');
  if (d.events.length === 0) found.push('events');
  return found;
}

/** Each field's problem in words: found before sending, or the server's refusal (400 with fields). */
export function webhookErrors(t: Messages, checks: readonly WebhookCheck[], error: ApiError | undefined) {
  const w = t.webhookErrors;
  const on = (prefix: string) => error?.fields.find((f) => f.field === prefix || f.field.startsWith(`${prefix}.`));
  const url = on('body.url');
  const events = on('body.events');
  return {
    url: checks.includes('url')
      ? w.url
      : url && (url.reason === 'https only' ? w.httpsOnly : url.reason === 'too many webhooks' ? w.tooMany : w.url),
    events: checks.includes('events') ? w.events : events && w.events,
  };
}
