import { getBranch, listBranches } from '../data/branches-repo';
import { saveCheckout } from '../data/checkouts-repo';
import { Reply, type OperationRequest } from '../http/handler';
import { scheduledHandler } from '../observability/scheduled';
import { retentionOfBranch } from '../privacy/settings';
import { raiseAbandonedCheckouts } from './moments';

/**
 * The order flow saves its checkout once the customer gave a contact: if no order follows in
 * time, the branch can call (an abandoned purchase). An order with the same id completes it.
 */
export async function startCheckout({ params, body, now }: OperationRequest) {
  const branch = await getBranch(params.branchId);
  try {
    await saveCheckout({ id: body.checkoutId, branchId: params.branchId, contact: body.contact, lines: body.lines, createdAt: now }, retentionOfBranch(branch).visitDays);
  } catch (e) {
    if ((e as Error).name !== 'ConditionalCheckFailedException') throw e;
    return new Reply(200, { saved: false, reason: 'already_ordered' });
  }
  return { saved: true };
}

/** Scheduled: abandoned checkouts of every branch onto their call-back lists. */
export const handler = scheduledHandler('abandoned-checkouts', async () => {
  let raised = 0;
  for (const b of await listBranches()) raised += await raiseAbandonedCheckouts(b.id, Date.now());
  return { raised };
});
