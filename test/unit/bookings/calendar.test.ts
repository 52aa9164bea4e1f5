import { describe, expect, it } from 'vitest';
import { bookingCalendar } from '../../../functions/domain/bookings/calendar';

const start = Date.UTC(2026, 2, 27, 5, 0); // 08:00 in Israel, the day the clocks go forward
const event = {
  uid: '01JBOOKING@dalpak',
  start,
  end: start + 30 * 60_000,
  summary: 'תור: הלוואות, סניף הרצל',
  description: 'קוד: ACDEFG. הביאו תעודה מזהה; נשמח לראותכם. '.repeat(4),
  location: 'רחוב הרצל 1, תל אביב',
  url: 'https://dalpak.example/b/01JBOOKING?t=secret',
};

/** Physical lines, then logical lines (RFC 5545 §3.1 unfolding), then the component tree as name → values. */
function parse(text: string) {
  const physical = text.split('\r\n').filter((l) => l !== '');
  const logical = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l !== '');
  type Component = { name: string; path: string; props: Map<string, string[]> };
  const stack: Component[] = [];
  const components: Component[] = [];
  for (const line of logical) {
    const colon = line.indexOf(':');
    const [name, value] = [line.slice(0, colon), line.slice(colon + 1)];
    if (name === 'BEGIN') {
      const c = { name: value, path: [...stack.map((x) => x.name), value].join('/'), props: new Map() };
      stack.push(c);
      components.push(c);
    } else if (name === 'END') {
      expect(stack.pop()?.name).toBe(value);
    } else {
      const key = name.split(';')[0]!;
      const props = stack.at(-1)!.props; // a property belongs to the innermost open component
      props.set(key, [...(props.get(key) ?? []), value]);
    }
  }
  expect(stack).toEqual([]);
  return { physical, logical, components };
}
const unescape = (v: string) => v.replace(/\\([\\;,nN])/g, (_, c: string) => (c.toLowerCase() === 'n' ? '\n' : c));
const utc = (t: number) => new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

describe('booking calendar file', () => {
  const text = bookingCalendar(event);
  const { physical, logical, components } = parse(text);
  const vevent = components.find((c) => c.path === 'VCALENDAR/VEVENT')!;

  it('is one VCALENDAR holding one VEVENT with one alarm', () => {
    expect(logical[0]).toBe('BEGIN:VCALENDAR');
    expect(logical.at(-1)).toBe('END:VCALENDAR');
    expect(components.map((c) => c.path)).toEqual(['VCALENDAR', 'VCALENDAR/VEVENT', 'VCALENDAR/VEVENT/VALARM']);
    expect(components[0]!.props.get('VERSION')).toEqual(['2.0']);
  });

  it('gives the slot in UTC', () => {
    expect(vevent.props.get('DTSTART')).toEqual(['20260327T050000Z']);
    expect(vevent.props.get('DTSTART')).toEqual([utc(event.start)]);
    expect(vevent.props.get('DTEND')).toEqual([utc(event.end)]);
    expect(vevent.props.get('UID')).toEqual([event.uid]);
  });

  it('keeps Hebrew text intact, commas and semicolons included', () => {
    expect(vevent.props.get('SUMMARY')!.map(unescape)).toEqual([event.summary]);
    expect(vevent.props.get('DESCRIPTION')!.map(unescape)).toEqual([event.description]);
    expect(vevent.props.get('LOCATION')!.map(unescape)).toEqual([event.location]);
    expect(vevent.props.get('URL')).toEqual([event.url]);
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).not.toContain('\uFFFD');
  });

  it('reminds an hour before with a display alarm', () => {
    const alarm = components.find((c) => c.path.endsWith('VALARM'))!;
    expect(alarm.props.get('ACTION')).toEqual(['DISPLAY']);
    expect(alarm.props.get('TRIGGER')).toEqual(['-PT1H']);
    expect(alarm.props.get('DESCRIPTION')!.map(unescape)).toEqual([event.summary]);
  });

  it('is pure: the same booking gives the same file, and a new sequence marks an update', () => {
    expect(bookingCalendar(event)).toBe(text);
    expect(vevent.props.get('DTSTAMP')).toEqual([utc(event.start)]);
    const moved = parse(bookingCalendar({ ...event, sequence: 3, stamp: start - 86_400_000 })).components[1]!;
    expect(moved.props.get('SEQUENCE')).toEqual(['3']);
    expect(moved.props.get('DTSTAMP')).toEqual([utc(start - 86_400_000)]);
  });

  it('leaves the URL out when there is none', () => {
    expect(bookingCalendar({ ...event, url: undefined })).not.toContain('URL');
  });
});
