// Every message the customer may receive, in Hebrew and English: a subject (email, push
// title), a short text that fits an SMS, and the link to the page it is about. Pure: the
// caller passes the site URL and what it knows of the branch.
import type { OutboxMessage, Template } from '../data/outbox';

export type Lang = 'he' | 'en';

export interface RenderContext {
  /** Customer links start here (SITE_URL), without a trailing slash. */
  siteUrl: string;
  /** The branch's time zone: every time is shown on the branch's clock. */
  timeZone: string;
  branchName?: { he: string; en: string };
  serviceName?: { he: string; en: string };
}

export interface Rendered {
  subject: string;
  /** Short enough for an SMS (the link is sent after it). */
  text: string;
  link?: string;
}

type Params = OutboxMessage['params'];
const str = (p: Params, k: string) => (p[k] === undefined ? undefined : String(p[k]));
const num = (p: Params, k: string) => (typeof p[k] === 'number' ? (p[k] as number) : p[k] === undefined ? undefined : Number(p[k]));

const locales: Record<Lang, string> = { he: 'he-IL', en: 'en-GB' };
const formatters = new Map<string, Intl.DateTimeFormat>();
function format(at: number | undefined, lang: Lang, timeZone: string, withDate: boolean): string {
  if (at === undefined || !Number.isFinite(at)) return '';
  const key = `${lang}|${timeZone}|${withDate}`;
  let f = formatters.get(key);
  if (!f) {
    const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
    f = new Intl.DateTimeFormat(locales[lang], withDate ? { timeZone, weekday: 'short', day: 'numeric', month: 'short', ...time } : { timeZone, ...time });
    formatters.set(key, f);
  }
  return f.format(new Date(at));
}

/** "in 1 hour", "בעוד שעתיים": how long before the appointment a reminder goes out. */
export function leadPhrase(minutes: number, lang: Lang): string {
  if (minutes >= 60 && minutes % 60 === 0) {
    const h = minutes / 60;
    if (lang === 'en') return h === 1 ? 'in 1 hour' : `in ${h} hours`;
    return h === 1 ? 'בעוד שעה' : h === 2 ? 'בעוד שעתיים' : `בעוד ${h} שעות`;
  }
  if (lang === 'en') return minutes === 1 ? 'in 1 minute' : `in ${minutes} minutes`;
  return minutes === 1 ? 'בעוד דקה' : `בעוד ${minutes} דקות`;
}

/** "2 people ahead of you", "אדם אחד לפניכם", "you're next". */
export function aheadPhrase(ahead: number, lang: Lang): string {
  if (lang === 'en') return ahead === 0 ? "you're next" : ahead === 1 ? '1 person ahead of you' : `${ahead} people ahead of you`;
  return ahead === 0 ? 'אתם הבאים בתור' : ahead === 1 ? 'אדם אחד לפניכם' : `${ahead} אנשים לפניכם`;
}

/**
 * Customer pages (web/src/lib/router.svelte.ts): /t/<ticket>, /o/<order>, /a/<booking>. The
 * token, when the message carries one, rides in the #fragment (never sent to a server); without
 * it the page finds the token the browser kept when the item was created.
 */
function itemLink(siteUrl: string, path: string, id: string | undefined, token: string | undefined): string | undefined {
  if (!id) return undefined;
  return `${siteUrl}/${path}/${encodeURIComponent(id)}${token ? `#k=${encodeURIComponent(token)}` : ''}`;
}

const branchPage = (siteUrl: string, branchId: string | undefined, page: 'order' | 'book') => (branchId ? `${siteUrl}/b/${encodeURIComponent(branchId)}/${page}` : undefined);

interface Parts {
  p: Params;
  lang: Lang;
  ctx: RenderContext;
  branch: string;
  service: string;
  when: (k: string) => string;
  at: (k: string) => string;
}
type Render = (x: Parts) => { subject: string; text: string };
type Entry = { he: Render; en: Render; link: (p: Params, ctx: RenderContext) => string | undefined };

const orderLink = (p: Params, ctx: RenderContext) => itemLink(ctx.siteUrl, 'o', str(p, 'orderId'), str(p, 'token'));
const bookingLink = (p: Params, ctx: RenderContext) => itemLink(ctx.siteUrl, 'a', str(p, 'bookingId'), str(p, 'token'));
const ticketLink = (p: Params, ctx: RenderContext) => itemLink(ctx.siteUrl, 't', str(p, 'ticketId'), str(p, 'token'));

const catalog: Record<Template, Entry> = {
  order_confirmed: {
    en: ({ p, branch, when, at }) => ({
      subject: `Order ${p.code} confirmed`,
      text: `Order ${p.code} confirmed. Pickup ${when('windowStart')}–${at('windowEnd')} at ${branch}. Show code ${p.code} at the counter.`,
    }),
    he: ({ p, branch, when, at }) => ({
      subject: `הזמנה ${p.code} אושרה`,
      text: `הזמנה ${p.code} אושרה. איסוף ${when('windowStart')}–${at('windowEnd')} ב${branch}. הציגו את הקוד ${p.code} בדלפק.`,
    }),
    link: orderLink,
  },
  order_ready: {
    en: ({ p, branch }) => ({ subject: `Order ${p.code} is ready`, text: `Order ${p.code} is ready for pickup at ${branch}. Show code ${p.code} at the pickup counter.` }),
    he: ({ p, branch }) => ({ subject: `הזמנה ${p.code} מוכנה`, text: `הזמנה ${p.code} מוכנה לאיסוף ב${branch}. הציגו את הקוד ${p.code} בדלפק האיסוף.` }),
    link: orderLink,
  },
  order_cancelled: {
    en: ({ p }) => ({ subject: `Order ${p.code} cancelled`, text: `Order ${p.code} was cancelled. Nothing to pay. You are welcome to order again.` }),
    he: ({ p }) => ({ subject: `הזמנה ${p.code} בוטלה`, text: `הזמנה ${p.code} בוטלה. אין מה לשלם. אפשר להזמין שוב בכל עת.` }),
    link: (p, ctx) => branchPage(ctx.siteUrl, str(p, 'branchId'), 'order'),
  },
  order_expired: {
    en: ({ p }) => ({ subject: `Order ${p.code} not collected`, text: `Order ${p.code} was not collected in time and was cancelled. You are welcome to order again.` }),
    he: ({ p }) => ({ subject: `הזמנה ${p.code} לא נאספה`, text: `הזמנה ${p.code} לא נאספה בזמן ובוטלה. אפשר להזמין שוב בכל עת.` }),
    link: (p, ctx) => branchPage(ctx.siteUrl, str(p, 'branchId'), 'order'),
  },
  order_expiring: {
    en: ({ p, branch, at }) => ({ subject: `Collect order ${p.code} by ${at('deadline')}`, text: `Order ${p.code} waits for you at ${branch} until ${at('deadline')}. After that it is cancelled.` }),
    he: ({ p, branch, at }) => ({ subject: `אספו את הזמנה ${p.code} עד ${at('deadline')}`, text: `הזמנה ${p.code} ממתינה לכם ב${branch} עד ${at('deadline')}. לאחר מכן היא תבוטל.` }),
    link: orderLink,
  },
  booking_confirmed: {
    en: ({ p, branch, service, when }) => ({ subject: `Appointment confirmed: ${when('start')}`, text: `Appointment confirmed: ${service} at ${branch}, ${when('start')}. Code ${p.code}.` }),
    he: ({ p, branch, service, when }) => ({ subject: `התור נקבע: ${when('start')}`, text: `התור נקבע: ${service} ב${branch}, ${when('start')}. קוד ${p.code}.` }),
    link: bookingLink,
  },
  booking_rescheduled: {
    en: ({ p, branch, service, when }) => ({ subject: `Appointment moved to ${when('start')}`, text: `Appointment moved: ${service} at ${branch}, now ${when('start')}. Code ${p.code}.` }),
    he: ({ p, branch, service, when }) => ({ subject: `התור הועבר ל${when('start')}`, text: `התור הועבר: ${service} ב${branch}, עכשיו ${when('start')}. קוד ${p.code}.` }),
    link: bookingLink,
  },
  booking_cancelled: {
    en: ({ branch, when }) => ({ subject: 'Appointment cancelled', text: `Your appointment at ${branch} on ${when('start')} was cancelled. You can book again anytime.` }),
    he: ({ branch, when }) => ({ subject: 'התור בוטל', text: `התור שלכם ב${branch} ל${when('start')} בוטל. אפשר לקבוע תור חדש בכל עת.` }),
    link: (p, ctx) => branchPage(ctx.siteUrl, str(p, 'branchId'), 'book'),
  },
  booking_reminder: {
    en: ({ p, branch, when, lang }) => ({
      subject: `Reminder: appointment ${leadPhrase(num(p, 'minutesBefore') ?? 60, lang)}`,
      text: `Reminder: your appointment at ${branch} is ${leadPhrase(num(p, 'minutesBefore') ?? 60, lang)} (${when('start')}). Code ${p.code}.`,
    }),
    he: ({ p, branch, when, lang }) => ({
      subject: `תזכורת: תור ${leadPhrase(num(p, 'minutesBefore') ?? 60, lang)}`,
      text: `תזכורת: התור שלכם ב${branch} ${leadPhrase(num(p, 'minutesBefore') ?? 60, lang)} (${when('start')}). קוד ${p.code}.`,
    }),
    link: bookingLink,
  },
  booking_missed: {
    en: ({ branch, when }) => ({ subject: 'Missed appointment', text: `We missed you at ${branch} for your appointment on ${when('start')}. You can book a new one anytime.` }),
    he: ({ branch, when }) => ({ subject: 'לא הגעתם לתור', text: `לא הגעתם לתור ב${branch} ב${when('start')}. אפשר לקבוע תור חדש בכל עת.` }),
    link: (p, ctx) => branchPage(ctx.siteUrl, str(p, 'branchId'), 'book'),
  },
  ticket_ahead: {
    en: ({ p, branch, lang }) => ({ subject: `${p.number}: ${aheadPhrase(num(p, 'ahead') ?? 0, lang)}`, text: `${p.number}: ${aheadPhrase(num(p, 'ahead') ?? 0, lang)} at ${branch}. Please make your way to the branch.` }),
    he: ({ p, branch, lang }) => ({ subject: `${p.number}: ${aheadPhrase(num(p, 'ahead') ?? 0, lang)}`, text: `${p.number}: ${aheadPhrase(num(p, 'ahead') ?? 0, lang)} ב${branch}. נא להגיע לסניף.` }),
    link: ticketLink,
  },
  ticket_called: {
    en: ({ p }) => {
      const where = p.counterNumber !== undefined ? `counter ${p.counterNumber}` : 'the counter';
      return p.recall === true
        ? { subject: `${p.number}: called again, ${where}`, text: `${p.number}, we are calling you again: please come to ${where} now.` }
        : { subject: `${p.number}: your turn, ${where}`, text: `${p.number}, it's your turn: please go to ${where}.` };
    },
    he: ({ p }) => {
      const where = p.counterNumber !== undefined ? `עמדה ${p.counterNumber}` : 'הדלפק';
      return p.recall === true
        ? { subject: `${p.number}: קריאה חוזרת, ${where}`, text: `${p.number}, קריאה חוזרת: נא לגשת עכשיו ל${where}.` }
        : { subject: `${p.number}: הגיע תורכם, ${where}`, text: `${p.number}, הגיע תורכם: נא לגשת ל${where}.` };
    },
    link: ticketLink,
  },
  survey_invite: {
    en: ({ branch }) => ({ subject: 'How did we do?', text: `Thank you for visiting ${branch}. How did we do? One question, 1 to 5:` }),
    he: ({ branch }) => ({ subject: 'איך היה?', text: `תודה שביקרתם ב${branch}. איך היה? שאלה אחת, מ־1 עד 5:` }),
    link: ticketLink,
  },
  // The code alone, no link: a message that says only the code is the hardest to phish with.
  phone_code: {
    en: ({ p }) => ({ subject: `Your code: ${p.code}`, text: `Your Dalpak code is ${p.code}. It is valid for ${num(p, 'minutes') ?? 10} minutes. Do not share it.` }),
    he: ({ p }) => ({ subject: `הקוד שלכם: ${p.code}`, text: `קוד האימות שלכם בדלפק: ${p.code}. הקוד בתוקף ${num(p, 'minutes') ?? 10} דקות. אין למסור אותו לאיש.` }),
    link: () => undefined,
  },
};

const fallbackBranch: Record<Lang, string> = { he: 'הסניף', en: 'the branch' };
const fallbackService: Record<Lang, string> = { he: 'תור', en: 'appointment' };

export function renderMessage(m: Pick<OutboxMessage, 'template' | 'language' | 'params'>, ctx: RenderContext): Rendered {
  const entry = catalog[m.template];
  if (!entry) throw new Error(`No template ${m.template}`);
  const lang: Lang = m.language === 'en' ? 'en' : 'he';
  const parts: Parts = {
    p: m.params,
    lang,
    ctx,
    branch: ctx.branchName?.[lang] ?? fallbackBranch[lang],
    service: ctx.serviceName?.[lang] ?? fallbackService[lang],
    when: (k) => format(num(m.params, k), lang, ctx.timeZone, true),
    at: (k) => format(num(m.params, k), lang, ctx.timeZone, false),
  };
  const { subject, text } = entry[lang](parts);
  const link = entry.link(m.params, ctx);
  return { subject, text, ...(link ? { link } : {}) };
}

/** The SMS body: the short text, then the link on its own line. */
export const smsBody = (r: Rendered) => (r.link ? `${r.text}\n${r.link}` : r.text);
/** The email body (plain text): the text, the link, and why they got it. */
export function emailBody(r: Rendered, lang: Lang): string {
  const why = lang === 'he' ? 'קיבלתם הודעה זו כי השארתם את הכתובת בהזמנה, בתור או בכרטיס.' : 'You received this because you left this address with your order, appointment or ticket.';
  return [r.text, r.link, '', why].filter((x) => x !== undefined).join('\n');
}

export const allTemplates = Object.keys(catalog) as Template[];
