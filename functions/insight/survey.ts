import { getBranch } from '../data/branches-repo';
import { getSurvey, putSurvey, raiseMoment, type SurveyAnswer } from '../data/insight-repo';
import { getOrder } from '../data/orders-repo';
import { getTicket } from '../data/tickets-repo';
import { momentsOfSurvey } from '../domain/insight/moments';
import { ConflictError, NotFoundError } from '../domain/errors';
import { localDay } from '../domain/time';
import { tokenMatches } from '../http/customer-token';
import { retentionOfBranch } from '../privacy/settings';
import { Reply, type OperationRequest } from '../http/handler';

/** The visit a survey is about, reached only with its own customer token. */
async function visitOf(kind: 'ticket' | 'order', id: string, token: string | undefined) {
  const item = kind === 'ticket' ? await getTicket(id) : await getOrder(id);
  if (!item || !tokenMatches(token, item.tokenHash)) throw new NotFoundError(`No such ${kind}`);
  if (kind === 'ticket') {
    const t = item as NonNullable<Awaited<ReturnType<typeof getTicket>>>;
    // A ticket's answer counts in the hour the ticket joined, like everything else about it.
    return { finished: t.status === 'done', branchId: t.branchId, serviceId: t.serviceId, counterId: t.counterId, at: t.joinedAt, code: t.number, contact: t.contact, language: t.language };
  }
  const o = item as NonNullable<Awaited<ReturnType<typeof getOrder>>>;
  return { finished: o.status === 'collected', branchId: o.branchId, serviceId: 'orders', counterId: undefined, at: o.collectedAt ?? o.createdAt, code: o.code, contact: o.contact, language: o.language };
}

export async function getSurveyStatus({ params, customerToken }: OperationRequest) {
  const visit = await visitOf(params.kind, params.id, customerToken);
  const answer = await getSurvey(params.kind, params.id);
  return { kind: params.kind, id: params.id, open: visit.finished && !answer, answered: Boolean(answer), score: answer?.score };
}

/** One question, once per visit, after it ended; a low score or a wish to talk goes on the call-back list. */
export async function submitSurvey({ params, body, customerToken, now }: OperationRequest) {
  const visit = await visitOf(params.kind, params.id, customerToken);
  if (!visit.finished) throw new ConflictError('The survey opens once the visit is over', 'visit_not_finished');
  const branch = await getBranch(visit.branchId);
  const answer: SurveyAnswer = {
    kind: params.kind,
    visitId: params.id,
    branchId: visit.branchId,
    serviceId: visit.serviceId,
    counterId: visit.counterId,
    day: localDay(visit.at, branch.timeZone),
    visitAt: visit.at,
    score: body.score,
    comment: body.comment,
    language: visit.language,
    wantsCall: body.wantsCall,
    at: now,
  };
  const retention = retentionOfBranch(branch);
  if (!(await putSurvey(answer, retention.visitDays))) throw new ConflictError('This visit already has an answer. Thank you!', 'already_answered');
  for (const m of momentsOfSurvey({ ...answer, visitCode: visit.code }, visit.contact)) await raiseMoment(m, retention.visitDays);
  return new Reply(201, { answered: true, score: answer.score });
}
