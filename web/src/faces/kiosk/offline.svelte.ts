// Degraded mode of a kiosk. While the API answers, the kiosk holds one reserved block of
// today's numbers per walk-in service (nobody else is ever given them). While it does not,
// the kiosk prints the next number of the block and keeps the ticket in an outbox; when the
// API is back, the outbox is sent and the tickets take their place by when they were printed.
//
// Everything lives in localStorage and is written *before* a number is shown, so a reload,
// a crash or a second tab never hands the same number out twice and never loses a ticket.
import { ApiError, api, uuid } from '../../lib/api';
import { localDayOf } from '../../lib/format';
import type { BranchDetail, Lang, Need, ServiceView, TicketBlock, TicketView } from '../../lib/types';

interface HeldBlock extends TicketBlock {
  token: string;
  /** The next sequence number to print; the block is used up past `to`. */
  next: number;
}

export interface OfflineTicket {
  blockId: string;
  token: string;
  serviceId: string;
  seq: number;
  number: string;
  issuedAt: number;
  language: Lang;
  needs: Need[];
}

interface Kept {
  blocks: Record<string, HeldBlock>;
  outbox: OfflineTicket[];
  /** Tickets the server refused (should never happen): kept for staff, not retried. */
  refused: (OfflineTicket & { reason: string })[];
  /** The last branch answer, so a kiosk reloaded during an outage still shows its services. */
  branch?: BranchDetail;
}

/** The API is down or unreachable (not: it said no). */
export const isOutage = (e: ApiError) => e.status === 0 || e.status === 408 || e.status >= 500;

const number = (prefix: string, seq: number) => `${prefix}${String(seq).padStart(3, '0')}`;

export function kioskReserve(branchId: string) {
  const key = `dalpak.kiosk.${branchId}`;
  const read = (): Kept => {
    try {
      const k = JSON.parse(localStorage.getItem(key) ?? '{}') as Partial<Kept>;
      return { blocks: k.blocks ?? {}, outbox: Array.isArray(k.outbox) ? k.outbox : [], refused: Array.isArray(k.refused) ? k.refused : [], branch: k.branch };
    } catch {
      return { blocks: {}, outbox: [], refused: [] };
    }
  };
  let pending = $state(read().outbox.length);
  const write = (k: Kept) => {
    localStorage.setItem(key, JSON.stringify(k));
    pending = k.outbox.length;
  };
  /** Read, change and write in one synchronous step: nothing can interleave in between. */
  const update = <T>(change: (k: Kept) => T): T => {
    const k = read();
    const out = change(k);
    write(k);
    return out;
  };

  let toppingUp = false;
  let sending = false;

  return {
    /** Offline tickets printed but not yet admitted by the server. */
    get pending() {
      return pending;
    },
    cachedBranch: (): BranchDetail | undefined => read().branch,
    keepBranch: (b: BranchDetail) => update((k) => void (k.branch = b)),

    /** Numbers left today for a service (0: none reserved, used up, or from another day). */
    left(serviceId: string, timeZone: string, now = Date.now()): number {
      const b = read().blocks[serviceId];
      return b && b.day === localDayOf(now, timeZone) ? Math.max(0, b.to - b.next + 1) : 0;
    },

    /**
     * Makes sure each walk-in service has numbers for today: a block from yesterday is
     * dropped, a used-up one replaced. Online only; failures are retried on the next call.
     */
    async topUp(services: ServiceView[], timeZone: string): Promise<void> {
      if (toppingUp) return;
      toppingUp = true;
      try {
        for (const s of services) {
          if (this.left(s.id, timeZone) > 0) continue;
          const { block, token } = await api.reserveTicketBlock(branchId, s.id, uuid());
          update((k) => void (k.blocks[s.id] = { ...block, token, next: block.from }));
        }
      } catch {
        // Offline or refused: the kiosk keeps what it has and tries again later.
      } finally {
        toppingUp = false;
      }
    },

    /** Prints the next reserved number (persisted before it is returned), or undefined when none is left. */
    issue(service: ServiceView, language: Lang, needs: Need[], timeZone: string, now = Date.now()): OfflineTicket | undefined {
      return update((k) => {
        const b = k.blocks[service.id];
        if (!b || b.day !== localDayOf(now, timeZone) || b.next > b.to) return undefined;
        const t: OfflineTicket = { blockId: b.id, token: b.token, serviceId: service.id, seq: b.next, number: number(b.prefix, b.next), issuedAt: now, language, needs: [...needs] };
        b.next++;
        k.outbox.push(t);
        return t;
      });
    },

    /** Sends the outbox, block by block. Stops at the first outage; the rest waits for the next try. */
    async reconcile(): Promise<void> {
      if (sending || read().outbox.length === 0) return;
      sending = true;
      try {
        const byBlock = new Map<string, OfflineTicket[]>();
        for (const t of read().outbox) byBlock.set(t.blockId, [...(byBlock.get(t.blockId) ?? []), t]);
        for (const [blockId, tickets] of byBlock) {
          const sent = new Set(tickets.map((t) => t.seq));
          const body = { tickets: tickets.map((t) => ({ seq: t.seq, issuedAt: t.issuedAt, language: t.language, needs: t.needs })) };
          try {
            await api.reconcileOfflineTickets(branchId, blockId, tickets[0]!.token, body, uuid());
            update((k) => void (k.outbox = k.outbox.filter((t) => t.blockId !== blockId || !sent.has(t.seq))));
          } catch (e) {
            if (!(e instanceof ApiError) || isOutage(e) || e.status === 409 || e.status === 429) return;
            // The server will never take these: keep them aside (for staff), stop retrying.
            update((k) => {
              k.refused.push(...k.outbox.filter((t) => t.blockId === blockId && sent.has(t.seq)).map((t) => ({ ...t, reason: `${e.status} ${e.code}` })));
              k.outbox = k.outbox.filter((t) => t.blockId !== blockId || !sent.has(t.seq));
            });
          }
        }
      } finally {
        sending = false;
      }
    },
  };
}

/** An offline ticket shaped like the API's ticket, for the number screen and the receipt. */
export function offlineTicketView(t: OfflineTicket, branchId: string, service: ServiceView): TicketView {
  return {
    id: `offline-${t.blockId}-${t.seq}`,
    branchId,
    serviceId: service.id,
    serviceName: service.name,
    number: t.number,
    status: 'waiting',
    channel: 'kiosk',
    language: t.language,
    needs: t.needs,
    customerState: 'arrived',
    joinedAt: t.issuedAt,
    position: 0,
    recalls: 0,
    version: 0,
  };
}
