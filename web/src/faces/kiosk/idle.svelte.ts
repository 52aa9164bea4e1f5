// Kiosk inactivity: after `timeoutMs` without a touch or key while `active()` holds,
// call `onIdle`. Exposes the seconds left for a visible countdown.
export function idleTimer(opts: { timeoutMs: number; active: () => boolean; onIdle: () => void }) {
  let last = $state(Date.now());
  let now = $state(Date.now());

  $effect(() => {
    const bump = () => (last = Date.now());
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const e of events) addEventListener(e, bump, { passive: true });
    const timer = setInterval(() => {
      now = Date.now();
      if (!opts.active()) last = now;
      else if (now - last >= opts.timeoutMs) {
        last = now;
        opts.onIdle();
      }
    }, 250);
    return () => {
      clearInterval(timer);
      for (const e of events) removeEventListener(e, bump);
    };
  });

  return {
    get secondsLeft(): number {
      return Math.max(0, Math.ceil((opts.timeoutMs - (now - last)) / 1000));
    },
    bump() {
      last = now = Date.now();
    },
  };
}
