import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../functions/domain/errors';
import { allowedFrom, applyAction, isActive, type TicketAction } from '../../../functions/domain/queue/transitions';
import { defaultPolicy, ticketStatuses, type TicketStatus } from '../../../functions/domain/queue/types';
import { minutes, t0, ticket } from './fixtures';

const sample: Record<TicketAction['type'], TicketAction> = {
  call: { type: 'call', counterId: 'c1' },
  recall: { type: 'recall' },
  start: { type: 'start' },
  complete: { type: 'complete' },
  noShow: { type: 'noShow' },
  cancel: { type: 'cancel' },
  transfer: { type: 'transfer', serviceId: 'accounts' },
  customerUpdate: { type: 'customerUpdate', state: 'on_my_way' },
  markOrderReady: { type: 'markOrderReady' },
};

describe('ticket transition table', () => {
  // Every (status, action) pair: legal ones move and bump the version, the rest are refused.
  for (const status of ticketStatuses) {
    for (const [type, action] of Object.entries(sample)) {
      const legal = allowedFrom[type as TicketAction['type']].includes(status);
      it(`${status} + ${type} is ${legal ? 'allowed' : 'refused'}`, () => {
        const before = ticket({ status, counterId: status === 'called' || status === 'serving' ? 'c1' : undefined });
        if (legal) {
          const { ticket: after } = applyAction(before, action, t0 + minutes(1));
          expect(after.version).toBe(before.version + 1);
        } else {
          expect(() => applyAction(before, action, t0)).toThrow(ConflictError);
          try {
            applyAction(before, action, t0);
          } catch (e) {
            expect((e as ConflictError).code).toBe('illegal_transition');
          }
        }
      });
    }
  }

  it('ended tickets accept nothing', () => {
    for (const status of ['done', 'no_show', 'cancelled'] as TicketStatus[]) {
      for (const action of Object.values(sample)) expect(() => applyAction(ticket({ status }), action, t0)).toThrow(ConflictError);
    }
  });

  it('walks the happy path waiting → called → serving → done with times recorded', () => {
    let t = ticket();
    t = applyAction(t, sample.call, t0 + minutes(5)).ticket;
    expect(t).toMatchObject({ status: 'called', counterId: 'c1', calledAt: t0 + minutes(5) });
    t = applyAction(t, sample.recall, t0 + minutes(6)).ticket;
    expect(t.recalls).toBe(1);
    t = applyAction(t, sample.start, t0 + minutes(7)).ticket;
    t = applyAction(t, sample.complete, t0 + minutes(12)).ticket;
    expect(t).toMatchObject({ status: 'done', servingAt: t0 + minutes(7), endedAt: t0 + minutes(12), counterId: 'c1', version: 5 });
  });

  it('re-queues a remote customer once when called before arriving, then marks no-show', () => {
    const called = applyAction(ticket({ channel: 'mobile', customerState: 'on_my_way' }), sample.call, t0).ticket;
    const first = applyAction(called, sample.noShow, t0 + minutes(2), defaultPolicy);
    expect(first.outcome).toBe('requeued');
    expect(first.ticket).toMatchObject({ status: 'waiting', requeued: true, notBefore: t0 + minutes(2 + defaultPolicy.requeueGraceMinutes), counterId: undefined });
    const again = applyAction(first.ticket, sample.call, t0 + minutes(10)).ticket;
    const second = applyAction(again, sample.noShow, t0 + minutes(12));
    expect(second.outcome).toBe('no_show');
    expect(second.ticket.status).toBe('no_show');
  });

  it('marks a kiosk customer (already in the branch) no-show at once', () => {
    const called = applyAction(ticket({ channel: 'kiosk' }), sample.call, t0).ticket;
    expect(applyAction(called, sample.noShow, t0).ticket.status).toBe('no_show');
  });

  it('transfer keeps the joining time and sends the ticket back to waiting', () => {
    const called = applyAction(ticket({ joinedAt: t0 - minutes(30) }), sample.call, t0).ticket;
    const moved = applyAction(called, { type: 'transfer', serviceId: 'accounts', counterId: 'c4' }, t0 + minutes(3)).ticket;
    expect(moved).toMatchObject({ status: 'waiting', serviceId: 'accounts', targetCounterId: 'c4', joinedAt: t0 - minutes(30), counterId: undefined });
    expect(() => applyAction(moved, { type: 'call', counterId: 'c1' }, t0)).toThrow(ConflictError);
    expect(applyAction(moved, { type: 'call', counterId: 'c4' }, t0).ticket.status).toBe('called');
  });

  it('refuses a transfer that goes nowhere', () => {
    expect(() => applyAction(ticket(), { type: 'transfer' }, t0)).toThrow(ConflictError);
    expect(() => applyAction(ticket(), { type: 'transfer', serviceId: 'general' }, t0)).toThrow(ConflictError);
  });

  it('never leaves an ended ticket active, whatever the sequence of actions (property)', () => {
    const actions = fc.constantFrom(...Object.values(sample));
    fc.assert(
      fc.property(fc.array(actions, { maxLength: 30 }), (seq) => {
        let t = ticket({ channel: 'mobile', customerState: 'none' });
        let ended = false;
        for (const a of seq) {
          try {
            const next = applyAction(t, a, t0).ticket;
            expect(next.version).toBe(t.version + 1);
            expect(ended).toBe(false); // nothing moves once ended
            t = next;
            if (!isActive(t.status)) ended = true;
          } catch (e) {
            expect(e).toBeInstanceOf(ConflictError);
          }
        }
        // A called or served ticket always knows its counter; a waiting one never holds one.
        if (t.status === 'called' || t.status === 'serving') expect(t.counterId).toBeDefined();
        if (t.status === 'waiting') expect(t.counterId).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
