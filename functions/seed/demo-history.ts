import { getBranch } from '../data/branches-repo';
import { isOpenAt } from '../domain/branch';
import { addDays, localDay, wallClockInstant } from '../domain/time';
import type { StaffClaims } from '../http/auth';
import type { OperationRequest } from '../http/handler';
import { requestCallback } from '../insight/moments';
import { submitSurvey } from '../insight/survey';
import { callNext, closeCounter, completeService, markNoShow, openCounter, startService } from '../queue/counter-actions';
import { takeTicket } from '../queue/take-ticket';
import { updateTicketByCustomer } from '../queue/customer-ticket';

/**
 * A few past mornings of a branch for `npm start`, through the same operations the API runs at
 * the times they would have happened (walk-ins joining, two counters calling, serving, a no-show,
 * someone leaving, survey answers), so the statistics the stream adds up give the "Day in charts"
 * dashboard something to show; and two call-back requests for the call-back list. Past days only:
 * today's queue and ticket numbers stay untouched. Not used by tests.
 */
export async function seedDemoHistory(branchId: string, now: number, days = 7): Promise<{ tickets: number }> {
  const branch = await getBranch(branchId);
  const staff: StaffClaims = { sub: 'demo-seed', email: 'manager@dalpak.test', roles: ['manager'], branches: [branchId] };
  const req = (params: Record<string, string>, at: number, body: unknown = {}, customerToken?: string) => ({ params: { branchId, ...params }, body, staff, now: Math.round(at), customerToken }) as unknown as OperationRequest;
  let seed = 20_240_611;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);
  const minute = 60_000;
  let tickets = 0;

  for (let back = days; back >= 1; back--) {
    const day = addDays(localDay(now, branch.timeZone), -back);
    const start = wallClockInstant(day, 9 * 60, branch.timeZone);
    if (!isOpenAt(branch, start)) continue;
    // Arrivals: busier mid-morning, a little busier every day of the week.
    const arrivals: number[] = [];
    for (let t = start; t < start + 4 * 60 * minute; ) {
      const busy = Math.abs(t - start - 120 * minute) < 60 * minute ? 0.8 : 1;
      t += between(3, 10) * busy * minute;
      arrivals.push(t);
    }
    const counters = ['c1', 'c2'];
    const freeAt = new Map(counters.map((c) => [c, start]));
    for (const c of counters) await openCounter(req({ counterId: c }, start - 5 * minute));
    const waiting: { id: string; token: string; joinedAt: number; patience: number }[] = [];
    let next = 0;
    let last = start;
    const take = async (at: number) => {
      const serviceId = rnd() < 0.7 ? 'general' : 'accounts';
      const r = (await takeTicket(req({}, at, { serviceId, channel: 'kiosk', language: rnd() < 0.6 ? 'he' : 'en', needs: [], deviceId: `demo-${day}-${next}` }))) as { ticket: { id: string }; token: string };
      waiting.push({ id: r.ticket.id, token: r.token, joinedAt: at, patience: rnd() < 0.06 ? between(8, 20) * minute : Infinity });
      tickets++;
      next++;
    };
    while (next < arrivals.length || waiting.length) {
      const [counter, free] = [...freeAt].sort((a, b) => a[1] - b[1])[0]!;
      const t = Math.max(free, waiting[0]?.joinedAt ?? Infinity);
      if (next < arrivals.length && arrivals[next]! <= t) {
        await take(arrivals[next]!);
        continue;
      }
      // Whoever ran out of patience before this call left the queue.
      for (const w of waiting.filter((x) => x.joinedAt + x.patience < t)) {
        await updateTicketByCustomer(req({ ticketId: w.id }, w.joinedAt + w.patience, { action: 'cancel' }, w.token));
        waiting.splice(waiting.indexOf(w), 1);
      }
      if (!waiting.length) continue;
      const called = (await callNext(req({ counterId: counter }, t))) as unknown as { ticket?: { id: string; serviceId: string } };
      const ticket = called.ticket;
      const w = waiting.find((x) => x.id === ticket?.id);
      if (!ticket || !w) break;
      waiting.splice(waiting.indexOf(w), 1);
      const at = { branchId, counterId: counter, ticketId: ticket.id };
      if (rnd() < 0.07) {
        await markNoShow(req(at, t + 3 * minute));
        freeAt.set(counter, t + 3 * minute);
        continue;
      }
      const served = t + between(0.5, 1.5) * minute;
      const done = served + (ticket.serviceId === 'accounts' ? between(5, 15) : between(2, 8)) * minute;
      await startService(req(at, served));
      await completeService(req(at, done));
      freeAt.set(counter, done);
      last = Math.max(last, done);
      if (rnd() < 0.3) {
        const score = rnd() < 0.55 ? 5 : rnd() < 0.7 ? 4 : 3;
        await submitSurvey(req({ kind: 'ticket', id: ticket.id }, done + 5 * minute, { score, wantsCall: false }, w.token));
      }
    }
    for (const c of counters) await closeCounter(req({ counterId: c }, last + minute));
  }
  // Two people who asked for a call back (the call-back list's human path).
  await requestCallback(req({}, now - 40 * minute, { topic: 'complaint', contact: { name: 'Noa Levi', phone: '+972 54 555 0133' }, note: 'Waited 40 minutes and the counter closed', language: 'he' }));
  await requestCallback(req({}, now - 15 * minute, { topic: 'talk_to_person', contact: { name: 'David Cohen', email: 'david@example.com' }, note: 'Question about a business account', language: 'en' }));
  return { tickets };
}
