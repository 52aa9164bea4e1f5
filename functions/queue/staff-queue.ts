import { orderQueue } from '../domain/queue/policy';
import { assertBranch } from '../http/auth';
import type { OperationRequest } from '../http/handler';
import { loadBranchDay } from './snapshot';
import { staffTicketView } from './views';

/** The console's list: waiting tickets in the order the policy would call them, and who is at a counter. */
export async function getQueue({ params, staff, now }: OperationRequest) {
  assertBranch(staff!, params.branchId);
  const snap = await loadBranchDay(params.branchId, now);
  const waiting = orderQueue(snap.tickets.filter((t) => t.status === 'waiting'), { now, policy: snap.policy, services: snap.services });
  return {
    branchId: snap.branch.id,
    day: snap.day,
    waiting: waiting.map((t) => staffTicketView(t as (typeof snap.tickets)[number], snap.tickets)),
    inService: snap.tickets.filter((t) => t.status === 'called' || t.status === 'serving').map((t) => staffTicketView(t, snap.tickets)),
  };
}
