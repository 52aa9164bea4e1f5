import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventOfChange, signatureHeader, verifySignature } from '../../functions/domain/webhooks';

const ticket = (over: Record<string, unknown> = {}) => ({ entity: 'ticket', id: 'T1', branchId: 'b', number: 'A001', serviceId: 'general', status: 'waiting', recalls: 0, contact: { name: 'Secret Name', phone: '0501234567' }, ...over });
const ev = (before: object | undefined, after: object | undefined) => eventOfChange('e1', before as never, after as never, 1000);

describe('webhook events from stored changes', () => {
  it('names ticket moves: created, called, called again on a recall, completed, no-show', () => {
    expect(ev(undefined, ticket())?.type).toBe('ticket.created');
    expect(ev(ticket(), ticket({ status: 'called', counterId: 'c1' }))).toMatchObject({ type: 'ticket.called', data: { counterId: 'c1', recall: false } });
    expect(ev(ticket({ status: 'called' }), ticket({ status: 'called', recalls: 1 }))).toMatchObject({ type: 'ticket.called', data: { recall: true } });
    expect(ev(ticket({ status: 'serving' }), ticket({ status: 'done' }))?.type).toBe('ticket.completed');
    expect(ev(ticket({ status: 'called' }), ticket({ status: 'no_show' }))?.type).toBe('ticket.no_show');
  });

  it('stays silent on changes an integrator has no use for', () => {
    expect(ev(ticket(), ticket({ notes: [{ at: 1, text: 'x' }] }))).toBeUndefined();
    expect(ev(ticket({ status: 'called' }), ticket({ status: 'serving' }))).toBeUndefined();
    expect(ev(undefined, { entity: 'counter', status: 'open' })).toBeUndefined();
    expect(ev(ticket(), undefined)).toBeUndefined();
  });

  it('names orders and bookings, a reschedule included, and never carries contact details', () => {
    const order = { entity: 'order', id: 'O1', branchId: 'b', code: 'ACDEFG', status: 'placed', window: { start: 5 }, contact: { name: 'Secret Name' } };
    expect(ev(undefined, order)?.type).toBe('order.placed');
    expect(ev(order, { ...order, status: 'ready' })?.type).toBe('order.ready');
    const booking = { entity: 'booking', id: 'B1', branchId: 'b', code: 'HJKMNP', status: 'booked', slot: { start: 1 }, contact: { email: 'secret@example.com' } };
    expect(ev(undefined, booking)?.type).toBe('booking.created');
    expect(ev(booking, { ...booking, slot: { start: 2 } })).toMatchObject({ type: 'booking.rescheduled', data: { slotStart: 2 } });
    expect(ev(booking, { ...booking, status: 'no_show' })?.type).toBe('booking.no_show');
    for (const e of [ev(undefined, ticket()), ev(undefined, order), ev(undefined, booking)]) expect(JSON.stringify(e)).not.toMatch(/Secret|secret@|0501234567/);
  });
});

describe('signatures', () => {
  const body = '{"type":"ticket.created"}';
  const now = Date.UTC(2026, 10, 23, 12);

  it('is HMAC-SHA256 of "<t>.<body>" in hex, as the README recipe says', () => {
    const header = signatureHeader('s3cret', body, now);
    const t = Math.floor(now / 1000);
    expect(header).toBe(`t=${t},v1=${createHmac('sha256', 's3cret').update(`${t}.${body}`).digest('hex')}`);
    expect(verifySignature('s3cret', header, body, now)).toBe(true);
  });

  it('refuses another secret, a changed body and an old timestamp', () => {
    const header = signatureHeader('s3cret', body, now);
    expect(verifySignature('other', header, body, now)).toBe(false);
    expect(verifySignature('s3cret', header, body + ' ', now)).toBe(false);
    expect(verifySignature('s3cret', header, body, now + 301_000)).toBe(false);
    expect(verifySignature('s3cret', 'garbage', body, now)).toBe(false);
  });
});
