import { describe, expect, it } from 'vitest';
import { templates, type OutboxMessage, type Template } from '../../../functions/data/outbox';
import { aheadPhrase, allTemplates, emailBody, leadPhrase, renderMessage, smsBody, type RenderContext } from '../../../functions/notify/templates';

const at = Date.UTC(2026, 10, 23, 8, 30); // 10:30 in Jerusalem
const ctx: RenderContext = {
  siteUrl: 'https://queue.example.com',
  timeZone: 'Asia/Jerusalem',
  branchName: { he: 'דלפק תל אביב מרכז', en: 'Dalpak Tel Aviv Center' },
  serviceName: { he: 'ייעוץ', en: 'Consultation' },
};
const ids = { orderId: '01JORDER00000000000000000A', bookingId: '01JBOOK000000000000000000A', ticketId: '01JTICKET0000000000000000A' };

// Params as the writers of each template give them (orders/, bookings/, notify/).
const paramsOf: Record<Template, OutboxMessage['params']> = {
  order_confirmed: { code: 'K7M4QX', orderId: ids.orderId, branchId: 'tel-aviv-center', windowStart: at, windowEnd: at + 15 * 60_000, token: 'tok-en_1' },
  order_ready: { code: 'K7M4QX', orderId: ids.orderId, branchId: 'tel-aviv-center' },
  order_cancelled: { code: 'K7M4QX', orderId: ids.orderId, branchId: 'tel-aviv-center' },
  order_expired: { code: 'K7M4QX', orderId: ids.orderId, branchId: 'tel-aviv-center' },
  order_expiring: { code: 'K7M4QX', orderId: ids.orderId, branchId: 'tel-aviv-center', deadline: at + 2 * 3600_000 },
  booking_confirmed: { bookingId: ids.bookingId, branchId: 'tel-aviv-center', serviceId: 'consult', code: 'H3K9WP', start: at, end: at + 1800_000, token: 'tok' },
  booking_rescheduled: { bookingId: ids.bookingId, branchId: 'tel-aviv-center', serviceId: 'consult', code: 'H3K9WP', start: at, end: at + 1800_000, token: 'tok' },
  booking_cancelled: { bookingId: ids.bookingId, branchId: 'tel-aviv-center', serviceId: 'consult', code: 'H3K9WP', start: at, end: at + 1800_000 },
  booking_reminder: { bookingId: ids.bookingId, branchId: 'tel-aviv-center', serviceId: 'consult', code: 'H3K9WP', start: at, end: at + 1800_000, minutesBefore: 60, token: 'tok' },
  booking_missed: { bookingId: ids.bookingId, branchId: 'tel-aviv-center', serviceId: 'consult', code: 'H3K9WP', start: at, end: at + 1800_000 },
  ticket_ahead: { ticketId: ids.ticketId, branchId: 'tel-aviv-center', number: 'A042', ahead: 3 },
  ticket_called: { ticketId: ids.ticketId, branchId: 'tel-aviv-center', number: 'A042', counterNumber: 4, recall: false },
  survey_invite: { ticketId: ids.ticketId, branchId: 'tel-aviv-center', number: 'A042' },
  phone_code: { branchId: 'tel-aviv-center', code: '004217', minutes: 10 },
};
const render = (template: Template, language: 'he' | 'en', params = paramsOf[template], c = ctx) => renderMessage({ template, language, params }, c);
const hebrew = /[\u0590-\u05FF]/;

describe('message templates', () => {
  it('covers every template the outbox knows', () => {
    expect([...allTemplates].sort()).toEqual([...templates].sort());
  });

  for (const template of templates) {
    for (const language of ['he', 'en'] as const) {
      it(`renders ${template} in ${language} with nothing missing and an SMS-length text`, () => {
        const r = render(template, language);
        for (const part of [r.subject, r.text]) {
          expect(part.trim().length).toBeGreaterThan(3);
          expect(part).not.toMatch(/undefined|NaN|null|\{|\}|\[object/);
        }
        expect(r.text.length).toBeLessThanOrEqual(160);
        expect(r.subject.length).toBeLessThanOrEqual(80);
        if (language === 'he') {
          expect(r.text).toMatch(hebrew);
          expect(r.subject).toMatch(hebrew);
        } else {
          expect(r.text).not.toMatch(hebrew);
          expect(r.subject).not.toMatch(hebrew);
        }
        // A phone code is the code alone: nothing to click in a message that asks for a secret.
        if (template === 'phone_code') expect(r.link).toBeUndefined();
        else expect(r.link).toMatch(/^https:\/\/queue\.example\.com\/(t|o|a|b)\//);
      });
    }
  }

  it('puts the customer token in the #fragment of the item link, and finds the page without one', () => {
    expect(render('order_confirmed', 'en').link).toBe(`https://queue.example.com/o/${ids.orderId}#k=tok-en_1`);
    expect(render('booking_reminder', 'he').link).toBe(`https://queue.example.com/a/${ids.bookingId}#k=tok`);
    expect(render('order_ready', 'en').link).toBe(`https://queue.example.com/o/${ids.orderId}`);
    expect(render('ticket_called', 'he').link).toBe(`https://queue.example.com/t/${ids.ticketId}`);
    expect(render('ticket_ahead', 'en', { ...paramsOf.ticket_ahead, token: 'a b' }).link).toBe(`https://queue.example.com/t/${ids.ticketId}#k=a%20b`);
    // An ended order or booking points at ordering or booking again.
    expect(render('order_expired', 'en').link).toBe('https://queue.example.com/b/tel-aviv-center/order');
    expect(render('booking_cancelled', 'he').link).toBe('https://queue.example.com/b/tel-aviv-center/book');
  });

  it('sends a phone code with its leading zeros, its lifetime and no link', () => {
    for (const language of ['he', 'en'] as const) {
      const r = render('phone_code', language);
      expect(r.text).toContain('004217');
      expect(r.text).toContain('10');
      expect(smsBody(r)).not.toMatch(/https?:/);
    }
  });

  it('shows times on the branch clock', () => {
    expect(render('order_confirmed', 'en').text).toContain('10:30–10:45');
    expect(render('order_expiring', 'he').text).toContain('12:30');
    expect(render('booking_confirmed', 'en', paramsOf.booking_confirmed, { ...ctx, timeZone: 'UTC' }).text).toContain('08:30');
  });

  it('says how long before the appointment a reminder comes', () => {
    expect(render('booking_reminder', 'en').text).toContain('in 1 hour');
    expect(render('booking_reminder', 'he').text).toContain('בעוד שעה');
    expect(render('booking_reminder', 'en', { ...paramsOf.booking_reminder, minutesBefore: 1440 }).text).toContain('in 24 hours');
    expect(render('booking_reminder', 'he', { ...paramsOf.booking_reminder, minutesBefore: 120 }).text).toContain('בעוד שעתיים');
    expect(leadPhrase(30, 'en')).toBe('in 30 minutes');
    expect(leadPhrase(30, 'he')).toBe('בעוד 30 דקות');
  });

  it('says how many are ahead, and that a recall is a recall, with the counter number', () => {
    expect(render('ticket_ahead', 'en').text).toContain('A042: 3 people ahead of you');
    expect(render('ticket_ahead', 'he').text).toContain('3 אנשים לפניכם');
    expect(aheadPhrase(1, 'en')).toBe('1 person ahead of you');
    expect(aheadPhrase(0, 'he')).toBe('אתם הבאים בתור');
    const first = render('ticket_called', 'en');
    const again = render('ticket_called', 'en', { ...paramsOf.ticket_called, recall: true });
    expect(first.text).toContain('counter 4');
    expect(first.text).not.toMatch(/again/);
    expect(again.text).toMatch(/again/);
    expect(again.subject).toMatch(/again/);
    expect(render('ticket_called', 'he', { ...paramsOf.ticket_called, recall: true }).text).toContain('קריאה חוזרת');
    expect(render('ticket_called', 'he').text).toContain('עמדה 4');
  });

  it('names the branch and the service, or says "the branch" when it is unknown', () => {
    expect(render('booking_confirmed', 'en').text).toContain('Consultation at Dalpak Tel Aviv Center');
    expect(render('order_ready', 'en', paramsOf.order_ready, { siteUrl: 'http://127.0.0.1:3000', timeZone: 'Asia/Jerusalem' }).text).toContain('at the branch');
  });

  it('builds SMS and email bodies with the link after the text', () => {
    const r = render('order_ready', 'he');
    expect(smsBody(r)).toBe(`${r.text}\n${r.link}`);
    expect(emailBody(r, 'he').startsWith(`${r.text}\n${r.link}\n`)).toBe(true);
  });
});
