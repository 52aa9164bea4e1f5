// The one module that keeps faces fresh: a push notice on the topic triggers `refresh()`;
// polling is the fallback (fast while the socket is down, a slow safety net while it is up).
import { ApiError } from './api';
import { liveSocket } from './socket.svelte';

export interface LiveOptions<T> {
  /** Poll period while all is well (ms). */
  intervalMs?: number;
  /** Stop polling once this is true (e.g. a ticket reached a final state). */
  until?: (data: T) => boolean;
  /** Push: the WebSocket topic that says this data changed, and the token it needs (customer or staff). */
  topic?: () => string;
  token?: string | null;
}

export interface Live<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  /** True while what is shown may be out of date (last refresh failed or is overdue). */
  readonly stale: boolean;
  readonly loading: boolean;
  /** Fetch now (after a user action, or a push). */
  refresh(): Promise<void>;
  /** Replace the data with a fresher copy the caller already has (e.g. an action's response). */
  set(data: T): void;
}

const maxBackoffMs = 30_000;
const safetyNetMs = 30_000; // polling while pushes arrive: only to heal a lost notice
// Errors that will not heal by retrying: stop polling and show them.
const permanent = (e: ApiError) => e.status === 401 || e.status === 403 || e.status === 404;

/**
 * Keeps `fetcher`'s answer fresh while the calling component is mounted. Must be called
 * during component initialisation (it ties its timers to the component's lifetime).
 */
export function live<T>(fetcher: (signal: AbortSignal) => Promise<T>, opts: LiveOptions<T> = {}): Live<T> {
  const interval = opts.intervalMs ?? 3000;
  let data = $state<T | undefined>(undefined);
  let error = $state<ApiError | undefined>(undefined);
  let loading = $state(true);
  let lastOk = $state(0);
  let now = $state(Date.now());
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: AbortController | undefined;
  let stopped = false;
  let done = $state(false);
  let topicNow: string | undefined;

  const schedule = () => {
    clearTimeout(timer);
    if (stopped || done || document.hidden) return;
    const pushed = topicNow !== undefined && liveSocket.isLive(topicNow);
    const base = pushed ? Math.max(interval, safetyNetMs) : interval;
    const delay = failures === 0 ? base : Math.min(interval * 2 ** failures, maxBackoffMs);
    timer = setTimeout(() => void refresh(), delay);
  };

  async function refresh(): Promise<void> {
    inflight?.abort();
    const ctl = new AbortController();
    inflight = ctl;
    try {
      const next = await fetcher(ctl.signal);
      if (ctl.signal.aborted || stopped) return;
      data = next;
      error = undefined;
      failures = 0;
      lastOk = Date.now();
      if (opts.until?.(next)) done = true;
    } catch (e) {
      if (ctl.signal.aborted || stopped) return;
      error = e instanceof ApiError ? e : new ApiError(0, 'unknown', (e as Error).message);
      failures++;
      if (permanent(error)) done = true;
    } finally {
      if (inflight === ctl) {
        loading = false;
        inflight = undefined;
        schedule();
      }
    }
  }

  $effect(() => {
    stopped = false;
    void refresh();
    const onVisible = () => {
      if (!document.hidden) void refresh();
      else clearTimeout(timer);
    };
    const onOnline = () => void refresh();
    const tick = setInterval(() => (now = Date.now()), 1000);
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('online', onOnline);
    const topic = (topicNow = opts.topic?.());
    const unsubscribe = topic ? liveSocket.subscribe(topic, opts.token ?? undefined, () => void refresh()) : undefined;
    const unReopen = topic ? liveSocket.onReopen(() => void refresh()) : undefined;
    return () => {
      unsubscribe?.();
      unReopen?.();
      stopped = true;
      clearTimeout(timer);
      clearInterval(tick);
      inflight?.abort();
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', onOnline);
    };
  });

  return {
    get data() {
      return data;
    },
    get error() {
      return error;
    },
    get stale() {
      return data !== undefined && (error !== undefined || (!done && now - lastOk > interval * 3 + 2000));
    },
    get loading() {
      return loading;
    },
    refresh,
    set(next: T) {
      data = next;
      lastOk = Date.now();
      if (opts.until?.(next)) done = true;
    },
  };
}
