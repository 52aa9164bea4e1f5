import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { getBranch } from '../data/branches-repo';
import { deleteWebhook, listWebhooks, putWebhook, type Webhook } from '../data/webhooks-repo';
import { NotFoundError, ValidationError } from '../domain/errors';
import { assertManager } from '../http/auth';
import { Reply, type OperationRequest } from '../http/handler';

const maxPerBranch = 10;
const view = ({ secret: _secret, ...w }: Webhook) => w;

/** Managers register integrators' URLs; the signing secret is returned once and never again. */
export async function registerWebhook({ params, body, staff, now }: OperationRequest) {
  assertManager(staff!, params.branchId);
  await getBranch(params.branchId);
  const url = new URL(body.url);
  // Plain http only reaches a receiver on this machine, and only on a local runtime.
  if (url.protocol !== 'https:' && (process.env.AUTH_MODE === 'cognito' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))) {
    throw new ValidationError('Webhook URLs must use https', [{ field: 'body.url', reason: 'https only' }]);
  }
  if ((await listWebhooks(params.branchId)).length >= maxPerBranch) {
    throw new ValidationError(`A branch has at most ${maxPerBranch} webhooks`, [{ field: 'body.url', reason: 'too many webhooks' }]);
  }
  const webhook: Webhook = { id: ulid(now), branchId: params.branchId, url: url.toString(), events: body.events, secret: randomBytes(32).toString('base64url'), createdAt: now, consecutiveFailures: 0 };
  await putWebhook(webhook);
  return { webhook: view(webhook), secret: webhook.secret };
}

export async function listBranchWebhooks({ params, staff }: OperationRequest) {
  assertManager(staff!, params.branchId);
  return { branchId: params.branchId, webhooks: (await listWebhooks(params.branchId)).map(view) };
}

export async function removeWebhook({ params, staff }: OperationRequest) {
  assertManager(staff!, params.branchId);
  if (!(await deleteWebhook(params.branchId, params.webhookId))) throw new NotFoundError('No such webhook');
  return new Reply(200, { deleted: true });
}
