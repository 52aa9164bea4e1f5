import fc from 'fast-check';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { call, signIn } from '../support/api';
import { kioskCall } from '../support/devices';
import { db, table } from '../../functions/data/client';
import { keys } from '../../functions/data/keys';

// Random sequences of staff and customer moves through the real handlers: after every reply
// the stored ticket and its counter must agree, and a refused move must change nothing.
const branch = 'haifa-port';
const counterId = 'c1'; // serves general and documents
const base = `/api/branches/${branch}/counters/${counterId}`;

type Move = 'callNext' | 'recall' | 'start' | 'complete' | 'no-show' | 'transfer' | 'cancel' | 'on_my_way' | 'note';
const moves: Move[] = ['callNext', 'recall', 'start', 'complete', 'no-show', 'transfer', 'cancel', 'on_my_way', 'note'];

const stored = async (id: string) => (await db.send(new GetCommand({ TableName: table(), Key: keys.ticket(id), ConsistentRead: true }))).Item!;
const counter = async () => (await db.send(new GetCommand({ TableName: table(), Key: keys.counter(branch, counterId), ConsistentRead: true }))).Item!;

describe('the stored queue state under random moves (property)', () => {
  it('never stores a ticket and a counter that disagree, and refusals change nothing', async () => {
    const token = await signIn('clerk.haifa@dalpak.test');
    expect((await call('POST', `${base}/open`, { token })).status).toBe(200);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<'kiosk' | 'mobile'>('kiosk', 'mobile'), fc.array(fc.constantFrom(...moves), { minLength: 1, maxLength: 8 }), async (channel, seq) => {
        run++;
        const taken = await (channel === 'kiosk' ? kioskCall : call)('POST', `/api/branches/${branch}/tickets`, { body: { serviceId: 'general', channel, deviceId: `prop-${run}-device` } });
        expect(taken.status).toBe(201);
        const id = taken.body.ticket.id as string;
        for (const move of seq) {
          const before = await stored(id);
          const res = await act(move, id, taken.body.token, token, before.serviceId);
          expect(res.status, `${move}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
          const after = await stored(id);
          if (res.status >= 400) expect(after).toEqual(before);
          const c = await counter();
          if (after.status === 'called' || after.status === 'serving') {
            expect(after.counterId).toBe(counterId);
            expect(c.currentTicketId).toBe(id);
          } else {
            expect(c.currentTicketId).not.toBe(id);
          }
          if (after.status === 'waiting') expect(after.counterId).toBeUndefined();
        }
        // Leave the counter free for the next run.
        const last = await stored(id);
        if (last.status === 'called' || last.status === 'serving') await call('POST', `${base}/tickets/${id}/complete`, { token });
        if (last.status === 'waiting') await call('POST', `/api/tickets/${id}/actions`, { customerToken: taken.body.token, body: { action: 'cancel' } });
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 25) },
    );
  });
});

function act(move: Move, id: string, customerToken: string, token: string, serviceId: string) {
  switch (move) {
    case 'callNext':
      return call('POST', `${base}/call-next`, { token });
    case 'cancel':
    case 'on_my_way':
      return call('POST', `/api/tickets/${id}/actions`, { customerToken, body: { action: move } });
    case 'transfer':
      return call('POST', `${base}/tickets/${id}/transfer`, { token, body: { serviceId: serviceId === 'general' ? 'documents' : 'general' } });
    case 'note':
      return call('POST', `${base}/tickets/${id}/notes`, { token, body: { text: 'checked the form' } });
    default:
      return call('POST', `${base}/tickets/${id}/${move}`, { token });
  }
}
