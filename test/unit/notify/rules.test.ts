import { describe, expect, it } from 'vitest';
import {
  aheadCandidates,
  aheadMessage,
  aheadReachable,
  becamePending,
  callOf,
  defaultNotifyConfig,
  expiringMessage,
  expiringSoon,
  notifyConfigOf,
  queueMoved,
  queueTrigger,
  reminderWanted,
  ticketChangeMessages,
  type TicketImage,
} from '../../../functions/domain/notify/rules';
import { minutes, t0, ticket } from '../queue/fixtures';

type Image = TicketImage & ReturnType<typeof ticket>;
type Status = Image['status'];
const waiting = (over: Partial<Image> = {}): Image => ({ ...ticket({ channel: 'mobile', customerState: 'none' }), contact: { phone: '+972501234567' }, ...over });
const calledAt = t0 + minutes(5);

describe('outbox: what gets delivered', () => {
  it('delivers a message that is written pending, released, or rewritten while pending', () => {
    expect(becamePending(undefined, { status: 'pending', createdAt: 1 })).toBe(true);
    expect(becamePending({ status: 'scheduled', createdAt: 1 }, { status: 'pending', createdAt: 1 })).toBe(true);
    expect(becamePending({ status: 'pending', createdAt: 1 }, { status: 'pending', createdAt: 2 })).toBe(true);
  });
  it('delivers nothing for a close, a scheduling, a deletion or a touch of a pending message', () => {
    expect(becamePending({ status: 'pending', createdAt: 1 }, { status: 'sent', createdAt: 1 })).toBe(false);
    expect(becamePending(undefined, { status: 'scheduled', createdAt: 1 })).toBe(false);
    expect(becamePending({ status: 'pending', createdAt: 1 }, undefined)).toBe(false);
    expect(becamePending({ status: 'pending', createdAt: 1 }, { status: 'pending', createdAt: 1 })).toBe(false);
  });
});

describe('tickets: called, recalled, done', () => {
  it('asks for ticket_called on a first call, with the counter number, and a fixed id per call', () => {
    const before = waiting();
    const after = { ...before, status: 'called' as Status, calledAt, counterId: 'c1' };
    const out = ticketChangeMessages(before, after, { reachable: true, counterNumber: 3 });
    expect(out).toEqual([{ id: `called-${before.id}-${calledAt}`, template: 'ticket_called', params: { ticketId: before.id, branchId: 'b', number: before.number, counterNumber: 3, recall: false }, createdAt: calledAt }]);
    // The same change seen twice asks for the same message (the outbox write is conditional on the id).
    expect(ticketChangeMessages(before, after, { reachable: true, counterNumber: 3 })).toEqual(out);
  });

  it('asks again on each recall, marked as a recall, with its own id', () => {
    const called = { ...waiting(), status: 'called' as Status, calledAt, counterId: 'c1' };
    const recalled = { ...called, recalls: 1, calledAt: calledAt + minutes(1) };
    const out = ticketChangeMessages(called, recalled, { reachable: true, counterNumber: 3 });
    expect(out).toHaveLength(1);
    expect(out[0]!.params).toMatchObject({ recall: true, recalls: 1, counterNumber: 3 });
    expect(out[0]!.id).toBe(`called-${called.id}-${calledAt + minutes(1)}`);
    const twice = { ...recalled, recalls: 2, calledAt: calledAt + minutes(2) };
    expect(ticketChangeMessages(recalled, twice, { reachable: true })[0]!.id).not.toBe(out[0]!.id);
  });

  it('asks nothing for other changes of a called ticket, or for a ticket nobody can reach', () => {
    const called = { ...waiting(), status: 'called' as Status, calledAt, counterId: 'c1' };
    expect(ticketChangeMessages(called, { ...called, customerState: 'on_my_way', version: 3 }, { reachable: true })).toEqual([]);
    expect(ticketChangeMessages(called, { ...called, status: 'serving', servingAt: calledAt + 1 }, { reachable: true })).toEqual([]);
    expect(ticketChangeMessages(waiting(), called, { reachable: false })).toEqual([]);
    expect(callOf(undefined, undefined)).toBeUndefined();
  });

  it('asks for a new call after a re-queue, even with the same recall count', () => {
    const first = { ...waiting(), status: 'called' as Status, calledAt, counterId: 'c1' };
    const requeued: Image = { ...first, status: 'waiting' as Status, requeued: true, calledAt: undefined, counterId: undefined };
    const again = { ...requeued, status: 'called' as Status, calledAt: calledAt + minutes(10), counterId: 'c2' };
    const [m] = ticketChangeMessages(requeued, again, { reachable: true });
    expect(m!.id).not.toBe(`called-${first.id}-${calledAt}`);
    expect(m!.params.recall).toBe(false);
  });

  it('invites to the survey once, when service is done', () => {
    const serving = { ...waiting(), status: 'serving' as Status, calledAt, counterId: 'c1' };
    const done = { ...serving, status: 'done' as Status, endedAt: calledAt + minutes(6) };
    expect(ticketChangeMessages(serving, done, { reachable: true })).toEqual([
      { id: `survey-${serving.id}`, template: 'survey_invite', params: { ticketId: serving.id, branchId: 'b', number: serving.number }, createdAt: calledAt + minutes(6) },
    ]);
    expect(ticketChangeMessages(done, { ...done, version: 9 }, { reachable: true })).toEqual([]);
    expect(ticketChangeMessages(serving, { ...serving, status: 'no_show' }, { reachable: true })).toEqual([]);
  });
});

describe('tickets: N ahead of you', () => {
  const position = (ahead: Record<string, number>) => (t: Image) => ahead[t.id] ?? 99;

  const later = { ticketId: 'other', joined: false, at: t0 + minutes(30) };

  it('picks waiting remote tickets with at most N ahead that were not told yet', () => {
    const near = waiting();
    const far = waiting();
    const told = waiting({ aheadNotifiedAt: t0 });
    const kiosk = waiting({ channel: 'kiosk' });
    const booked = waiting({ channel: 'booking' });
    const called = waiting({ status: 'called' });
    const out = aheadCandidates([near, far, told, kiosk, booked, called], position({ [near.id]: 3, [far.id]: 4, [told.id]: 1, [kiosk.id]: 2, [booked.id]: 0, [called.id]: 0 }), { aheadAt: 3 }, later);
    expect(out.map((c) => [c.ticket.id, c.ahead, c.silent])).toEqual([
      [near.id, 3, false],
      [kiosk.id, 2, false],
    ]);
  });

  it('marks a ticket that joins already close silently, and leaves later joiners to their own join', () => {
    const early = waiting({ joinedAt: t0 });
    const joined = waiting({ joinedAt: t0 + minutes(1) });
    const after = waiting({ joinedAt: t0 + minutes(2) });
    const near = () => 1;
    // The join of `joined`, seen when `after` is already in the line (the stream lags).
    const out = aheadCandidates([early, joined, after], near, { aheadAt: 3 }, { ticketId: joined.id, joined: true, at: joined.joinedAt });
    expect(out.map((c) => [c.ticket.id, c.silent])).toEqual([
      [early.id, false],
      [joined.id, true],
    ]);
    // A join that leaves the joiner far from the front marks nothing.
    expect(aheadCandidates([joined], () => 4, { aheadAt: 3 }, { ticketId: joined.id, joined: true, at: joined.joinedAt })).toEqual([]);
  });

  it('dates a change by the ticket clock: the join, the call, the end', () => {
    const t = waiting({ joinedAt: t0 });
    expect(queueTrigger(undefined, t, t0 + minutes(9))).toEqual({ ticketId: t.id, joined: true, at: t0 });
    expect(queueTrigger(t, { ...t, status: 'called', calledAt: t0 + minutes(4) }, t0 + minutes(9)).at).toBe(t0 + minutes(4));
    expect(queueTrigger(t, { ...t, status: 'cancelled', endedAt: t0 + minutes(5) }, t0 + minutes(9)).at).toBe(t0 + minutes(5));
    expect(queueTrigger(t, { ...t, serviceId: 'other' }, t0 + minutes(9))).toEqual({ ticketId: t.id, joined: false, at: t0 + minutes(9) });
  });

  it('reaches remote tickets by phone or email, kiosk tickets only through push', () => {
    expect(aheadReachable(waiting(), false)).toBe(true);
    expect(aheadReachable(waiting({ contact: { email: 'a@b.test' } }), false)).toBe(true);
    expect(aheadReachable(waiting({ contact: undefined }), false)).toBe(false);
    expect(aheadReachable(waiting({ contact: undefined }), true)).toBe(true);
    expect(aheadReachable(waiting({ channel: 'kiosk' }), false)).toBe(false);
    expect(aheadReachable(waiting({ channel: 'kiosk' }), true)).toBe(true);
  });

  it('has one fixed id per ticket', () => {
    const t = waiting();
    expect(aheadMessage(t, 2, t0)).toEqual({ id: `ahead-${t.id}`, template: 'ticket_ahead', params: { ticketId: t.id, branchId: 'b', number: t.number, ahead: 2 }, createdAt: t0 });
  });

  it('looks again only when the line may have moved', () => {
    const t = waiting();
    expect(queueMoved(undefined, t)).toBe(true);
    expect(queueMoved(t, { ...t, status: 'called' })).toBe(true);
    expect(queueMoved(t, { ...t, serviceId: 'other' })).toBe(true);
    expect(queueMoved(t, { ...t, aheadNotifiedAt: t0 })).toBe(false);
    expect(queueMoved(t, { ...t, customerState: 'on_my_way', version: 2 })).toBe(false);
    expect(queueMoved(t, undefined)).toBe(false);
  });

  it('takes N from the branch, 3 by default', () => {
    expect(notifyConfigOf({}).aheadAt).toBe(3);
    expect(notifyConfigOf({ notifyAheadAt: 5 }).aheadAt).toBe(5);
    expect(notifyConfigOf({ notifyAheadAt: -1 }).aheadAt).toBe(3);
    expect(defaultNotifyConfig.expiringMinutes).toBe(30);
  });
});

describe('orders and bookings', () => {
  const pickup = { expireAfterMinutes: 120 };
  const order = { id: 'O1', branchId: 'b', code: 'K7M4QX', status: 'ready' as const, window: { start: t0, end: t0 + minutes(15) } };
  const deadline = t0 + minutes(15 + 120);

  it('reminds an open order in the last 30 minutes before it expires, not before, not after', () => {
    expect(expiringSoon(order, deadline - minutes(31), pickup, defaultNotifyConfig)).toBe(false);
    expect(expiringSoon(order, deadline - minutes(30), pickup, defaultNotifyConfig)).toBe(true);
    expect(expiringSoon(order, deadline - 1, pickup, defaultNotifyConfig)).toBe(true);
    expect(expiringSoon(order, deadline, pickup, defaultNotifyConfig)).toBe(false);
    expect(expiringSoon({ ...order, status: 'collected' }, deadline - minutes(10), pickup, defaultNotifyConfig)).toBe(false);
    expect(expiringMessage(order, pickup, deadline - minutes(20))).toMatchObject({ id: 'expiring-O1', template: 'order_expiring', params: { deadline, code: 'K7M4QX' } });
  });

  it('sends a reminder only for a booking still booked and not begun', () => {
    const slot = { start: t0, end: t0 + minutes(30) };
    expect(reminderWanted({ status: 'booked', slot }, t0 - minutes(60))).toBe(true);
    expect(reminderWanted({ status: 'cancelled', slot }, t0 - minutes(60))).toBe(false);
    expect(reminderWanted({ status: 'checked_in', slot }, t0 - minutes(60))).toBe(false);
    expect(reminderWanted({ status: 'booked', slot }, t0)).toBe(false);
    expect(reminderWanted(undefined, t0 - minutes(60))).toBe(false);
  });
});
