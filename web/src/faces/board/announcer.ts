// Chime (WebAudio, no audio files) and spoken calls (Web Speech API) for the display board.
// Browsers keep audio locked until a user gesture: `enable()` must run from a click.
import { messagesFor } from '../../lib/i18n/index.svelte';
import type { Lang } from '../../lib/types';

let ctx: AudioContext | undefined;

export async function enableSound(): Promise<boolean> {
  try {
    ctx ??= new AudioContext();
    await ctx.resume();
    // An empty utterance inside the gesture unlocks speech on browsers that gate it too.
    if ('speechSynthesis' in window) speechSynthesis.speak(new SpeechSynthesisUtterance(''));
    return ctx.state === 'running';
  } catch {
    return false;
  }
}

/** Two soft descending notes, ~0.9 s. */
export function chime() {
  if (!ctx || ctx.state !== 'running') return;
  const start = ctx.currentTime + 0.02;
  [880, 659.25].forEach((freq, i) => {
    const osc = ctx!.createOscillator();
    const gain = ctx!.createGain();
    const t = start + i * 0.35;
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.4, t + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.55);
    osc.connect(gain).connect(ctx!.destination);
    osc.start(t);
    osc.stop(t + 0.6);
  });
}

/** "A042" is spoken "A 42": voices read a plain number better than leading zeros. */
const spoken = (num: string) => num.replace(/^([A-Z]+)0*(\d+)$/, '$1 $2');

export function speakCall(num: string, counter: number, lang: Lang) {
  if (!('speechSynthesis' in window)) return;
  const u = new SpeechSynthesisUtterance(messagesFor(lang).announce(spoken(num), counter));
  u.lang = lang === 'he' ? 'he-IL' : 'en-US';
  const voice = speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(lang));
  if (voice) u.voice = voice;
  u.rate = 0.9;
  speechSynthesis.speak(u);
}

export const soundEnabled = () => ctx?.state === 'running';
