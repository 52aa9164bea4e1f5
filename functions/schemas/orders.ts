import { z } from 'zod';
import { email, epochMs, lang, localDate, localized, phone, sliceAvailability, slug, ulidId } from './common';
import { orderStatuses } from '../domain/orders/types';
import { staffTicket, ticketView } from './queue';

export const maxOrderLines = 20; // a transaction holds 100 items; a basket never needs more

export const productParams = z.object({ branchId: slug, productId: slug });
export const orderParams = z.object({ orderId: ulidId });
export const branchOrderParams = z.object({ branchId: slug, orderId: ulidId });

export const product = z
  .object({
    id: slug,
    name: localized,
    description: localized.optional(),
    priceAgorot: z.number().int().nonnegative(),
    category: z.string(),
    imageUrl: z.string().optional(),
    stock: z.number().int().nonnegative(),
  })
  .meta({ id: 'Product' });

export const catalogView = z.object({ branchId: slug, products: z.array(product) }).meta({ id: 'Catalog' });

const text = (max: number) => z.string().trim().min(1).max(max);
export const upsertProductBody = z
  .object({
    name: z.object({ he: text(80), en: text(80) }).strict(),
    description: z.object({ he: z.string().trim().max(500), en: z.string().trim().max(500) }).strict().optional(),
    priceAgorot: z.number().int().nonnegative().max(100_000_000),
    category: text(40),
    imageUrl: z.url({ protocol: /^https$/ }).max(500).optional(),
    stock: z.number().int().nonnegative().max(1_000_000).optional().describe('initial stock of a new product; ignored for an existing one'),
  })
  .strict()
  .meta({ id: 'UpsertProduct' });

export const setStockBody = z.object({ stock: z.number().int().nonnegative().max(1_000_000) }).strict().meta({ id: 'SetStock' });

export const pickupWindowsQuery = z.object({ date: localDate.optional().describe('branch-local day; default: all bookable days') });
export const pickupWindow = sliceAvailability.meta({ id: 'PickupWindow' });
export const pickupWindowsView = z
  .object({ branchId: slug, timeZone: z.string(), leadMinutes: z.number().int(), windows: z.array(pickupWindow) })
  .meta({ id: 'PickupWindows' });

export const createOrderBody = z
  .object({
    lines: z
      .array(z.object({ productId: slug, quantity: z.number().int().min(1).max(20) }).strict())
      .min(1)
      .max(maxOrderLines)
      .refine((ls) => new Set(ls.map((l) => l.productId)).size === ls.length, 'each product once (raise its quantity instead)'),
    windowStart: epochMs.describe('start of the chosen pickup window, from listPickupWindows'),
    contact: z
      .object({ name: text(80), phone: phone.optional(), email: email.optional() })
      .strict()
      .refine((c) => c.phone !== undefined || c.email !== undefined, { message: 'a phone or an email, to tell you when it is ready', path: ['phone'] }),
    note: z.string().trim().max(280).optional(),
    language: lang.default('he'),
    checkoutId: z.uuid().optional().describe('the checkout saved with startCheckout, which this order completes'),
  })
  .strict()
  .meta({ id: 'CreateOrder' });

const orderLine = z.object({ productId: slug, name: localized, quantity: z.number().int(), unitPriceAgorot: z.number().int() });
export const orderView = z
  .object({
    id: ulidId,
    branchId: slug,
    code: z.string().describe('pickup code to say or type at the branch'),
    codeQr: z.string().describe('the pickup code as a QR image (data: URL, SVG)'),
    status: z.enum(orderStatuses),
    lines: z.array(orderLine),
    totalAgorot: z.number().int(),
    window: z.object({ start: epochMs, end: epochMs }),
    language: lang,
    createdAt: epochMs,
    readyAt: epochMs.optional(),
    collectedAt: epochMs.optional(),
    endedAt: epochMs.optional(),
    cancelledBy: z.enum(['customer', 'staff']).optional(),
    version: z.number().int(),
  })
  .meta({ id: 'Order' });
export const staffOrderView = orderView
  .extend({
    contact: z.object({ name: z.string(), phone: z.string().optional(), email: z.string().optional() }),
    note: z.string().optional(),
    bagLocation: z.string().optional(),
    ticketId: ulidId.optional().describe('checked in: the pickup-lane ticket'),
    late: z.boolean(),
  })
  .meta({ id: 'StaffOrder' });

export const createOrderResult = z
  .object({ order: orderView, token: z.string().describe('customer token: send as X-Customer-Token to read or cancel this order') })
  .meta({ id: 'CreateOrderResult' });

export const updateOrderStatusBody = z
  .object({
    status: z.enum(['preparing', 'ready', 'collected', 'cancelled']),
    version: z.number().int().min(1).describe('the version you saw: a stale one gets 409'),
    bagLocation: z.string().trim().min(1).max(40).optional().describe('with "ready": where the bag waits, e.g. "shelf B3"'),
  })
  .strict()
  .meta({ id: 'UpdateOrderStatus' });

export const cancelOrderBody = z.object({ version: z.number().int().min(1).optional() }).strict().meta({ id: 'CancelOrder' });

export const branchOrdersQuery = z.object({ date: localDate.optional().describe('branch-local day of the windows; default today') });
export const branchOrdersView = z.object({ branchId: slug, day: localDate, orders: z.array(staffOrderView) }).meta({ id: 'BranchOrders' });


// Codes are typed on kiosks and phones: case, spaces and dashes are forgiven by the handler.
const typedCode = z.string().trim().min(4).max(12).describe('the pickup code, as typed or scanned');

export const checkInBody = z.object({ code: typedCode, channel: z.enum(['kiosk', 'mobile']).default('kiosk') }).strict().meta({ id: 'CheckInOrder' });
export const handOverBody = z.object({ code: typedCode }).strict().meta({ id: 'HandOverOrder' });

export const checkInResult = z
  .object({
    ticket: ticketView,
    order: z.object({ id: ulidId, code: z.string(), status: z.enum(orderStatuses), ready: z.boolean() }),
    existing: z.boolean().describe('already checked in: the same ticket, without a new token'),
    token: z.string().optional().describe('customer token of the pickup ticket (X-Customer-Token)'),
  })
  .meta({ id: 'CheckInResult' });
export const handOverResult = z.object({ ticket: staffTicket, order: orderView }).meta({ id: 'HandOverResult' });
