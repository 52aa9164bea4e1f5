import { ulid } from 'ulid';
import { keys, type Key } from '../data/keys';
import {
  deleteIfExists,
  deleteLinks,
  entityOf,
  erasePersonalAttributes,
  getItem,
  listContactLinks,
  listLocalDeliveriesOf,
  listPartition,
  putErasure,
  scrubIdempotencyRecords,
  type ContactLink,
  type PersonalKind,
} from '../data/privacy-repo';
import { getBranch } from '../data/branches-repo';
import { contactHash, contactRef, contactRefsOf, type ContactRef } from '../domain/privacy/contact';
import { assertManager } from '../http/auth';
import type { OperationRequest } from '../http/handler';

// Find, export and erase one customer's personal data in a branch (a manager of the branch, or
// an admin). Thin: the links and the writes live in data/privacy-repo.ts. Nothing here logs the
// contact; the audit of an erasure holds only its hash.

type HeldKind = PersonalKind | 'survey' | 'push';
interface Held {
  kind: HeldKind;
  id: string;
  key: Key;
  item: Record<string, unknown>;
}

/** Call-back items a visit may have raised without a contact to index them by (a low score). */
const derivedMoments = (kind: string, id: string): string[] => {
  switch (kind) {
    case 'ticket':
    case 'order':
      return [`low-score-${kind}-${id}`, `talk-${kind}-${id}`, ...(kind === 'order' ? [`order-expired-${id}`] : [])];
    case 'booking':
      return [`booking-no-show-${id}`];
    case 'checkout':
      return [`abandoned-${id}`];
    default:
      return [];
  }
};

/** Everything the contact left in the branch: linked items, their surveys, push subscriptions and derived call-backs. */
async function collect(branchId: string, ref: ContactRef): Promise<{ links: ContactLink[]; held: Held[] }> {
  const links = await listContactLinks(ref, branchId);
  const held: Held[] = [];
  const seen = new Set<string>();
  const add = (h: Held) => {
    const k = `${h.key.pk}|${h.key.sk}`;
    if (!seen.has(k)) {
      seen.add(k);
      held.push(h);
    }
  };
  for (const l of links) {
    const item = await getItem(l.target);
    if (item) add({ kind: l.kind, id: l.itemId, key: l.target, item });
  }
  for (const h of [...held]) {
    if (h.kind === 'ticket' || h.kind === 'order') {
      const key = keys.survey(h.kind, h.id);
      const survey = await getItem(key);
      if (survey) add({ kind: 'survey', id: h.id, key, item: survey });
    }
    if (h.kind === 'ticket' || h.kind === 'order' || h.kind === 'booking') {
      for (const sub of await listPartition(keys.pushSubscriptions(h.kind, h.id))) add({ kind: 'push', id: `${h.kind}-${h.id}`, key: { pk: String(sub.pk), sk: String(sub.sk) }, item: sub });
    }
    for (const momentId of derivedMoments(h.kind, h.id)) {
      const key = keys.moment(branchId, momentId);
      const moment = await getItem(key);
      if (moment) add({ kind: 'moment', id: momentId, key, item: moment });
    }
  }
  return { links, held };
}

function refOf(body: { phone?: string; email?: string }): ContactRef {
  return contactRef(body)!; // the schema admits exactly one of them
}

const countBy = (held: Held[]) => held.reduce<Record<string, number>>((c, h) => ({ ...c, [h.kind]: (c[h.kind] ?? 0) + 1 }), {});
const atOf = (i: Record<string, any>) => Number(i.createdAt ?? i.joinedAt ?? i.at ?? 0);

export async function searchCustomerData({ params, body, staff }: OperationRequest) {
  assertManager(staff!, params.branchId);
  await getBranch(params.branchId);
  const ref = refOf(body);
  const { held } = await collect(params.branchId, ref);
  return {
    contact: ref,
    branchId: params.branchId,
    items: held.map((h) => {
      const e = h.item as Record<string, any>;
      return {
        kind: h.kind === 'push' ? 'message' : h.kind,
        id: h.id,
        branchId: params.branchId,
        at: atOf(e),
        ...(typeof e.status === 'string' ? { status: e.status } : {}),
        ...(typeof e.expiresAt === 'number' ? { expiresAt: e.expiresAt * 1000 } : {}),
      };
    }),
    counts: countBy(held),
  };
}

/** What an export shows of an item: its own data, not the secrets and keys that serve the system. */
const hidden = new Set(['tokenHash', 'holder', 'contactKey', 'keys', 'endpoint', 'endpointHash', 'target']);
export async function exportCustomerData({ params, body, staff, now }: OperationRequest) {
  assertManager(staff!, params.branchId);
  await getBranch(params.branchId);
  const ref = refOf(body);
  const { held } = await collect(params.branchId, ref);
  return {
    contact: ref,
    branchId: params.branchId,
    exportedAt: now,
    items: held
      .filter((h) => h.kind !== 'push')
      .map((h) => ({ kind: h.kind, id: h.id, data: Object.fromEntries(Object.entries(entityOf(h.item)).filter(([k]) => !hidden.has(k))) })),
  };
}

/** How each kind loses its personal data: removed attributes, blanked ones views expect, a new version. */
async function eraseOne(h: Held, now: number): Promise<boolean> {
  switch (h.kind) {
    case 'ticket':
      return erasePersonalAttributes(h.key, ['contact', 'reason'], { blank: { notes: [] }, versioned: true, now });
    case 'order':
      return erasePersonalAttributes(h.key, ['note'], { blank: { contact: { name: '' } }, versioned: true, now });
    case 'booking':
      return erasePersonalAttributes(h.key, ['reason'], { blank: { contact: { name: '' } }, versioned: true, now });
    case 'checkout':
      return erasePersonalAttributes(h.key, [], { blank: { contact: { name: '' } }, now });
    case 'moment':
      return erasePersonalAttributes(h.key, ['contact', 'context.comment', 'context.note', 'context.reason'], { versioned: true, now });
    case 'survey':
      return erasePersonalAttributes(h.key, ['comment'], { now });
    case 'message':
    case 'push':
      // A message's whole point is its recipient, and a subscription is a way to reach a person:
      // neither has anything anonymous to keep. Scheduled reminders go too, so nothing is sent.
      return deleteIfExists(h.key);
  }
}

export async function eraseCustomerData({ params, body, staff, now }: OperationRequest) {
  assertManager(staff!, params.branchId);
  await getBranch(params.branchId);
  const ref = refOf(body);
  const { links, held } = await collect(params.branchId, ref);
  const erased: Record<string, number> = {};
  for (const h of held) if (await eraseOne(h, now)) erased[h.kind] = (erased[h.kind] ?? 0) + 1;
  // The local channel set's records of the deleted messages (npm start), and the stored answers
  // of idempotent creates that mention these items.
  const messageIds = new Set(held.filter((h) => h.kind === 'message').map((h) => h.id));
  for (const key of await listLocalDeliveriesOf(messageIds)) if (await deleteIfExists(key)) erased.localDelivery = (erased.localDelivery ?? 0) + 1;
  const scrubbed = await scrubIdempotencyRecords(held.filter((h) => ['ticket', 'order', 'booking'].includes(h.kind)).map((h) => h.id));
  if (scrubbed) erased.idempotencyRecord = scrubbed;
  // Every link of these items (the other contact too: a phone's erasure also unlinks the email).
  const otherLinks = held.flatMap((h) =>
    contactRefsOf((h.item.contact ?? h.item.to) as { phone?: unknown; email?: unknown } | undefined).map((r) => ({ contactHash: contactHash(r), branchId: params.branchId, kind: h.kind, itemId: h.id })),
  );
  await deleteLinks([...links, ...otherLinks]);
  if (held.length === 0) return { erased: {}, nothingHeld: true };
  const erasureId = ulid(now);
  await putErasure({ id: erasureId, branchId: params.branchId, contactHash: contactHash(ref), counts: erased, by: staff!.sub, at: now });
  return { erased, nothingHeld: false, erasureId };
}
