import { describe, expect, it } from 'vitest';
import { orderQueue, positionOf, rankForCounter } from '../../../functions/domain/queue/policy';
import { defaultPolicy, type Counter } from '../../../functions/domain/queue/types';
import { minutes, t0, ticket } from './fixtures';

const services = [
  { id: 'general', kind: 'walkin' as const },
  { id: 'accounts', kind: 'walkin' as const },
  { id: 'appointments', kind: 'appointment' as const },
  { id: 'pickup', kind: 'pickup' as const },
];
const ctx = (now: number) => ({ now, policy: defaultPolicy, services });
const counter = (over: Partial<Counter> = {}): Counter => ({ id: 'c1', number: 1, serviceIds: ['general', 'accounts', 'appointments'], pickup: false, status: 'open', ...over });
const numbers = (ts: { number: string }[]) => ts.map((t) => t.number);

describe('call-next policy', () => {
  it('serves by joining time within a priority class', () => {
    const a = ticket({ number: 'A1', joinedAt: t0 + minutes(2) });
    const b = ticket({ number: 'A2', joinedAt: t0 + minutes(1) });
    expect(numbers(rankForCounter([a, b], counter(), ctx(t0 + minutes(3))))).toEqual(['A2', 'A1']);
  });

  it('puts a higher priority class first, but ageing lets a long wait catch up (no starvation)', () => {
    const old = ticket({ number: 'OLD', joinedAt: t0 });
    const prio = ticket({ number: 'PRIO', priority: 1, joinedAt: t0 + minutes(5) });
    expect(numbers(rankForCounter([old, prio], counter(), ctx(t0 + minutes(6)))).at(0)).toBe('PRIO');
    // After agingMinutes of waiting the old ticket is in the same class, and it joined first.
    expect(numbers(rankForCounter([old, prio], counter(), ctx(t0 + minutes(defaultPolicy.agingMinutes)))).at(0)).toBe('OLD');
  });

  it('a steady stream of priority tickets cannot starve a normal one', () => {
    const normal = ticket({ number: 'N', joinedAt: t0 });
    for (let minute = 1; minute < 120; minute++) {
      const stream = [ticket({ number: `P${minute}`, priority: 1, joinedAt: t0 + minutes(minute) })];
      const first = rankForCounter([normal, ...stream], counter(), ctx(t0 + minutes(minute)))[0]!;
      if (first.number === 'N') return;
    }
    throw new Error('the normal ticket was never first');
  });

  it('serves a due appointment before everyone, but not long before its time', () => {
    const walkin = ticket({ number: 'W', joinedAt: t0 - minutes(40) });
    const appt = ticket({ number: 'C', serviceId: 'appointments', joinedAt: t0, appointmentAt: t0 + minutes(30) });
    expect(rankForCounter([walkin, appt], counter(), ctx(t0 + minutes(1)))[0]!.number).toBe('W');
    expect(rankForCounter([walkin, appt], counter(), ctx(t0 + minutes(27)))[0]!.number).toBe('C');
  });

  it('a pickup counter takes ready pickups first; other counters do not', () => {
    const walkin = ticket({ number: 'A', joinedAt: t0 - minutes(20), serviceId: 'general' });
    const bag = ticket({ number: 'P', serviceId: 'pickup', orderReady: true, joinedAt: t0 });
    const pickupCounter = counter({ id: 'c5', pickup: true, serviceIds: ['pickup', 'general'] });
    expect(rankForCounter([walkin, bag], pickupCounter, ctx(t0 + minutes(1)))[0]!.number).toBe('P');
    expect(rankForCounter([walkin, bag], counter({ serviceIds: ['pickup', 'general'] }), ctx(t0 + minutes(1)))[0]!.number).toBe('A');
  });

  it('only calls services the counter serves, honours a transfer target and a re-queue grace', () => {
    const other = ticket({ number: 'X', serviceId: 'documents' });
    const targeted = ticket({ number: 'T', targetCounterId: 'c9' });
    const graced = ticket({ number: 'G', notBefore: t0 + minutes(5) });
    const plain = ticket({ number: 'A', joinedAt: t0 + minutes(1) });
    expect(numbers(rankForCounter([other, targeted, graced, plain], counter(), ctx(t0 + minutes(2))))).toEqual(['A']);
    expect(numbers(rankForCounter([other, targeted, graced, plain], counter({ id: 'c9' }), ctx(t0 + minutes(6))))).toEqual(['T', 'G', 'A']);
  });

  it('lists the whole waiting line in calling order, deferred tickets last', () => {
    const graced = ticket({ number: 'G', joinedAt: t0 - minutes(5), notBefore: t0 + minutes(5) });
    const a = ticket({ number: 'A', joinedAt: t0 });
    const done = ticket({ number: 'D', status: 'done' });
    expect(numbers(orderQueue([graced, a, done], ctx(t0 + minutes(1))))).toEqual(['A', 'G']);
  });

  it('counts the people ahead of a ticket in its own line', () => {
    const c = [counter()];
    const a = ticket({ joinedAt: t0 });
    const b = ticket({ joinedAt: t0 + minutes(1), serviceId: 'accounts' });
    const me = ticket({ joinedAt: t0 + minutes(2) });
    const later = ticket({ joinedAt: t0 + minutes(3) });
    expect(positionOf(me.id, [a, b, me, later], c, ctx(t0 + minutes(4)))).toBe(2);
    expect(positionOf(a.id, [a, b, me, later], c, ctx(t0 + minutes(4)))).toBe(0);
  });
});
