import { getBooking } from '../data/bookings-repo';
import { getOrder } from '../data/orders-repo';
import { savePushSubscription, type PushItemKind } from '../data/push-repo';
import { getTicket } from '../data/tickets-repo';
import { NotFoundError } from '../domain/errors';
import { tokenMatches } from '../http/customer-token';
import type { OperationRequest } from '../http/handler';
import { vapidKeys } from './vapid';

const loaders: Record<PushItemKind, (id: string) => Promise<{ tokenHash: string } | undefined>> = {
  ticket: getTicket,
  order: getOrder,
  booking: getBooking,
};

/** The key browsers subscribe with (public): push is off when this system has none. */
export async function getPushConfig() {
  const keys = await vapidKeys();
  return keys ? { enabled: true, publicKey: keys.publicKey } : { enabled: false };
}

/**
 * This browser receives the item's messages as Web Push. Only with the item's own customer
 * token: anything else is a 404 (an item is never confirmed to exist) and nothing is stored.
 */
export async function subscribePush({ body, customerToken, now }: OperationRequest) {
  const kind = body.kind as PushItemKind;
  const item = await loaders[kind](body.id);
  if (!item || !tokenMatches(customerToken, item.tokenHash)) throw new NotFoundError(`No such ${kind}`);
  // Kept as long as the item's personal data (its branch's retention when it was made).
  await savePushSubscription(kind, body.id, body.subscription, now, (item as { retainDays?: number }).retainDays);
  return { subscribed: true, kind, id: body.id };
}
