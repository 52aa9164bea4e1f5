// Customer feedback (issue 8): the one-question survey after a visit, "talk to a person" and the
// checkout an order flow saves once it has a contact. Types come from the server's schemas.
import type { z } from 'zod';
import type { callbackBody, callbackResult, checkoutBody, checkoutResult, surveyBody, surveyResult, surveyStatus } from '../../../functions/schemas/insight';
import { fieldReason, request as send, uuid, type ApiError } from './api';

export type SurveyKind = 'ticket' | 'order';
export type SurveyStatus = z.infer<typeof surveyStatus>;
export type SurveyAnswer = z.input<typeof surveyBody>;
export type CallbackRequest = z.input<typeof callbackBody>;
export type CallbackTopic = CallbackRequest['topic'];
export type StartCheckout = z.input<typeof checkoutBody>;

const seg = encodeURIComponent;
const surveyPath = (kind: SurveyKind, id: string) => `/surveys/${seg(kind)}/${seg(id)}`;

export const feedbackApi = {
  /** Open once the visit is over and until it is answered (the visit's own customer token). */
  surveyStatus: (kind: SurveyKind, id: string, token: string) => send<SurveyStatus>('GET', surveyPath(kind, id), { customerToken: token }),
  /** Once per visit: a second answer is refused with 409 `already_answered`. */
  answerSurvey: (kind: SurveyKind, id: string, token: string, body: SurveyAnswer) =>
    send<z.infer<typeof surveyResult>>('POST', surveyPath(kind, id), { customerToken: token, body }),
  /** One key per request intent, reused when the same submission is retried. */
  requestCallback: (branchId: string, body: CallbackRequest, idempotencyKey: string = uuid()) =>
    send<z.infer<typeof callbackResult>>('POST', `/branches/${seg(branchId)}/callbacks`, { body, idempotencyKey }),
  startCheckout: (branchId: string, body: StartCheckout) => send<z.infer<typeof checkoutResult>>('POST', `/branches/${seg(branchId)}/checkouts`, { body }),
};

/** "Talk to a person" as typed; blanks are left out so the API's "phone or email" rule reads them right. */
export interface CallbackDraft {
  topic: CallbackTopic;
  name: string;
  phone: string;
  email: string;
  note: string;
}
export type CallbackCheck = 'name' | 'contact';

export const emptyCallback = (): CallbackDraft => ({ topic: 'talk_to_person', name: '', phone: '', email: '', note: '' });

/** What is plainly missing before sending (the server checks again, and its word wins). */
export function checkCallback(d: CallbackDraft): CallbackCheck[] {
  const found: CallbackCheck[] = [];
  if (!d.name.trim()) found.push('name');
  if (!d.phone.trim() && !d.email.trim()) found.push('contact');
  return found;
}

export function callbackBodyOf(d: CallbackDraft, language: 'he' | 'en'): CallbackRequest {
  const t = (s: string) => s.trim();
  return {
    topic: d.topic,
    contact: { name: t(d.name), ...(t(d.phone) && { phone: t(d.phone) }), ...(t(d.email) && { email: t(d.email) }) },
    ...(t(d.note) && { note: t(d.note) }),
    language,
  };
}

/** Which fields the server refused (400 with fields), by their name in the form. */
export function callbackRefusals(e: ApiError | undefined) {
  return {
    name: fieldReason(e, 'contact.name'),
    phone: fieldReason(e, 'contact.phone'),
    email: fieldReason(e, 'contact.email'),
    note: fieldReason(e, 'note'),
  };
}
