import { correlationIdOf } from '../data/items';
import { newCorrelationId, withCorrelationId } from './correlation';

/** A scheduled Lambda's entry: its run gets an id of its own (`order-expiry-…`) for what it logs. */
export const scheduledHandler =
  <T>(scheduleId: string, run: () => Promise<T>) =>
  (): Promise<T> =>
    withCorrelationId(`${scheduleId}-${newCorrelationId()}`, run);

/**
 * Acts on one item under the correlation id it was last written with (the request that placed
 * the order, say): the job's log lines about it, its write, and what the stream does next all
 * lead back to that request.
 */
export const forItem = <T>(entity: object, act: () => Promise<T>): Promise<T> => {
  const id = correlationIdOf(entity);
  return id ? withCorrelationId(id, act) : act();
};
