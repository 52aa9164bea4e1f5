// The ticket lifecycle as an explicit table. Every move goes through applyAction, which
// refuses anything the table does not list: the handlers never set a status by hand.
import { ConflictError } from '../errors';
import { defaultPolicy, type CustomerState, type QueuePolicyConfig, type Ticket, type TicketStatus } from './types';

export type TicketAction =
  | { type: 'call'; counterId: string }
  | { type: 'recall' }
  | { type: 'start' }
  | { type: 'complete' }
  | { type: 'noShow' }
  | { type: 'cancel' }
  | { type: 'transfer'; serviceId?: string; counterId?: string }
  | { type: 'customerUpdate'; state: Exclude<CustomerState, 'none'> }
  | { type: 'markOrderReady' };

export type ActionType = TicketAction['type'];

/** From which statuses each action may start. Anything else is an illegal move. */
export const allowedFrom: Readonly<Record<ActionType, readonly TicketStatus[]>> = {
  call: ['waiting'],
  recall: ['called'],
  start: ['called'],
  complete: ['serving', 'called'],
  noShow: ['called'],
  cancel: ['waiting', 'called'],
  transfer: ['waiting', 'called', 'serving'],
  customerUpdate: ['waiting', 'called'],
  markOrderReady: ['waiting'],
};

export const isActive = (s: TicketStatus) => s === 'waiting' || s === 'called' || s === 'serving';
export const isTerminal = (s: TicketStatus) => !isActive(s);

/** What happened, for the reply and the log: a no-show may turn into a re-queue. */
export type Outcome = 'called' | 'recalled' | 'started' | 'completed' | 'no_show' | 'requeued' | 'cancelled' | 'transferred' | 'updated' | 'order_ready';

const minute = 60_000;

export function applyAction<T extends Ticket>(ticket: T, action: TicketAction, now: number, policy: QueuePolicyConfig = defaultPolicy): { ticket: T; outcome: Outcome } {
  if (!allowedFrom[action.type].includes(ticket.status)) {
    throw new ConflictError(`A ${ticket.status} ticket cannot take "${action.type}"`, 'illegal_transition', undefined, { status: ticket.status, action: action.type });
  }
  const [changes, outcome] = move(ticket, action, now, policy);
  return { ticket: { ...ticket, ...changes, version: ticket.version + 1 }, outcome };
}

function move(t: Ticket, a: TicketAction, now: number, policy: QueuePolicyConfig): [Partial<Ticket>, Outcome] {
  switch (a.type) {
    case 'call':
      if (t.targetCounterId && t.targetCounterId !== a.counterId) {
        throw new ConflictError(`${t.number} was transferred to another counter`, 'illegal_transition');
      }
      return [{ status: 'called', counterId: a.counterId, calledAt: now, targetCounterId: undefined, notBefore: undefined }, 'called'];
    case 'recall':
      return [{ recalls: t.recalls + 1, calledAt: now }, 'recalled'];
    case 'start':
      return [{ status: 'serving', servingAt: now }, 'started'];
    case 'complete':
      // Completing straight from "called" is a short service; it still counts from the call.
      return [{ status: 'done', endedAt: now, servingAt: t.servingAt ?? t.calledAt ?? now }, 'completed'];
    case 'noShow':
      // A remote customer called before arriving gets one more chance, after a grace period.
      if (t.channel === 'mobile' && !t.requeued && t.customerState !== 'arrived') {
        return [{ status: 'waiting', requeued: true, notBefore: now + policy.requeueGraceMinutes * minute, counterId: undefined, calledAt: undefined }, 'requeued'];
      }
      return [{ status: 'no_show', endedAt: now }, 'no_show'];
    case 'cancel':
      return [{ status: 'cancelled', endedAt: now }, 'cancelled'];
    case 'transfer':
      if (!a.serviceId && !a.counterId) throw new ConflictError('Transfer needs a service or a counter', 'illegal_transition');
      if ((a.serviceId ?? t.serviceId) === t.serviceId && a.counterId === undefined) {
        throw new ConflictError(`${t.number} is already in this service`, 'illegal_transition');
      }
      // Back to waiting with its original joining time: it keeps its place in the new line.
      return [
        { status: 'waiting', serviceId: a.serviceId ?? t.serviceId, targetCounterId: a.counterId, counterId: undefined, calledAt: undefined, servingAt: undefined, notBefore: undefined },
        'transferred',
      ];
    case 'customerUpdate':
      return [{ customerState: a.state }, 'updated'];
    case 'markOrderReady':
      return [{ orderReady: true }, 'order_ready'];
  }
}
