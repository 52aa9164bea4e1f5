// One discrete-event simulator of a branch, on a virtual clock (minutes), for every queue
// benchmark and the simulator's own test. It owns no queue rules: who is called next is the
// product's rankForCounter, every ticket move is the product's applyAction (call, no-show and
// its one re-queue, "I'm here", bag ready), and the wait a customer is shown is the product's
// positionOf + estimateWait fed by updateServiceStats — the functions the API runs.
import { estimateWait, naiveEstimateMinutes, updateServiceStats, type ServiceStats } from '../../functions/domain/queue/estimate';
import { positionOf, rankForCounter } from '../../functions/domain/queue/policy';
import { applyAction } from '../../functions/domain/queue/transitions';
import { defaultPolicy, type Channel, type Counter, type QueuePolicyConfig, type Service, type Ticket } from '../../functions/domain/queue/types';
import { defaultNotifyConfig } from '../../functions/domain/notify/rules';
import { Heap } from './heap';

const minute = 60_000;

export type CustomerClass = 'walkin' | 'remote' | 'appointment' | 'pickup';

export interface SimCustomer {
  cls: CustomerClass;
  serviceId: string;
  channel: Channel;
  joinAt: number; // the ticket is taken (remote: from home; others: in the branch)
  serviceMinutes: number; // at the counter, once there
  travelMinutes?: number; // remote: from home to the branch
  appointmentAt?: number; // a checked-in booking
  readyAt?: number; // a pickup: when the bag is packed
}

export interface SimOutcome extends SimCustomer {
  arriveAt: number; // in the branch
  firstCallAt: number; // their turn came (the estimate is judged against this)
  startAt: number; // at the counter
  endAt: number;
  shown?: { low: number; high: number; naive: number; ahead: number }; // what the join screen said
  missedTurn: boolean; // called twice while away: took a new ticket on arrival
}

export interface SimOptions {
  services: Pick<Service, 'id' | 'kind' | 'expectedMinutes'>[];
  counters: Pick<Counter, 'id' | 'number' | 'serviceIds' | 'pickup'>[];
  /** 'dalpak': the product's policy. 'fifo': one line by joining time, for the baseline. */
  ranking: 'dalpak' | 'fifo';
  policy?: QueuePolicyConfig;
  /** A counter that calls an absent customer waits this long, then marks a no-show. */
  noShowAfterMinutes?: number;
  /** A remote customer sets off when this many are ahead (the product's "N ahead" message). */
  aheadAt?: number;
}

type State = SimOutcome & { ticket: Ticket; present: boolean; notified: boolean };
type Desk = { id: string; number: number; serviceIds: string[]; pickup: boolean; status: 'open'; busy: boolean; awaiting?: State };
type Event = { at: number; run: () => void };

export function simulate(customers: readonly SimCustomer[], opts: SimOptions): SimOutcome[] {
  const policy = opts.policy ?? defaultPolicy;
  const noShowAfter = opts.noShowAfterMinutes ?? 2;
  const aheadAt = opts.aheadAt ?? defaultNotifyConfig.aheadAt;
  const ctx = (t: number) => ({ now: t * minute, policy, services: opts.services });
  const desks: Desk[] = opts.counters.map((c) => ({ ...c, status: 'open', busy: false }));
  const stats = new Map<string, ServiceStats>();
  const events = new Heap<Event>((a, b) => a.at - b.at);
  const at = (t: number, run: () => void) => events.push({ at: t, run });
  let waiting: Ticket[] = [];
  const owner = new Map<Ticket, State>();
  const out: State[] = [];
  let seq = 0;
  let now = 0;

  const newTicket = (s: State, channel: Channel, serviceId: string): Ticket => {
    seq++;
    const t: Ticket = {
      id: `T${String(seq).padStart(6, '0')}`, branchId: 'sim', day: 'sim', serviceId, number: String(seq), seq, status: 'waiting', channel, language: 'he', priority: 0, needs: [],
      joinedAt: now * minute, recalls: 0, requeued: false, customerState: s.present ? 'arrived' : 'none', version: 1,
      ...(s.appointmentAt !== undefined && channel === 'booking' ? { appointmentAt: s.appointmentAt * minute } : {}),
      ...(s.readyAt !== undefined && channel === 'pickup' ? { orderReady: s.readyAt <= now } : {}),
    };
    owner.set(t, s);
    waiting.push(t);
    return t;
  };
  const move = (s: State, action: Parameters<typeof applyAction>[1]) => {
    const { ticket, outcome } = applyAction(s.ticket, action, now * minute, policy);
    owner.delete(s.ticket);
    owner.set(ticket, s);
    waiting = waiting.filter((w) => w !== s.ticket); // a call leaves the line; a re-queue comes back
    if (ticket.status === 'waiting') waiting.push(ticket);
    s.ticket = ticket;
    return outcome;
  };
  const rank = (desk: Desk): Ticket[] =>
    opts.ranking === 'dalpak'
      ? rankForCounter(waiting, desk, ctx(now))
      : waiting.filter((t) => desk.serviceIds.includes(t.serviceId) && !(t.notBefore && t.notBefore > now * minute)).sort((a, b) => a.joinedAt - b.joinedAt || a.seq - b.seq);

  const serve = (desk: Desk, s: State) => {
    desk.awaiting = undefined;
    s.startAt = now;
    // Called before the bag is ready, the customer waits at the counter for it.
    const end = Math.max(now, s.ticket.channel === 'pickup' ? (s.readyAt ?? now) : now) + s.serviceMinutes;
    at(end, () => {
      s.endAt = end;
      const service = opts.services.find((x) => x.id === s.ticket.serviceId)!;
      // What the console's "start" and "complete" measure, folded as the product folds it.
      stats.set(service.id, updateServiceStats(stats.get(service.id), (end - s.startAt) * minute, service.expectedMinutes));
      desk.busy = false;
    });
  };
  const call = (desk: Desk, t: Ticket) => {
    const s = owner.get(t)!;
    move(s, { type: 'call', counterId: desk.id });
    if (Number.isNaN(s.firstCallAt)) s.firstCallAt = now;
    desk.busy = true;
    if (s.present) return serve(desk, s);
    desk.awaiting = s;
    at(now + noShowAfter, () => {
      if (desk.awaiting !== s) return; // arrived in time
      desk.awaiting = undefined;
      desk.busy = false;
      // The product decides: a remote ticket's first no-show is re-queued after a grace period.
      if (move(s, { type: 'noShow' }) === 'requeued') at(s.ticket.notBefore! / minute, () => {});
    });
  };
  const dispatch = () => {
    for (let moved = true; moved; ) {
      moved = false;
      for (const d of desks) {
        if (d.busy) continue;
        const best = rank(d)[0];
        if (best) {
          call(d, best);
          moved = true;
        }
      }
    }
    // "N ahead": remote customers still at home set off when few are ahead of them.
    for (const t of waiting) {
      const s = owner.get(t)!;
      if (s.cls !== 'remote' || s.present || s.notified) continue;
      if (positionOf(t.id, waiting, desks, ctx(now)) <= aheadAt) {
        s.notified = true;
        if (now + s.travelMinutes! < s.arriveAt) {
          s.arriveAt = now + s.travelMinutes!;
          at(s.arriveAt, () => arrive(s));
        }
      }
    }
  };
  const arrive = (s: State) => {
    if (s.present || now < s.arriveAt) return; // an earlier plan already brought them
    s.present = true;
    const desk = desks.find((d) => d.awaiting === s);
    if (desk) return serve(desk, s);
    if (s.ticket.status === 'waiting') move(s, { type: 'customerUpdate', state: 'arrived' });
    else if (s.ticket.status === 'no_show') {
      s.missedTurn = true; // both calls missed: a new ticket at the kiosk
      s.ticket = newTicket(s, 'kiosk', s.serviceId);
    }
  };
  const join = (c: SimCustomer) => {
    const remote = c.cls === 'remote' && opts.ranking === 'dalpak';
    const s: State = { ...c, arriveAt: c.joinAt, firstCallAt: NaN, startAt: NaN, endAt: NaN, missedTurn: false, shown: undefined, present: !remote, notified: false, ticket: undefined as unknown as Ticket };
    s.ticket = newTicket(s, c.channel, c.serviceId);
    out.push(s);
    const service = opts.services.find((x) => x.id === c.serviceId)!;
    if (opts.ranking === 'dalpak' && service.kind === 'walkin') {
      // What the join screen shows: the product's position and range, and the naive figure.
      const ahead = positionOf(s.ticket.id, waiting, desks, ctx(now));
      const open = desks.filter((d) => d.serviceIds.includes(service.id)).length;
      const e = estimateWait({ ahead, openCounters: open, stats: stats.get(service.id), expectedMinutes: service.expectedMinutes });
      s.shown = { low: e.lowMinutes, high: e.highMinutes, naive: naiveEstimateMinutes(ahead, service.expectedMinutes, open), ahead };
    }
    if (remote) {
      // Come for the start of the range shown, and never sooner than the journey allows.
      s.arriveAt = c.joinAt + Math.max(c.travelMinutes!, s.shown?.low ?? 0);
      at(s.arriveAt, () => arrive(s));
    }
    if (s.ticket.channel === 'pickup' && !s.ticket.orderReady) at(c.readyAt!, () => s.ticket.status === 'waiting' && move(s, { type: 'markOrderReady' }));
  };

  for (const c of [...customers].sort((a, b) => a.joinAt - b.joinAt)) at(c.joinAt, () => join(c));
  while (events.size > 0) {
    now = events.peek()!.at;
    while (events.size > 0 && events.peek()!.at <= now) events.pop()!.run();
    dispatch();
  }
  return out.map(({ ticket: _t, present: _p, notified: _n, ...o }) => o);
}
