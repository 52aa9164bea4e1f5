import { getBranchBundle } from '../data/branches-repo';
import { isOpenAt } from '../domain/branch';
import { ConflictError, ValidationError } from '../domain/errors';
import { issueTicket, priorityOf } from './issue-ticket';
import type { Need } from '../domain/queue/types';
import { holderKey } from '../http/customer-token';
import { Reply, type OperationRequest } from '../http/handler';
import { loadBranchDay } from './snapshot';
import { requireVerifiedPhone, spendVerifiedPhone } from './phone-verification';
import { logger } from '../http/logger';
import { customerTicketView } from './views';

interface TakeTicketInput {
  serviceId: string;
  channel: 'kiosk' | 'mobile';
  language: 'he' | 'en';
  needs: Need[];
  contact?: { name?: string; phone?: string; email?: string };
  deviceId?: string;
  reason?: string;
  phoneVerification?: string;
}

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
  // A branch may ask a remote customer to confirm their phone first (refused with 403 phone_unverified).
  const verified = await requireVerifiedPhone(branch, input, now);
  const issued = await issueTicket(branch, service, holderKey(input.contact, input.deviceId), {
    channel: input.channel,
    language: input.language,
    priority: priorityOf(service, input.needs),
    needs: input.needs,
    customerState: input.channel === 'kiosk' ? 'arrived' : 'none',
    contact: input.contact,
    reason: input.reason,
  }, now);
  // The new ticket spends the verification (its phone already holds this one ticket, so a lost race holds nothing more).
  if (verified && !issued.existing && !(await spendVerifiedPhone(verified, issued.ticket.id, now))) {
    logger.warn('phone verification spent by another request', { ticketId: issued.ticket.id });
  }
  const snap = await loadBranchDay(branchId, now);
  if (issued.existing) return new Reply(200, { ticket: customerTicketView(snap, issued.ticket), existing: true });
  return { ticket: customerTicketView(snap, issued.ticket), token: issued.token, existing: false };
}
