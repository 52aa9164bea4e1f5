import { randomInt } from 'node:crypto';
import { ulid } from 'ulid';
import { getBranch } from '../data/branches-repo';
import { listCatalog } from '../data/catalog-repo';
import { completeCheckout } from '../data/checkouts-repo';
import { placeOrder, type StoredOrder } from '../data/orders-repo';
import type { OutboxMessage } from '../data/outbox';
import { ConflictError, ValidationError } from '../domain/errors';
import { makePickupCode } from '../domain/orders/pickup-code';
import { bookableDays, nearestAlternatives, windowsOfDay } from '../domain/orders/windows';
import { addDays, localDay } from '../domain/time';
import { newCustomerToken } from '../http/customer-token';
import type { OperationRequest } from '../http/handler';
import { customerOrderView } from './views';
import { retentionOfBranch } from '../privacy/settings';
import { pickupConfigOf, windowsWithAvailability } from './windows';

interface CreateOrderInput {
  lines: { productId: string; quantity: number }[];
  windowStart: number;
  contact: { name: string; phone?: string; email?: string };
  note?: string;
  language: 'he' | 'en';
  checkoutId?: string;
}

/** Stock and a window place are taken together, in one transaction, or not at all. */
export async function createOrder({ params, body, now }: OperationRequest) {
  const input = body as CreateOrderInput;
  const branch = await getBranch(params.branchId);
  const config = pickupConfigOf(branch);
  const catalog = new Map((await listCatalog(branch.id)).map((p) => [p.id, p]));
  const unknown = input.lines.flatMap((l, i) => (catalog.has(l.productId) ? [] : [{ field: `body.lines.${i}.productId`, reason: 'not sold at this branch' }]));
  if (unknown.length) throw new ValidationError('Unknown products', unknown);

  const day = localDay(input.windowStart, branch.timeZone);
  const window = windowsOfDay(day, branch, config).find((w) => w.start === input.windowStart);
  if (!window) throw new ValidationError('Not a pickup window of this branch', [{ field: 'body.windowStart', reason: 'choose a window from listPickupWindows' }]);
  if (!bookableDays(now, branch.timeZone, config.horizonDays).includes(day)) {
    throw new ValidationError('Outside the booking horizon', [{ field: 'body.windowStart', reason: `up to ${config.horizonDays} days ahead` }]);
  }
  const refuseWindow = async (reason: 'full' | 'too_soon') => {
    const around = await windowsWithAvailability(branch, [day, addDays(day, 1)], now);
    throw new ConflictError(
      reason === 'full' ? 'That pickup window is full' : `That window is too soon: we need ${config.leadMinutes} minutes to prepare`,
      reason === 'full' ? 'window_full' : 'window_too_soon',
      [{ field: 'body.windowStart', reason }],
      { alternatives: nearestAlternatives(around, input.windowStart) },
    );
  };
  if (window.start < now + config.leadMinutes * 60_000) await refuseWindow('too_soon');

  const lines = input.lines.map((l) => {
    const p = catalog.get(l.productId)!;
    return { productId: p.id, name: p.name, quantity: l.quantity, unitPriceAgorot: p.priceAgorot };
  });
  const { token, hash } = newCustomerToken();
  const id = ulid(now);
  for (let attempt = 0; attempt < 4; attempt++) {
    const order: StoredOrder = {
      id,
      branchId: branch.id,
      day,
      code: makePickupCode(randomInt),
      status: 'placed',
      lines,
      totalAgorot: lines.reduce((s, l) => s + l.quantity * l.unitPriceAgorot, 0),
      window,
      contact: input.contact,
      note: input.note,
      language: input.language,
      createdAt: now,
      version: 1,
      tokenHash: hash,
      retainDays: retentionOfBranch(branch).visitDays,
    };
    const message: OutboxMessage = {
      id: ulid(now),
      template: 'order_confirmed',
      language: input.language,
      to: input.contact,
      // The confirmation carries the customer's link, token included (as a booking's does).
      params: { code: order.code, orderId: order.id, windowStart: window.start, windowEnd: window.end, branchId: branch.id, token },
      createdAt: now,
    };
    const out = await placeOrder(order, config.capacityPerWindow, message);
    if (out.ok) {
      if (input.checkoutId) await completeCheckout(input.checkoutId, order.id);
      return { order: await customerOrderView(order), token };
    }
    if (out.reason === 'window') await refuseWindow('full');
    if (out.reason === 'stock') {
      const line = input.lines[out.lineIndex]!;
      throw new ConflictError(`Not enough ${catalog.get(line.productId)!.name.en} in stock`, 'out_of_stock', [{ field: `body.lines.${out.lineIndex}.quantity`, reason: 'more than the stock left' }], {
        productId: line.productId,
      });
    }
    // A pickup code collision: draw another code.
  }
  throw new ConflictError('Could not allocate a pickup code; try again', 'busy');
}
