import { ulid } from 'ulid';
import { getBranchBundle } from '../data/branches-repo';
import { claimActiveSlot, getTicket, insertTicket, nextSequence, releaseActiveSlot, replaceActiveSlot, type StoredTicket } from '../data/tickets-repo';
import { isOpenAt } from '../domain/branch';
import { ConflictError, ValidationError } from '../domain/errors';
import { isActive } from '../domain/queue/transitions';
import { branchDay, endOfBranchDay, formatTicketNumber } from '../domain/queue/numbering';
import type { Need } from '../domain/queue/types';
import { holderKey, newCustomerToken } from '../http/customer-token';
import { Reply, type OperationRequest } from '../http/handler';
import { loadBranchDay } from './snapshot';
import { customerTicketView } from './views';

interface TakeTicketInput {
  serviceId: string;
  channel: 'kiosk' | 'mobile';
  language: 'he' | 'en';
  needs: Need[];
  contact?: { name?: string; phone?: string; email?: string };
  deviceId?: string;
  reason?: string;
}

// Needs that put a customer in a higher priority class (served sooner, with help).
const priorityNeeds: readonly Need[] = ['assistance', 'seating'];

export async function takeTicket({ params, body, now }: OperationRequest) {
  const input = body as TakeTicketInput;
  const branchId = params.branchId as string;
  const { branch, services } = await getBranchBundle(branchId);
  const service = services.find((s) => s.id === input.serviceId);
  if (!service) throw new ValidationError('No such service in this branch', [{ field: 'body.serviceId', reason: 'not a service of this branch' }]);
  if (service.kind !== 'walkin') {
    throw new ValidationError('This service is joined by checking in an order or a booking', [{ field: 'body.serviceId', reason: `a ${service.kind} service` }]);
  }
  // Joining from home is for today's queue only; at the kiosk staff are there, so it stays open.
  if (input.channel === 'mobile' && !isOpenAt(branch, now)) {
    throw new ConflictError('The branch is closed now; join when it opens', 'branch_closed', [{ field: 'path.branchId', reason: 'closed at this hour' }]);
  }
  const day = branchDay(now, branch.timeZone);
  const lockExpiry = Math.floor(endOfBranchDay(now, branch.timeZone) / 1000) + 3600;
  const id = ulid(now);
  const holder = holderKey(input.contact, input.deviceId);

  if (holder) {
    const heldBy = await claimActiveSlot(branchId, holder, id, lockExpiry);
    if (heldBy) {
      const held = await getTicket(heldBy);
      if (held && isActive(held.status) && held.day === day) {
        const snap = await loadBranchDay(branchId, now);
        return new Reply(200, { ticket: customerTicketView(snap, held), existing: true });
      }
      // The slot points at a ticket that has ended or belongs to another day: take it over.
      if (!(await replaceActiveSlot(branchId, holder, heldBy, id, lockExpiry))) {
        throw new ConflictError('Another request for this contact is in progress; try again', 'busy');
      }
    }
  }

  const { token, hash } = newCustomerToken();
  try {
    const seq = await nextSequence(branchId, day, service.prefix, lockExpiry);
    const ticket: StoredTicket = {
      id,
      branchId,
      day,
      serviceId: service.id,
      number: formatTicketNumber(service.prefix, seq),
      seq,
      status: 'waiting',
      channel: input.channel,
      language: input.language,
      priority: service.priority + (input.needs.some((n) => priorityNeeds.includes(n)) ? 1 : 0),
      needs: input.needs,
      joinedAt: now,
      recalls: 0,
      requeued: false,
      customerState: input.channel === 'kiosk' ? 'arrived' : 'none',
      version: 1,
      tokenHash: hash,
      holder,
      contact: input.contact,
      reason: input.reason,
      notes: [],
    };
    await insertTicket(ticket);
    const snap = await loadBranchDay(branchId, now);
    return { ticket: customerTicketView(snap, ticket), token, existing: false };
  } catch (e) {
    if (holder) await releaseActiveSlot(branchId, holder, id);
    throw e;
  }
}
