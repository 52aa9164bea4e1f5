// Degraded mode for a branch: the kiosk reserves numbers while the API is up, prints them
// while it is down, and sends them back here to take their place in the queue.
import { createHash } from 'node:crypto';
import { encodeTime, ulid } from 'ulid';
import { getBranchBundle } from '../data/branches-repo';
import { admitOfflineTicket, getBlock, insertBlock, reserveOfflineRange, type StoredBlock } from '../data/ticket-blocks-repo';
import type { StoredTicket } from '../data/tickets-repo';
import { NotFoundError, ValidationError } from '../domain/errors';
import { maxReservedPerDay, planOfflineAdmission, type OfflineTicketInput } from '../domain/queue/blocks';
import { branchDay, endOfBranchDay, formatTicketNumber } from '../domain/queue/numbering';
import { newCustomerToken, tokenMatches } from '../http/customer-token';
import type { OperationRequest } from '../http/handler';
import { priorityOf } from './issue-ticket';

const blockView = (b: StoredBlock) => ({
  id: b.id,
  branchId: b.branchId,
  serviceId: b.serviceId,
  prefix: b.prefix,
  day: b.day,
  from: b.from,
  to: b.to,
  firstNumber: formatTicketNumber(b.prefix, b.from),
  lastNumber: formatTicketNumber(b.prefix, b.to),
  reservedAt: b.reservedAt,
});

export async function reserveTicketBlock({ params, body, now }: OperationRequest) {
  const branchId = params.branchId as string;
  const { serviceId, size } = body as { serviceId: string; size: number };
  const { branch, services } = await getBranchBundle(branchId);
  const service = services.find((s) => s.id === serviceId);
  if (!service) throw new ValidationError('No such service in this branch', [{ field: 'body.serviceId', reason: 'not a service of this branch' }]);
  if (service.kind !== 'walkin') throw new ValidationError('Only walk-in services hand out numbers at the kiosk', [{ field: 'body.serviceId', reason: `a ${service.kind} service` }]);
  const day = branchDay(now, branch.timeZone);
  const dayEndsAt = endOfBranchDay(now, branch.timeZone);
  const range = await reserveOfflineRange(branch.id, day, service.prefix, size, maxReservedPerDay, Math.floor(dayEndsAt / 1000) + 3600);
  // From here the numbers are the caller's: if the record below failed they would simply stay unused.
  const { token, hash } = newCustomerToken();
  const block: StoredBlock = { id: ulid(now), branchId: branch.id, serviceId: service.id, prefix: service.prefix, day, ...range, reservedAt: now, dayEndsAt, tokenHash: hash };
  await insertBlock(block);
  return { block: blockView(block), token };
}

/**
 * The ticket id of a block's number: the same for every replay, so the ticket item itself
 * is the claim (a ULID whose time is the block's reservation and whose rest is a hash).
 */
export function offlineTicketId(block: Pick<StoredBlock, 'id' | 'reservedAt'>, seq: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const digest = createHash('sha256').update(`${block.id}#${seq}`).digest();
  let rest = '';
  for (let i = 0; i < 16; i++) rest += alphabet[digest[i]! & 31];
  return encodeTime(block.reservedAt, 10) + rest;
}

export async function reconcileOfflineTickets({ params, body, customerToken, now }: OperationRequest) {
  const branchId = params.branchId as string;
  const block = await getBlock(params.blockId as string);
  // Another branch's block, or a token that is not this block's: it does not exist for the caller.
  if (!block || block.branchId !== branchId || !tokenMatches(customerToken, block.tokenHash)) throw new NotFoundError('No such block at this branch');
  const planned = planOfflineAdmission(block, (body as { tickets: OfflineTicketInput[] }).tickets, now);
  const { services } = await getBranchBundle(branchId);
  const service = services.find((s) => s.id === block.serviceId);
  if (!service) throw new NotFoundError('The service of this block no longer exists');
  const out = [];
  // One at a time, in issue order: each put is its own lock, so order and exactly-once hold under replays.
  for (const t of planned) {
    const ticket: StoredTicket = {
      id: offlineTicketId(block, t.seq),
      branchId,
      day: block.day,
      serviceId: service.id,
      number: formatTicketNumber(block.prefix, t.seq),
      seq: t.seq,
      status: 'waiting',
      channel: 'kiosk',
      language: t.language,
      priority: priorityOf(service, t.needs),
      needs: t.needs,
      // Its place in line is when it was printed (a kiosk clock slightly ahead cannot jump the queue).
      joinedAt: Math.min(t.issuedAt, now),
      recalls: 0,
      requeued: false,
      customerState: 'arrived',
      version: 1,
      // A paper ticket has no link: nobody holds a token for it.
      tokenHash: newCustomerToken().hash,
      notes: [],
      blockId: block.id,
    };
    out.push({ seq: t.seq, number: ticket.number, ticketId: ticket.id, admitted: await admitOfflineTicket(ticket) });
  }
  return { blockId: block.id, tickets: out };
}
