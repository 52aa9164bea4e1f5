// One WebSocket per page for live updates. Faces subscribe to topics through live(); a
// "changed" notice makes them re-read through the HTTP API (nothing else travels here).
// When the socket drops, live() falls back to polling and this reconnects with a short backoff.
import { webConfig } from './api';

type Listener = () => void;
interface Sub {
  token?: string;
  listeners: Set<Listener>;
  confirmed: boolean;
  refused: boolean;
}
export type SocketState = 'idle' | 'connecting' | 'open' | 'reconnecting';

const maxBackoffMs = 3000; // a dropped socket is back within a few seconds

class LiveSocket {
  state = $state<SocketState>('idle');
  private ws: WebSocket | undefined;
  private subs = new Map<string, Sub>();
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private reopenListeners = new Set<Listener>();

  /** Listen to a topic; returns the way to stop listening. */
  subscribe(topic: string, token: string | undefined, onChange: Listener): () => void {
    let sub = this.subs.get(topic);
    if (!sub) this.subs.set(topic, (sub = { token, listeners: new Set(), confirmed: false, refused: false }));
    sub.listeners.add(onChange);
    if (this.ws?.readyState === WebSocket.OPEN && sub.listeners.size === 1) this.send(topic, sub);
    else if (!this.ws) void this.connect();
    return () => {
      sub.listeners.delete(onChange);
      if (sub.listeners.size === 0) this.subs.delete(topic);
      if (this.subs.size === 0) this.close();
    };
  }

  /** Called each time the socket (re)opens: missed notices are caught up by one re-read. */
  onReopen(listener: Listener): () => void {
    this.reopenListeners.add(listener);
    return () => this.reopenListeners.delete(listener);
  }

  /** Is this topic being pushed right now (so polling can slow down)? */
  isLive(topic: string): boolean {
    return this.state === 'open' && this.subs.get(topic)?.confirmed === true;
  }

  private send(topic: string, sub: Sub) {
    sub.confirmed = false;
    this.ws?.send(JSON.stringify({ action: 'subscribe', topic, token: sub.token }));
  }

  private async connect() {
    if (typeof WebSocket === 'undefined') return;
    const { wsUrl } = await webConfig();
    if (!wsUrl || this.subs.size === 0 || this.ws) return;
    const url = new URL(wsUrl, location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    this.state = this.attempts === 0 ? 'connecting' : 'reconnecting';
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempts = 0;
      this.state = 'open';
      for (const [topic, sub] of this.subs) if (!sub.refused) this.send(topic, sub);
      for (const l of this.reopenListeners) l();
    };
    ws.onmessage = (ev) => {
      let msg: { type?: string; topic?: string };
      try {
        msg = JSON.parse(String(ev.data)) as typeof msg;
      } catch {
        return;
      }
      const sub = msg.topic ? this.subs.get(msg.topic) : undefined;
      if (!sub) return;
      if (msg.type === 'subscribed') sub.confirmed = true;
      else if (msg.type === 'error') sub.refused = true; // polling carries on for this topic
      else if (msg.type === 'changed') for (const l of sub.listeners) l();
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      for (const sub of this.subs.values()) sub.confirmed = false;
      if (this.subs.size === 0) {
        this.state = 'idle';
        return;
      }
      this.state = 'reconnecting';
      const delay = Math.min(250 * 2 ** this.attempts++, maxBackoffMs);
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => void this.connect(), delay);
    };
  }

  private close() {
    clearTimeout(this.retryTimer);
    const ws = this.ws;
    this.ws = undefined;
    this.state = 'idle';
    ws?.close();
  }
}

export const liveSocket = new LiveSocket();

// Tests drop the socket on purpose to check the recovery path.
declare global {
  interface Window {
    __dalpakSocket?: LiveSocket;
  }
}
if (typeof window !== 'undefined') window.__dalpakSocket = liveSocket;
