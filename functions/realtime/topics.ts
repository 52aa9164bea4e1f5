// What a client may listen to, and which topics a stored change touches. Clients are told only
// "this topic changed" and re-read through the HTTP API, which applies its own checks: nothing
// personal ever travels on a socket, and the board's topic carries nothing at all.

export type ClientTopic =
  | { kind: 'board'; branchId: string }
  | { kind: 'queue' | 'orders' | 'bookings'; branchId: string }
  | { kind: 'ticket' | 'order' | 'booking'; id: string };

const staffKinds = new Set(['queue', 'orders', 'bookings']);
const customerKinds = new Set(['ticket', 'order', 'booking']);
const slug = /^[a-z0-9][a-z0-9-]{1,39}$/;
const ulid = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export function parseClientTopic(topic: unknown): ClientTopic | undefined {
  if (typeof topic !== 'string') return undefined;
  const [kind, value, extra] = topic.split(':');
  if (!kind || !value || extra !== undefined) return undefined;
  if (kind === 'board' || staffKinds.has(kind)) return slug.test(value) ? ({ kind, branchId: value } as ClientTopic) : undefined;
  if (customerKinds.has(kind)) return ulid.test(value) ? ({ kind, id: value } as ClientTopic) : undefined;
  return undefined;
}

type Image = Record<string, unknown>;
const branchOf = (img: Image) => (typeof img.branchId === 'string' ? img.branchId : String(img.pk ?? '').startsWith('BRANCH#') ? String(img.pk).slice(7) : undefined);

/**
 * Internal topics a change touches. A customer's ticket page listens to its branch's ticket
 * topic as well, because anyone called ahead changes its position and wait.
 */
export function topicsOfChange(image: Image | undefined): string[] {
  if (!image) return [];
  const branch = branchOf(image);
  switch (image.entity) {
    case 'ticket':
      return [`ticket:${image.id}`, `tickets:${branch}`, `board:${branch}`, `queue:${branch}`];
    case 'counter':
      return [`tickets:${branch}`, `board:${branch}`, `queue:${branch}`];
    case 'order':
      return [`order:${image.id}`, `orders:${branch}`, `board:${branch}`];
    case 'booking':
      return [`booking:${image.id}`, `bookings:${branch}`];
    default:
      return [];
  }
}
