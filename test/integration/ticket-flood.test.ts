import { describe, expect, it } from 'vitest';
import { listDayTickets } from '../../functions/data/tickets-repo';
import { branchDay } from '../../functions/domain/queue/numbering';
import { call } from '../support/api';

// Issue 7 #3 (OWASP API6, hoarding): one device or one phone flooding takeTicket holds one ticket.
// Its first answer carries the token; every other answer is that same ticket without a token,
// or a refusal — never a second active ticket.
const branch = 'tel-aviv-center';
const isActive = (status: string) => ['waiting', 'called', 'serving'].includes(status);
const dayTickets = () => listDayTickets(branch, branchDay(Date.now(), 'Asia/Jerusalem'));

async function flood(body: (i: number) => Record<string, unknown>, n = 150) {
  return Promise.all(Array.from({ length: n }, (_, i) => call('POST', `/api/branches/${branch}/tickets`, { body: { serviceId: 'general', channel: 'mobile', language: 'en', ...body(i) } })));
}

describe('a client flooding takeTicket', () => {
  it('gets one ticket for one device, whatever the concurrency', async () => {
    const answers = await flood(() => ({ deviceId: 'flooding-device-0001' }));
    const created = answers.filter((a) => a.status === 201);
    expect(created).toHaveLength(1);
    expect(created[0]!.body.token).toEqual(expect.any(String));
    const ticketId = created[0]!.body.ticket.id as string;
    for (const a of answers.filter((x) => x.status !== 201)) {
      expect([200, 409, 429]).toContain(a.status);
      if (a.status === 200) expect(a.body).toMatchObject({ existing: true, ticket: { id: ticketId } });
      expect(a.body.token).toBeUndefined(); // a copy never hands out the token again
    }
    const ids = new Set(answers.filter((a) => a.status < 300).map((a) => a.body.ticket.id));
    expect([...ids]).toEqual([ticketId]);
  });

  it('gets one ticket for one phone number, even from many devices and spellings', async () => {
    const spellings = ['+972 52 765 4321', '052-7654321', '+972527654321'];
    const answers = await flood((i) => ({ deviceId: `phone-flood-device-${String(i).padStart(4, '0')}`, contact: { phone: spellings[i % 3] } }));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.every((a) => [200, 201, 409, 429].includes(a.status))).toBe(true);
    const ids = new Set(answers.filter((a) => a.status < 300).map((a) => a.body.ticket.id));
    expect(ids.size).toBe(1);
    const [only] = ids;
    expect((await dayTickets()).filter((t) => t.id === only && isActive(t.status))).toHaveLength(1);
  });
});
