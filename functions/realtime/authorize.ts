import { getBooking } from '../data/bookings-repo';
import { getOrder } from '../data/orders-repo';
import { getTicket } from '../data/tickets-repo';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import { canActOn } from '../http/auth';
import { tokenMatches } from '../http/customer-token';
import { verifyStaffToken } from './staff-token';
import { parseClientTopic } from './topics';

/**
 * The internal topics a client may listen to for the topic it asked for, or a refusal: the
 * board is public, staff topics need a staff token of that branch, a ticket, order or booking
 * needs its own customer token (a wrong one is "not found", as over HTTP).
 */
export async function topicsFor(clientTopic: unknown, token: unknown): Promise<string[]> {
  const t = parseClientTopic(clientTopic);
  if (!t) throw new ValidationError('Unknown topic', [{ field: 'topic', reason: 'board:<branch>, queue|orders|bookings:<branch>, ticket|order|booking:<id>' }]);
  if (t.kind === 'board') return [`board:${t.branchId}`];
  if (!('id' in t)) {
    const staff = await verifyStaffToken(token);
    if (!canActOn(staff, t.branchId)) throw new ForbiddenError('This branch is not yours');
    return [`${t.kind}:${t.branchId}`];
  }
  const item = await (t.kind === 'ticket' ? getTicket(t.id) : t.kind === 'order' ? getOrder(t.id) : getBooking(t.id));
  if (!item || !tokenMatches(typeof token === 'string' ? token : undefined, item.tokenHash)) throw new NotFoundError(`No such ${t.kind}`);
  return t.kind === 'ticket' ? [`ticket:${t.id}`, `tickets:${item.branchId}`] : [`${t.kind}:${t.id}`];
}
