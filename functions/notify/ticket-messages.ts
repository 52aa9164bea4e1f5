// Messages derived from ticket changes, written to the outbox with fixed ids (a replayed
// change writes nothing new); the stream then delivers them like any other message.
import type { StoredTicket } from '../data/tickets-repo';
import { enqueueAheadNotice, enqueueOnce, markAheadSeen, type OutboxMessage } from '../data/outbox';
import { listPushSubscriptions } from '../data/push-repo';
import { getBranchBundle } from '../data/branches-repo';
import { aheadCandidates, aheadMessage, aheadReachable, callOf, finished, hasContact, notifyConfigOf, queueMoved, queueTrigger, ticketChangeMessages, type MessageDraft } from '../domain/notify/rules';
import { loadBranchDay, ticketOutlook } from '../queue/snapshot';

type TicketItem = StoredTicket & { aheadNotifiedAt?: number };

const hasPush = async (ticketId: string) => (await listPushSubscriptions('ticket', ticketId)).length > 0;

const toMessage = (d: MessageDraft, t: TicketItem): OutboxMessage => ({ ...d, language: t.language, to: t.contact ?? {} });

/** Calls, recalls and "done" of one ticket. Returns the ids of the messages written now. */
async function callsAndSurvey(old: TicketItem | undefined, next: TicketItem): Promise<string[]> {
  if (!callOf(old, next) && !finished(old, next)) return [];
  const reachable = hasContact(next) || (await hasPush(next.id));
  if (!reachable) return [];
  const counter = next.counterId ? (await getBranchBundle(next.branchId)).counters.find((c) => c.id === next.counterId) : undefined;
  const written: string[] = [];
  for (const d of ticketChangeMessages(old, next, { reachable, counterNumber: counter?.number })) {
    if (await enqueueOnce(toMessage(d, next))) written.push(d.id);
  }
  return written;
}

/** "N ahead of you" for every ticket of the branch day that has come close enough. */
async function aheadNotices(old: TicketItem | undefined, next: TicketItem, now: number): Promise<string[]> {
  const snap = await loadBranchDay(next.branchId, now);
  if (snap.day !== next.day) return []; // a replay from an earlier day
  // The day's list is an index read: a ticket that has only just joined may not be in it yet.
  if (!snap.tickets.some((t) => t.id === next.id)) snap.tickets.push(next);
  const config = notifyConfigOf(snap.branch);
  const written: string[] = [];
  const candidates = aheadCandidates(snap.tickets as TicketItem[], (t) => ticketOutlook(snap, t).position, config, queueTrigger(old, next, now));
  for (const { ticket, ahead, silent } of candidates) {
    if (silent) {
      await markAheadSeen(ticket.id, now);
      continue;
    }
    const reachable = aheadReachable(ticket, ticket.channel === 'mobile' && hasContact(ticket) ? false : await hasPush(ticket.id));
    if (!reachable) continue;
    const d = aheadMessage(ticket, ahead, now);
    if (await enqueueAheadNotice(ticket.id, toMessage(d, ticket))) written.push(d.id);
  }
  return written;
}

/** Everything a ticket change asks the notifier to say. */
export async function onTicketChange(old: TicketItem | undefined, next: TicketItem | undefined, now: number): Promise<string[]> {
  if (!next) return [];
  const written = await callsAndSurvey(old, next);
  if (queueMoved(old, next)) written.push(...(await aheadNotices(old, next, now)));
  return written;
}
