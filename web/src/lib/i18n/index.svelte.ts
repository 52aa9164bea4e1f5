// Current language for the whole app. Hebrew for Hebrew browsers, English otherwise;
// `?lang=he|en` overrides and is remembered, so a kiosk or a TV can be pinned by URL.
import type { ApiError } from '../api';
import type { Lang, Localized } from '../types';
import { en, type Messages } from './en';
import { he } from './he';

const catalogues: Record<Lang, Messages> = { he, en };
const storageKey = 'dalpak.lang';
const isLang = (v: unknown): v is Lang => v === 'he' || v === 'en';

function initial(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (isLang(fromUrl)) {
    localStorage.setItem(storageKey, fromUrl);
    return fromUrl;
  }
  const saved = localStorage.getItem(storageKey);
  if (isLang(saved)) return saved;
  return navigator.language?.toLowerCase().startsWith('he') ? 'he' : 'en';
}

let lang = $state<Lang>(initial());

function apply(l: Lang) {
  document.documentElement.lang = l;
  document.documentElement.dir = l === 'he' ? 'rtl' : 'ltr';
}
apply(lang);

export const i18n = {
  get lang(): Lang {
    return lang;
  },
  get dir(): 'rtl' | 'ltr' {
    return lang === 'he' ? 'rtl' : 'ltr';
  },
  get t(): Messages {
    return catalogues[lang];
  },
  /** A BCP 47 locale for Intl (en-GB: 24-hour clock and day-month order, as in Israel). */
  get locale(): string {
    return lang === 'he' ? 'he-IL' : 'en-GB';
  },
  set(next: Lang) {
    lang = next;
    localStorage.setItem(storageKey, next);
    apply(next);
    // Keep an explicit ?lang= in the address in step, so a reload keeps the choice.
    const url = new URL(location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.set('lang', next);
      history.replaceState(history.state, '', url);
    }
  },
};

/** Messages in a given language (e.g. the board speaks in the ticket's language). */
export const messagesFor = (l: Lang): Messages => catalogues[l];

/** A server-side {he, en} text in the current language. */
export const loc = (text: Localized | undefined): string => (text ? text[lang] || text.en : '');

/** A readable sentence for any API error, in the current language. */
export function errorText(e: ApiError | undefined | null): string {
  if (!e) return '';
  const known = (catalogues[lang].errors as Record<string, string>)[e.code];
  if (known) return known;
  if (e.status === 0) return catalogues[lang].errors.network;
  if (e.status >= 500) return catalogues[lang].errors.internal;
  // The server's own message is written for people (English); better than nothing.
  return e.message || catalogues[lang].errors.conflict;
}
