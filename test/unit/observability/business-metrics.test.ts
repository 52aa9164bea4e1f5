import { describe, expect, it } from 'vitest';
import { businessMetricNames, metricsOfChange } from '../../../functions/observability/business-metrics';

const ticket = (over: Record<string, unknown> = {}) => ({ entity: 'ticket', id: 'T', branchId: 'b1', serviceId: 'general', status: 'waiting', version: 1, ...over });
const order = (over: Record<string, unknown> = {}) => ({ entity: 'order', id: 'O', branchId: 'b1', status: 'placed', version: 1, ...over });
const booking = (over: Record<string, unknown> = {}) => ({ entity: 'booking', id: 'B', branchId: 'b1', status: 'booked', version: 1, ...over });
const names = (before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined) => metricsOfChange(before, after).map((c) => c.metric);

describe('business metrics of a change', () => {
  it('counts a ticket taken, called, served and a no-show, each for its branch', () => {
    expect(metricsOfChange(undefined, ticket())).toEqual([{ metric: 'TicketsTaken', branchId: 'b1' }]);
    expect(names(ticket(), ticket({ status: 'called', version: 2 }))).toEqual(['TicketsCalled']);
    expect(names(ticket({ status: 'serving' }), ticket({ status: 'done' }))).toEqual(['TicketsServed']);
    expect(names(ticket({ status: 'called' }), ticket({ status: 'no_show' }))).toEqual(['TicketsNoShow']);
  });

  it('counts a re-queued ticket called again as a second call, and a recall as none', () => {
    expect(names(ticket({ status: 'waiting', requeued: true }), ticket({ status: 'called', requeued: true }))).toEqual(['TicketsCalled']);
    expect(names(ticket({ status: 'called', recalls: 0 }), ticket({ status: 'called', recalls: 1, version: 3 }))).toEqual([]);
  });

  it('counts an order placed, ready and collected, and nothing for the steps between', () => {
    expect(names(undefined, order())).toEqual(['OrdersPlaced']);
    expect(names(order(), order({ status: 'preparing' }))).toEqual([]);
    expect(names(order({ status: 'preparing' }), order({ status: 'ready' }))).toEqual(['OrdersReady']);
    expect(names(order({ status: 'ready' }), order({ status: 'collected' }))).toEqual(['OrdersCollected']);
    expect(names(order({ status: 'ready' }), order({ status: 'expired' }))).toEqual([]);
  });

  it('counts a booking made once: a reschedule or a check-in is not another', () => {
    expect(names(undefined, booking())).toEqual(['BookingsMade']);
    expect(names(booking(), booking({ slot: { start: 2 }, version: 2 }))).toEqual([]);
    expect(names(booking(), booking({ status: 'checked_in' }))).toEqual([]);
  });

  it('counts nothing for an update that does not move the status (a note, a version bump, the same image again)', () => {
    for (const [before, after] of [
      [ticket({ status: 'called' }), ticket({ status: 'called', note: 'x' })],
      [ticket({ status: 'done' }), ticket({ status: 'done', version: 9 })],
      [order({ status: 'ready' }), order({ status: 'ready', bagLocation: 'shelf 2' })],
      [order({ status: 'collected' }), order({ status: 'collected' })],
    ]) {
      expect(names(before, after)).toEqual([]);
    }
  });

  it('counts nothing for removals, items of no branch, and other entities', () => {
    expect(names(ticket({ status: 'done' }), undefined)).toEqual([]);
    expect(names(undefined, { ...ticket(), branchId: undefined })).toEqual([]);
    expect(names(undefined, { entity: 'outbox', branchId: 'b1', status: 'pending' })).toEqual([]);
    expect(names(undefined, { entity: 'insightCell', branchId: 'b1' })).toEqual([]);
  });

  it('names exactly the metrics the dashboard and alarms use', () => {
    expect(businessMetricNames).toEqual(['TicketsTaken', 'TicketsCalled', 'TicketsServed', 'TicketsNoShow', 'OrdersPlaced', 'OrdersReady', 'OrdersCollected', 'BookingsMade', 'NotificationsDelivered', 'NotificationsFailed']);
  });
});
