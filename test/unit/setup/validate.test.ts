import { describe, expect, it } from 'vitest';
import { changeOf, isTimeZone, newCounterId, validateSetup, type SetupDraft } from '../../../functions/domain/setup/validate';

const base = (): SetupDraft => ({
  timeZone: 'Asia/Jerusalem',
  hours: [
    { weekday: 0, open: '08:00', close: '12:00' },
    { weekday: 0, open: '13:00', close: '18:00' },
    { weekday: 1, open: '08:00', close: '24:00' },
  ],
  exceptions: [{ day: '2026-12-24', hours: [] }],
  services: [
    { id: 'general', prefix: 'A', kind: 'walkin' },
    { id: 'appointments', prefix: 'C', kind: 'appointment' },
    { id: 'pickup', prefix: 'P', kind: 'pickup' },
  ],
  counters: [
    { id: 'c1', number: 1, serviceIds: ['general', 'appointments'], pickup: false },
    { number: 2, serviceIds: ['pickup', 'general'], pickup: true },
  ],
});
const fields = (s: SetupDraft) => validateSetup(s).map((i) => i.field);

describe('validateSetup', () => {
  it('accepts a consistent set-up, split days and a close at midnight included', () => {
    expect(validateSetup(base())).toEqual([]);
  });

  it('names a prefix another service already has', () => {
    const s = base();
    s.services[2]!.prefix = 'A';
    expect(validateSetup(s)).toEqual([{ field: 'body.services.2.prefix', reason: 'another service has this prefix' }]);
  });

  it('names a duplicate service id and a second pickup service', () => {
    const s = base();
    s.services.push({ id: 'general', prefix: 'Q', kind: 'pickup' });
    expect(fields(s)).toEqual(['body.services.3.id', 'body.services.3.kind']);
  });

  it('needs at least one walk-in service', () => {
    const s = base();
    s.services[0]!.kind = 'appointment';
    expect(fields(s)).toContain('body.services');
  });

  it('names a counter number used twice', () => {
    const s = base();
    s.counters[1]!.number = 1;
    expect(fields(s)).toEqual(['body.counters.1.number']);
  });

  it('names the service a counter points at when it does not exist', () => {
    const s = base();
    s.counters[0]!.serviceIds = ['general', 'gone'];
    expect(fields(s)).toEqual(['body.counters.0.serviceIds.1']);
  });

  it('refuses a counter serving nothing and a pickup counter without the pickup service', () => {
    const s = base();
    s.counters[0]!.serviceIds = [];
    s.counters[1]!.serviceIds = ['general'];
    expect(fields(s)).toEqual(['body.counters.0.serviceIds', 'body.counters.1.pickup']);
  });

  it('refuses hours that close before they open, or overlap on the same day', () => {
    const s = base();
    s.hours[0]!.close = '07:00';
    expect(fields(s)).toEqual(['body.hours.0.close']);
    const t = base();
    t.hours[1]!.open = '11:00';
    expect(fields(t)).toEqual(['body.hours.1.open']);
  });

  it('checks exception days: real dates, once each, sane hours', () => {
    const s = base();
    s.exceptions.push({ day: '2026-02-30', hours: [] }, { day: '2026-12-24', hours: [{ open: '10:00', close: '09:00' }] });
    expect(fields(s)).toEqual(['body.exceptions.1.day', 'body.exceptions.2.day', 'body.exceptions.2.hours.0.close']);
  });

  it('knows IANA time zones', () => {
    expect(isTimeZone('Asia/Jerusalem')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    const s = base();
    s.timeZone = 'Mars/Olympus';
    expect(fields(s)).toEqual(['body.timeZone']);
  });
});

describe('changeOf', () => {
  it('finds removed services, kinds changed and counters removed', () => {
    const before = {
      services: [
        { id: 'general', kind: 'walkin' as const },
        { id: 'documents', kind: 'walkin' as const },
        { id: 'appointments', kind: 'appointment' as const },
      ],
      counters: [{ id: 'c1' }, { id: 'c2' }],
    };
    const after = base();
    after.services[1] = { id: 'appointments', prefix: 'C', kind: 'walkin' };
    expect(changeOf(before, after)).toEqual({ removedServices: ['documents'], retypedServices: ['appointments'], removedCounters: ['c2'] });
  });

  it('gives a new counter an id that is not taken', () => {
    expect(newCounterId(4, new Set(['c1']))).toBe('c4');
    expect(newCounterId(4, new Set(['c4', 'c4-2']))).toBe('c4-3');
  });
});
