import { ulid } from 'ulid';
import { getBranch } from '../data/branches-repo';
import { listMoments, moveMoment, raiseMoment } from '../data/insight-repo';
import { listOpenCheckouts } from '../data/checkouts-repo';
import { isAbandoned, type Moment } from '../domain/insight/moments';
import { assertBranch } from '../http/auth';
import type { OperationRequest } from '../http/handler';
import { momentSettingsOf } from './settings';
import { retentionOfBranch } from '../privacy/settings';

/** The branch's call-back list, open items first, newest first within a state. */
export async function listBranchMoments({ params, query, staff }: OperationRequest) {
  assertBranch(staff!, params.branchId);
  const all = await listMoments(params.branchId);
  const wanted = query.status === 'all' ? all : all.filter((m) => m.status !== 'resolved');
  const rank = { open: 0, called: 1, resolved: 2 } as const;
  return { branchId: params.branchId, moments: wanted.sort((a, b) => rank[a.status] - rank[b.status] || b.createdAt - a.createdAt) };
}

export async function updateMoment({ params, body, staff, now }: OperationRequest) {
  assertBranch(staff!, params.branchId);
  return moveMoment(params.branchId, params.momentId, body.version, body.status, staff!.email, now);
}

/** "Talk to a person" or a complaint, from any face: a human calls back. */
export async function requestCallback({ params, body, now }: OperationRequest) {
  const branch = await getBranch(params.branchId);
  const m: Moment = {
    id: `callback-${ulid(now)}`,
    branchId: params.branchId,
    kind: body.topic,
    status: 'open',
    createdAt: now,
    contact: body.contact,
    context: { language: body.language, ...(body.note ? { note: body.note } : {}) },
    version: 1,
  };
  await raiseMoment(m, retentionOfBranch(branch).visitDays);
  return { received: true, id: m.id };
}

/** Checkouts left without an order become "abandoned purchase" items (scheduled). */
export async function raiseAbandonedCheckouts(branchId: string, now: number): Promise<number> {
  const branch = await getBranch(branchId);
  const settings = momentSettingsOf(branch);
  const { visitDays } = retentionOfBranch(branch);
  let raised = 0;
  for (const c of await listOpenCheckouts(branchId)) {
    if (!isAbandoned(c, now, settings)) continue;
    const m: Moment = {
      id: `abandoned-${c.id}`,
      branchId,
      kind: 'abandoned_order',
      status: 'open',
      createdAt: now,
      contact: c.contact,
      context: { items: c.lines.map((l) => `${l.quantity}× ${l.productId}`).join(', '), startedAt: c.createdAt },
      version: 1,
    };
    if (await raiseMoment(m, visitDays)) raised++;
  }
  return raised;
}
