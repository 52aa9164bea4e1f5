import { describe, expect, it } from 'vitest';
import { call, signIn } from '../support/api';
import { kioskCall } from '../support/devices';

const branch = 'tel-aviv-center';

describe('four counters draining a queue', () => {
  it('calls each of 200 waiting tickets exactly once, and then says nobody is waiting', async () => {
    for (let i = 0; i < 200; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          kioskCall('POST', `/api/branches/${branch}/tickets`, { body: { serviceId: j % 2 ? 'general' : 'accounts', channel: 'kiosk', deviceId: `drain-${i + j}-device` } }),
        ),
      );
      expect(batch.map((r) => r.status)).toEqual(Array(50).fill(201));
    }
    const token = await signIn('clerk.tlv@dalpak.test');
    // Counters 1-3 serve general and accounts; counter 4 serves accounts only.
    const counters = ['c1', 'c2', 'c3', 'c4'];
    for (const c of counters) expect((await call('POST', `/api/branches/${branch}/counters/${c}/open`, { token })).status).toBe(200);

    const calledBy = new Map<string, string[]>();
    const drain = async (counterId: string) => {
      for (;;) {
        const res = await call('POST', `/api/branches/${branch}/counters/${counterId}/call-next`, { token });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        if (res.body.reason === 'nobody_waiting') return;
        const id = res.body.ticket.id as string;
        calledBy.set(id, [...(calledBy.get(id) ?? []), counterId]);
        const done = await call('POST', `/api/branches/${branch}/counters/${counterId}/tickets/${id}/complete`, { token });
        expect(done.status, JSON.stringify(done.body)).toBe(200);
      }
    };
    await Promise.all(counters.map(drain));
    expect(calledBy.size).toBe(200);
    expect([...calledBy.values()].every((by) => by.length === 1)).toBe(true);
    const queue = await call('GET', `/api/branches/${branch}/queue`, { token });
    expect(queue.body.waiting).toHaveLength(0);
    expect(queue.body.inService).toHaveLength(0);
  });
});
