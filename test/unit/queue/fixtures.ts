import type { Ticket } from '../../../functions/domain/queue/types';

export const t0 = Date.UTC(2026, 10, 23, 8, 0, 0);
export const minutes = (n: number) => n * 60_000;

let n = 0;
export function ticket(over: Partial<Ticket> = {}): Ticket {
  n++;
  return {
    id: `T${String(n).padStart(4, '0')}`,
    branchId: 'b',
    day: '2026-11-23',
    serviceId: 'general',
    number: `A${String(n).padStart(3, '0')}`,
    seq: n,
    status: 'waiting',
    channel: 'kiosk',
    language: 'he',
    priority: 0,
    needs: [],
    joinedAt: t0,
    recalls: 0,
    requeued: false,
    customerState: 'arrived',
    version: 1,
    ...over,
  };
}
