// A customer's personal data in one branch, as a manager finds, exports and erases it (issue 7):
// types from the server's schemas, the calls (the contact always in the body, never in a URL),
// the export saved as a file, and the server's refusals in words at their field.
import type { z } from 'zod';
import type { privacyEraseResult, privacyExportResult, privacySearchBody, privacySearchResult } from '../../../functions/schemas/privacy';
import { fieldReason, request, type ApiError } from './api';
import type { Messages } from './i18n/en';

export type ContactQuery = z.input<typeof privacySearchBody>;
export type HeldData = z.output<typeof privacySearchResult>;
export type HeldItem = HeldData['items'][number];
export type ExportedData = z.output<typeof privacyExportResult>;
export type Erasure = z.output<typeof privacyEraseResult>;

const path = (branchId: string, verb: 'search' | 'export' | 'erase') => `/branches/${encodeURIComponent(branchId)}/privacy/${verb}`;

export const privacyApi = {
  search: (branchId: string, contact: ContactQuery) => request<HeldData>('POST', path(branchId, 'search'), { body: contact, staff: true }),
  export: (branchId: string, contact: ContactQuery) => request<ExportedData>('POST', path(branchId, 'export'), { body: contact, staff: true }),
  /** For good: the personal attributes go, the anonymous facts (and so the statistics) stay. */
  erase: (branchId: string, contact: ContactQuery) => request<Erasure>('POST', path(branchId, 'erase'), { body: { ...contact, confirm: true }, staff: true }),
};

/** The export saved as a JSON file (no contact in the file name). */
export function downloadJson(data: ExportedData): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const stamp = new Date(data.exportedAt).toISOString().slice(0, 19).replace(/:/g, '-');
  const a = Object.assign(document.createElement('a'), { href: url, download: `dalpak-${data.branchId}-customer-data-${stamp}.json` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface ContactDraft {
  phone: string;
  email: string;
}
export type ContactField = keyof ContactDraft;

/** The body from what was typed: exactly one contact, or what is plainly wrong (the server checks again). */
export function contactQuery(d: ContactDraft): { query?: ContactQuery; problem?: { field: ContactField; reason: 'missing' | 'both' } } {
  const phone = d.phone.trim();
  const email = d.email.trim();
  if (!phone && !email) return { problem: { field: 'phone', reason: 'missing' } };
  if (phone && email) return { problem: { field: 'email', reason: 'both' } };
  return { query: phone ? { phone } : { email } };
}

/** Each field's problem in words: found here, or the server's 400 at that field. */
export function contactErrors(t: Messages, problem: ReturnType<typeof contactQuery>['problem'], error: ApiError | undefined): Partial<Record<ContactField, string>> {
  const e = t.privacy.errors;
  const own = problem && (problem.reason === 'missing' ? e.missing : e.both);
  return {
    phone: problem?.field === 'phone' ? own : fieldReason(error, 'body.phone') !== undefined ? e.phone : undefined,
    email: problem?.field === 'email' ? own : fieldReason(error, 'body.email') !== undefined ? e.email : undefined,
  };
}

/** A refusal that is no field's fault, in words (else undefined: the app's general words). */
export function privacyErrorText(t: Messages, error: ApiError): string | undefined {
  if (error.status === 403) return t.privacy.errors.forbidden;
  return undefined;
}

/** Kinds in the order they are shown. */
export const kindOrder = ['ticket', 'order', 'booking', 'checkout', 'survey', 'moment', 'message', 'push', 'localDelivery', 'idempotencyRecord'] as const;
const rank = (k: string) => {
  const i = (kindOrder as readonly string[]).indexOf(k);
  return i < 0 ? kindOrder.length : i;
};
export const byKind = <T extends { kind: string }>(a: T, b: T) => rank(a.kind) - rank(b.kind);

/** An item's status in words from the catalogues that already name them, else nothing. */
export function statusWord(t: Messages, item: Pick<HeldItem, 'kind' | 'status'>): string | undefined {
  if (!item.status) return undefined;
  const table: Record<string, string> | undefined =
    item.kind === 'ticket' ? t.staffStatus : item.kind === 'order' ? t.orderStatus : item.kind === 'booking' ? t.bookingStatus : undefined;
  return table?.[item.status];
}
