import { describe, expect, it } from 'vitest';
import { contactHash, contactRef, normalizePhone } from '../../../functions/domain/privacy/contact';
import { holderKey } from '../../../functions/http/customer-token';

describe('one phone number, however it is spelled', () => {
  it('reads Israeli international and national spellings as one number', () => {
    for (const spelling of ['+972 50-123 4567', '+972501234567', '00972501234567', '972-50-1234567', '050-1234567', '(050) 123 4567']) {
      expect(normalizePhone(spelling), spelling).toBe('0501234567');
    }
  });

  it('keeps other countries and other numbers apart', () => {
    expect(normalizePhone('+44 20 7946 0958')).toBe('442079460958');
    expect(normalizePhone('050-1234568')).not.toBe(normalizePhone('050-1234567'));
  });

  it('gives the active-ticket lock, the booking cap and the privacy index one key per person', () => {
    const a = holderKey({ phone: '+972 50 123 4567' }, 'device-aaaaaaaa');
    const b = holderKey({ phone: '050-1234567' }, 'device-bbbbbbbb');
    expect(a).toBe(b);
    expect(a).toBe(contactHash(contactRef({ phone: '0501234567' })!));
    expect(holderKey({ email: ' Dana@Example.org ' }, undefined)).toBe(holderKey({ email: 'dana@example.org' }, undefined));
  });
});
