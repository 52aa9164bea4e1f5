import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLocal, type LocalSystem } from '../../bin/local/runtime';
import { subscribersOf } from '../../functions/data/connections-repo';

// The realtime path end to end on the local runtime: a socket at /ws (the emulated WebSocket
// API invoking the real handler), DynamoDB Local's stream read by the poller, the real fan-out
// posting through the emulated @connections endpoint. Subscriptions are authorized, and what
// travels on a socket is only "this topic changed".
let system: LocalSystem;
const branch = 'tel-aviv-center';

beforeAll(async () => {
  // This file's table (test/support/integration-setup.ts), served like `npm start` serves its own.
  system = await startLocal({ port: 0, quiet: true, existingTable: { endpoint: process.env.DYNAMODB_ENDPOINT!, tableName: process.env.TABLE_NAME! } });
}, 90_000);
afterAll(() => system?.stop());

type Msg = { type: string; topic?: string; error?: { code: string } };
class Client {
  readonly messages: Msg[] = [];
  private waiters: (() => void)[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      this.messages.push(JSON.parse(String(d)) as Msg);
      for (const w of this.waiters.splice(0)) w();
    });
  }
  static async open(): Promise<Client> {
    const ws = new WebSocket(`${system.url.replace('http', 'ws')}/ws`);
    await new Promise((ok, fail) => ws.once('open', ok).once('error', fail));
    return new Client(ws);
  }
  /** The first message (from now on, or already received) that matches. */
  async next(match: (m: Msg) => boolean, timeoutMs = 10_000, from = 0): Promise<Msg> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }
  subscribe(topic: string, token?: string) {
    const from = this.messages.length;
    this.ws.send(JSON.stringify({ action: 'subscribe', topic, token }));
    return this.next((m) => (m.topic === topic || m.topic === undefined) && (m.type === 'subscribed' || m.type === 'error'), 10_000, from);
  }
}

async function http(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${system.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}
const takeTicket = (device: string, phone?: string) =>
  http('POST', `/api/branches/${branch}/tickets`, { serviceId: 'general', channel: 'mobile', language: 'en', needs: [], deviceId: device, ...(phone ? { contact: { name: 'Rina', phone } } : {}) });

describe('live updates over the WebSocket API', () => {
  it('tells a board "changed" within moments of a ticket being taken, and nothing more', async () => {
    const board = await Client.open();
    expect(await board.subscribe(`board:${branch}`)).toEqual({ type: 'subscribed', topic: `board:${branch}` });
    const taken = await takeTicket('rt-board-device', '+972 50 700 0001');
    expect(taken.status).toBe(201);
    const notice = await board.next((m) => m.type === 'changed');
    // No personal data, no ticket data at all: the board re-reads the public board view.
    expect(notice).toEqual({ type: 'changed', topic: `board:${branch}` });
    expect(JSON.stringify(board.messages)).not.toContain('Rina');
    board.ws.close();
  });

  it("lets a customer listen to their own ticket only, and tells them when they are called", async () => {
    const mine = (await takeTicket('rt-mine-device')).body;
    const theirs = (await takeTicket('rt-theirs-device')).body;
    const phone = await Client.open();
    const refused = await phone.subscribe(`ticket:${theirs.ticket.id}`, mine.token);
    expect(refused).toMatchObject({ type: 'error', error: { code: 'not_found' } });
    expect(await phone.subscribe(`ticket:${mine.ticket.id}`, mine.token)).toMatchObject({ type: 'subscribed' });
    const clerk = (await http('POST', '/api/auth/sign-in', { email: 'clerk.tlv@dalpak.test', password: 'demo1234' })).body.token as string;
    const auth = { authorization: `Bearer ${clerk}` };
    await http('POST', `/api/branches/${branch}/counters/c1/open`, undefined, auth);
    phone.messages.length = 0;
    // Call until ours is called; each call ahead of it also changes our position.
    for (let i = 0; i < 20; i++) {
      const called = (await http('POST', `/api/branches/${branch}/counters/c1/call-next`, undefined, auth)).body.ticket;
      if (!called) break;
      await http('POST', `/api/branches/${branch}/counters/c1/tickets/${called.id}/complete`, undefined, auth).catch(() => undefined);
      if (called.id === mine.ticket.id) break;
    }
    expect(await phone.next((m) => m.type === 'changed')).toEqual({ type: 'changed', topic: `ticket:${mine.ticket.id}` });
    phone.ws.close();
  });

  it('refuses staff topics without a staff token of that branch', async () => {
    const c = await Client.open();
    expect(await c.subscribe(`queue:${branch}`)).toMatchObject({ type: 'error', error: { code: 'unauthorized' } });
    const haifaClerk = (await http('POST', '/api/auth/sign-in', { email: 'clerk.haifa@dalpak.test', password: 'demo1234' })).body.token as string;
    expect(await c.subscribe(`queue:${branch}`, haifaClerk)).toMatchObject({ type: 'error', error: { code: 'forbidden' } });
    expect(await c.subscribe('queue:haifa-port', haifaClerk)).toMatchObject({ type: 'subscribed' });
    expect(await c.subscribe('nonsense')).toMatchObject({ type: 'error', error: { code: 'validation_failed' } });
    c.ws.close();
  });

  it('forgets a connection and its subscriptions when the socket closes', async () => {
    const c = await Client.open();
    await c.subscribe('board:haifa-port');
    expect((await subscribersOf('board:haifa-port')).length).toBeGreaterThan(0);
    c.ws.close();
    for (let i = 0; i < 50 && (await subscribersOf('board:haifa-port')).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await subscribersOf('board:haifa-port')).toEqual([]);
  });
});
