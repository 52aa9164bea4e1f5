import type { StoredOrder } from '../data/orders-repo';
import { isOpenOrder } from '../domain/orders/transitions';
import { codeQr } from '../http/qr';

// What each audience sees of an order: the customer no contact echo, staff the contact and note.
export async function customerOrderView(o: StoredOrder) {
  return {
    id: o.id,
    branchId: o.branchId,
    code: o.code,
    codeQr: await codeQr(o.code),
    status: o.status,
    lines: o.lines,
    totalAgorot: o.totalAgorot,
    window: o.window,
    language: o.language,
    createdAt: o.createdAt,
    readyAt: o.readyAt,
    collectedAt: o.collectedAt,
    endedAt: o.endedAt,
    cancelledBy: o.cancelledBy,
    version: o.version,
  };
}

export async function staffOrderView(o: StoredOrder, now: number) {
  // Late: the window has started and the bag is still not ready.
  const late = isOpenOrder(o.status) && o.status !== 'ready' && now >= o.window.start;
  return { ...(await customerOrderView(o)), contact: o.contact, note: o.note, bagLocation: o.bagLocation, ticketId: o.ticketId, late };
}
