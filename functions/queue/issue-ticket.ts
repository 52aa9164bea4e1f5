import { decodeTime, ulid } from 'ulid';
import { claimActiveSlot, getTicket, insertTicket, nextSequence, releaseActiveSlot, replaceActiveSlot, type StoredTicket } from '../data/tickets-repo';
import type { Branch } from '../domain/branch';
import { ConflictError } from '../domain/errors';
import { branchDay, endOfBranchDay, formatTicketNumber } from '../domain/queue/numbering';
import { isActive } from '../domain/queue/transitions';
import type { Need, Service } from '../domain/queue/types';
import { newCustomerToken } from '../http/customer-token';
import { retentionOfBranch } from '../privacy/settings';

export type TicketFields = Pick<StoredTicket, 'channel' | 'language' | 'needs' | 'customerState' | 'priority'> &
  Partial<Pick<StoredTicket, 'contact' | 'reason' | 'orderId' | 'orderReady' | 'bagLocation' | 'appointmentAt'>>;

// Needs that put a customer in a higher priority class (served sooner, with help).
const priorityNeeds: readonly Need[] = ['assistance', 'seating'];
export const priorityOf = (service: Pick<Service, 'priority'>, needs: readonly Need[]) => service.priority + (needs.some((n) => priorityNeeds.includes(n)) ? 1 : 0);

export type Issued = { existing: false; ticket: StoredTicket; token: string } | { existing: true; ticket: StoredTicket };

/** Longer than any request may run (the functions time out sooner): a claim this old was abandoned. */
const claimLeaseMs = 30_000;

/**
 * Gives a ticket a gapless number of the branch day and stores it. A holder (contact,
 * device, order…) holds one active ticket per branch: a second request gets that one back.
 */
export async function issueTicket(branch: Branch, service: Service, holder: string | undefined, fields: TicketFields, now: number): Promise<Issued> {
  const day = branchDay(now, branch.timeZone);
  const lockExpiry = Math.floor(endOfBranchDay(now, branch.timeZone) / 1000) + 3600;
  const id = ulid(now);
  if (holder) {
    const heldBy = await claimActiveSlot(branch.id, holder, id, lockExpiry);
    if (heldBy) {
      const held = await getTicket(heldBy);
      if (held && isActive(held.status) && held.day === day) return { existing: true, ticket: held };
      // Claimed but not stored yet: a concurrent request of the same holder is issuing it. Only a
      // claim left by a request that died (older than a request can take) may be taken over.
      if (!held && now - decodeTime(heldBy) < claimLeaseMs) {
        throw new ConflictError('Another request for this contact is in progress; try again', 'busy');
      }
      // The slot points at a ticket that has ended or belongs to another day: take it over.
      if (!(await replaceActiveSlot(branch.id, holder, heldBy, id, lockExpiry))) {
        throw new ConflictError('Another request for this contact is in progress; try again', 'busy');
      }
    }
  }
  const { token, hash } = newCustomerToken();
  try {
    const seq = await nextSequence(branch.id, day, service.prefix, lockExpiry);
    const ticket: StoredTicket = {
      id,
      branchId: branch.id,
      day,
      serviceId: service.id,
      number: formatTicketNumber(service.prefix, seq),
      seq,
      status: 'waiting',
      joinedAt: now,
      recalls: 0,
      requeued: false,
      version: 1,
      tokenHash: hash,
      holder,
      notes: [],
      retainDays: retentionOfBranch(branch).visitDays,
      ...fields,
    };
    await insertTicket(ticket);
    return { existing: false, ticket, token };
  } catch (e) {
    if (holder) await releaseActiveSlot(branch.id, holder, id);
    throw e;
  }
}
