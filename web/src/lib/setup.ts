// A branch's set-up as its manager edits it (issue 7's admin face). Types come from the server's
// schemas; the checks made before sending are the server's own rules (functions/domain/setup), so
// the form and the API name the same field for the same problem (`body.services.2.prefix`).
import type { z } from 'zod';
import type { branchSetup, updateBranchSetupBody } from '../../../functions/schemas/setup';
import type { product, upsertProductBody } from '../../../functions/schemas/orders';
import { validateSetup } from '../../../functions/domain/setup/validate';
import type { FieldIssue } from '../../../functions/domain/errors';
import { request, type ApiError } from './api';

export type BranchSetup = z.output<typeof branchSetup>;
export type SetupBody = z.input<typeof updateBranchSetupBody>;
export type SetupService = SetupBody['services'][number];
export type SetupCounter = SetupBody['counters'][number] & { status?: BranchSetup['counters'][number]['status'] };
export type SetupHours = SetupBody['hours'][number];
export type SetupException = SetupBody['exceptions'][number];

/** What the form holds: the body to send, counters carrying their live status for display. */
export type SetupDraft = Omit<SetupBody, 'counters'> & { counters: SetupCounter[] };

const seg = encodeURIComponent;

export const setupApi = {
  get: (branchId: string, o: { signal?: AbortSignal } = {}) => request<BranchSetup>('GET', `/branches/${seg(branchId)}/setup`, { ...o, staff: true }),
  /** With the version the form was loaded at: 409 `stale` when someone saved in between. */
  save: (branchId: string, draft: SetupDraft) => request<BranchSetup>('PUT', `/branches/${seg(branchId)}/setup`, { staff: true, body: toBody(draft) }),
};

export function toDraft(s: BranchSetup): SetupDraft {
  // A JSON copy: the set-up held in component state is a proxy, which structuredClone refuses.
  const { branchId: _id, ...rest } = JSON.parse(JSON.stringify(s)) as BranchSetup;
  return rest;
}

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
/** "8:30" and "0830" are read as 08:30; anything else stays as typed, for the check to name it. */
export function normaliseTime(v: string): string {
  const t = v.trim().replace('.', ':');
  const m = /^(\d{1,2}):?(\d{2})$/.exec(t);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : t;
}

export function toBody(d: SetupDraft): SetupBody {
  const times = <T extends { open: string; close: string }>(h: T): T => ({ ...h, open: normaliseTime(h.open), close: normaliseTime(h.close) });
  return {
    ...d,
    name: { he: d.name.he.trim(), en: d.name.en.trim() },
    hours: d.hours.map(times),
    exceptions: d.exceptions.map((e) => ({ ...e, hours: e.hours.map(times), label: e.label && (e.label.he.trim() || e.label.en.trim()) ? e.label : undefined })),
    services: d.services.map((s) => ({ ...s, prefix: s.prefix.trim().toUpperCase(), id: s.id.trim(), ...(s.kind !== 'appointment' && { appointmentCapacity: undefined }) })),
    counters: d.counters.map(({ status: _s, ...c }) => c),
  };
}

/** The problems the server would name, found before sending (times and the rules between fields). */
export function checkSetup(d: SetupDraft): FieldIssue[] {
  const body = toBody(d);
  const timeIssues: FieldIssue[] = [];
  const time = (v: string, field: string, close: boolean) => {
    if (!hhmm.test(v) && !(close && v === '24:00')) timeIssues.push({ field, reason: 'HH:MM (24h)' });
  };
  body.hours.forEach((h, i) => (time(h.open, `body.hours.${i}.open`, false), time(h.close, `body.hours.${i}.close`, true)));
  body.exceptions.forEach((e, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.day)) timeIssues.push({ field: `body.exceptions.${i}.day`, reason: 'YYYY-MM-DD' });
    e.hours.forEach((h, k) => (time(h.open, `body.exceptions.${i}.hours.${k}.open`, false), time(h.close, `body.exceptions.${i}.hours.${k}.close`, true)));
  });
  body.services.forEach((s, i) => {
    if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(s.id)) timeIssues.push({ field: `body.services.${i}.id`, reason: 'lowercase letters, digits and dashes' });
    if (!/^[A-Z]$/.test(s.prefix)) timeIssues.push({ field: `body.services.${i}.prefix`, reason: 'one capital letter A–Z' });
    if (!s.name.he.trim() || !s.name.en.trim()) timeIssues.push({ field: `body.services.${i}.name`, reason: 'required' });
  });
  if (!body.name.he || !body.name.en) timeIssues.push({ field: 'body.name', reason: 'required' });
  // The rules between fields only make sense on well-formed times.
  const wellFormed = timeIssues.every((f) => !/^body\.(hours|exceptions)/.test(f.field));
  return [...timeIssues, ...(wellFormed ? validateSetup(body) : [])];
}

/** Problems keyed by field path without `body.`: `services.2.prefix`. */
export type SetupProblems = Map<string, string>;

/** The issues of a check or of the server's refusal (400 fields, 409 service_in_use / counter_busy). */
export function problemsOf(issues: readonly FieldIssue[], error?: ApiError): SetupProblems {
  const all = [...issues, ...(error?.fields ?? [])];
  const map: SetupProblems = new Map();
  for (const f of all) {
    const key = f.field.replace(/^body\.?/, '');
    if (!map.has(key)) map.set(key, f.reason);
  }
  return map;
}

/** A new service's id from its English name: "Tax returns" → tax-returns. */
export const slugOf = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

/** The first capital letter no other service uses. */
export function freePrefix(services: readonly { prefix: string }[]): string {
  const used = new Set(services.map((s) => s.prefix));
  return [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].find((l) => !used.has(l)) ?? '';
}

/** Time zones the browser knows, for the picker's suggestions. */
export const timeZones = (): string[] => {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Jerusalem', 'UTC'];
  }
};

// --- Catalog and stock (the orders context's routes: upsertProduct, setStock) ---
export type Product = z.output<typeof product>;
export type ProductBody = z.input<typeof upsertProductBody>;

export const catalogApi = {
  list: (branchId: string, o: { signal?: AbortSignal } = {}) => request<{ branchId: string; products: Product[] }>('GET', `/branches/${seg(branchId)}/catalog`, o),
  /** Names, price, category (description and picture sent back as they were); stock only for a new product. */
  upsert: (branchId: string, productId: string, body: ProductBody) => request<Product>('PUT', `/branches/${seg(branchId)}/products/${seg(productId)}`, { staff: true, body }),
  /** A stock-take: the counted number. */
  setStock: (branchId: string, productId: string, stock: number) => request<Product>('POST', `/branches/${seg(branchId)}/products/${seg(productId)}/stock`, { staff: true, body: { stock } }),
};

/** "12.50" (shekels) → 1250 agorot; undefined when it is not a price. */
export function agorotOf(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) return undefined;
  return Math.round(Number(t) * 100);
}
export const shekelsOf = (agorot: number): string => (agorot % 100 === 0 ? String(agorot / 100) : (agorot / 100).toFixed(2));
