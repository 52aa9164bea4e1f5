import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

// One correlation id follows a change from the HTTP request that made it, through the items it
// wrote (attribute `corrId`, stamped by the data client), to the stream consumers and scheduled
// jobs that act on those items, so one search in the logs shows the whole story.
// AsyncLocalStorage rather than a logger-wide key: the local runtime (and a stream batch) runs
// many of these side by side in one process, and each must log and stamp its own id.
const current = new AsyncLocalStorage<string>();

/** The item attribute that carries the id of the request whose write produced the item. */
export const correlationAttribute = 'corrId';

/** The correlation id of the work running now, if any. */
export const correlationId = (): string | undefined => current.getStore();

/** Runs `fn` (and everything it awaits) under `id`. */
export const withCorrelationId = <T>(id: string, fn: () => T): T => current.run(id, fn);

/** A fresh id, for work that no request caused (a scheduled sweep). */
export const newCorrelationId = (): string => randomUUID();

// A caller may send its own id (a trace across its own systems); anything else is replaced,
// so a header cannot put arbitrary text (or a phone number) into every log line and item.
const wellFormed = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;
export const isWellFormedCorrelationId = (v: unknown): v is string => typeof v === 'string' && wellFormed.test(v);

/** The id carried by a stream record's item (its new image; the old one for a removal). */
export function correlationIdOfImage(image: Record<string, unknown> | undefined): string | undefined {
  const v = image?.[correlationAttribute];
  if (v && typeof v === 'object' && 'S' in v) return isWellFormedCorrelationId(v.S) ? v.S : undefined; // wire format
  return isWellFormedCorrelationId(v) ? v : undefined;
}
