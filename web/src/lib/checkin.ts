// Checking in for a pickup order (kiosk or phone): the refusals a customer can meet, in words.
import type { ApiError } from './api';
import { errorText, i18n } from './i18n/index.svelte';

/** True when the typed code itself is the problem (shown at the code field, not as a banner). */
export const isCodeProblem = (e: ApiError): boolean =>
  (e.status === 400 && (e.fields.length === 0 || e.fields.some((f) => f.field === 'body.code'))) || e.status === 404 || e.code === 'order_closed';

export function checkInErrorText(e: ApiError): string {
  const m = i18n.t.checkInErrors;
  if (e.status === 400) return m.malformed;
  if (e.status === 404) return m.unknown;
  if (e.code === 'order_closed') {
    const status = e.details.status;
    return status === 'collected' ? m.collected : status === 'expired' ? m.expired : m.cancelled;
  }
  if (e.code === 'branch_closed') return m.closed;
  if (e.code === 'no_pickup_service') return m.noPickup;
  return errorText(e);
}
