import { describe, expect, it } from 'vitest';
import { contactHash, contactRef, contactRefsOf, scrubPersonal } from '../../../functions/domain/privacy/contact';
import { defaultRetention, personalExpiry, retentionOf, visitEnd } from '../../../functions/domain/privacy/retention';
import { stageRetention } from '../../../functions/privacy/settings';

const day = 86_400;

describe('retention', () => {
  it('defaults to 30 days after a visit and 90 after a booking', () => {
    expect(retentionOf(undefined)).toEqual({ visitDays: 30, bookingDays: 90 });
    expect(defaultRetention).toEqual({ visitDays: 30, bookingDays: 90 });
  });
  it("takes the branch's setting over the stage's, and the stage's over the built-in", () => {
    expect(retentionOf({ retention: { visitDays: 7 } }, { visitDays: 14, bookingDays: 60 })).toEqual({ visitDays: 7, bookingDays: 60 });
    expect(retentionOf({}, { bookingDays: 45 })).toEqual({ visitDays: 30, bookingDays: 45 });
  });
  it('ignores days that are not whole, below 1 or above two years', () => {
    expect(retentionOf({ retention: { visitDays: 0, bookingDays: 3650 } })).toEqual(defaultRetention);
    expect(retentionOf({ retention: { visitDays: 2.5 } }, { visitDays: -1 })).toEqual(defaultRetention);
  });
  it('expires the retention after the end of the visit, in epoch seconds', () => {
    const end = Date.UTC(2026, 10, 23, 14, 30, 0, 999);
    expect(personalExpiry(end, 30)).toBe(Math.floor(end / 1000) + 30 * day);
    expect(visitEnd(1000, undefined, 5000, 3000)).toBe(5000);
  });
  it('reads the stage default from RETENTION_VISIT_DAYS / RETENTION_BOOKING_DAYS', () => {
    expect(stageRetention({ RETENTION_VISIT_DAYS: '7', RETENTION_BOOKING_DAYS: '60' })).toEqual({ visitDays: 7, bookingDays: 60 });
    expect(stageRetention({ RETENTION_VISIT_DAYS: 'x' })).toEqual({});
  });
});

describe('contact keys', () => {
  it('compares phones by their digits (in the national form) and emails in lower case', () => {
    const a = contactRef({ phone: '+972 50-123 4567' })!;
    const b = contactRef({ phone: '+972501234567' })!;
    expect(a).toEqual({ kind: 'phone', value: '0501234567' });
    expect(contactHash(a)).toBe(contactHash(b));
    expect(contactRef({ email: ' Dana@Example.COM ' })).toEqual({ kind: 'email', value: 'dana@example.com' });
    expect(contactHash({ kind: 'phone', value: '1' })).not.toBe(contactHash({ kind: 'email', value: '1' }));
  });
  it('finds both contacts of an item', () => {
    expect(contactRefsOf({ phone: '050 1234567', email: 'a@b.test' }).map((r) => r.kind)).toEqual(['phone', 'email']);
    expect(contactRefsOf(undefined)).toEqual([]);
  });
  it('scrubs personal fields at any depth and keeps the rest', () => {
    expect(scrubPersonal({ ticket: { id: 'T', contact: { name: 'Dana' }, notes: [{ text: 'x' }], number: 'A001' }, token: 't' })).toEqual({ ticket: { id: 'T', number: 'A001' }, token: 't' });
  });
});
