import { z } from 'zod';
import { email, epochMs, lang, localDate, localized, phone, slug, ulidId } from './common';
import { defaultBlockSize, maxBlockSize } from '../domain/queue/blocks';
import { waitEstimate } from './branches';
import { phoneVerificationToken } from './phone-verification';
import { channels, customerStates, needs, ticketStatuses } from '../domain/queue/types';

const needList = z.array(z.enum(needs)).max(needs.length);

export const takeTicketBody = z
  .object({
    serviceId: slug,
    channel: z.enum(['kiosk', 'mobile']),
    language: lang.default('he'),
    needs: needList.default([]),
    contact: z
      .object({
        name: z.string().trim().min(1).max(80).optional(),
        phone: phone.optional(),
        email: email.optional(),
      })
      .strict()
      .optional(),
    deviceId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).optional()
      .describe('a random id the phone keeps, so one device holds one active ticket'),
    reason: z.string().trim().max(280).optional().describe('what the customer told us, shown to the clerk'),
    phoneVerification: phoneVerificationToken.optional(),
  })
  .strict()
  .meta({ id: 'TakeTicket' });

export const ticketView = z
  .object({
    id: ulidId,
    branchId: slug,
    serviceId: slug,
    serviceName: localized,
    number: z.string(),
    status: z.enum(ticketStatuses),
    channel: z.enum(channels),
    language: lang,
    needs: needList,
    customerState: z.enum(customerStates),
    joinedAt: epochMs,
    calledAt: epochMs.optional(),
    counterNumber: z.number().int().optional(),
    position: z.number().int().nonnegative().describe('people ahead in this service'),
    estimate: waitEstimate.optional(),
    recalls: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: 'Ticket' });

export const takeTicketResult = z
  .object({
    ticket: ticketView,
    token: z
      .string()
      .optional()
      .describe('customer token: send as X-Customer-Token to read or change this ticket. Absent when existing: the first answer had it'),
    existing: z.boolean().describe('true when this contact or device already held an active ticket: that ticket is returned, not a new one'),
  })
  .meta({ id: 'TakeTicketResult' });

export const ticketParams = z.object({ ticketId: ulidId });

export const updateTicketBody = z
  .object({ action: z.enum(['cancel', 'on_my_way', 'running_late', 'arrived']) })
  .strict()
  .meta({ id: 'UpdateTicket' });

export const staffTicket = z
  .object({
    id: ulidId,
    number: z.string(),
    serviceId: slug,
    status: z.enum(ticketStatuses),
    channel: z.enum(channels),
    language: lang,
    needs: needList,
    customerState: z.enum(customerStates),
    priority: z.number().int(),
    joinedAt: epochMs,
    calledAt: epochMs.optional(),
    counterId: slug.optional(),
    targetCounterId: slug.optional(),
    recalls: z.number().int(),
    requeued: z.boolean(),
    contactName: z.string().optional(),
    reason: z.string().optional(),
    notes: z.array(z.object({ at: epochMs, text: z.string() })),
    visitsToday: z.number().int().describe('earlier tickets of the same contact today'),
    appointmentAt: epochMs.optional().describe('a checked-in booking: its appointment time (served first around it)'),
    orderId: ulidId.optional().describe('a pickup: the order to hand over (handOverOrder with its code)'),
    orderReady: z.boolean().optional().describe('a pickup: the bag is packed'),
    bagLocation: z.string().optional().describe('a pickup: where the packed bag waits, e.g. "shelf B3"'),
    version: z.number().int(),
  })
  .meta({ id: 'StaffTicket' });

export const queueView = z
  .object({
    branchId: slug,
    day: z.string(),
    waiting: z.array(staffTicket).describe('in call order for the whole branch'),
    inService: z.array(staffTicket),
  })
  .meta({ id: 'Queue' });

export const counterParams = z.object({ branchId: slug, counterId: slug });
export const counterTicketParams = counterParams.extend({ ticketId: ulidId });

export const callNextResult = z
  .object({ ticket: staffTicket.nullable(), reason: z.enum(['called', 'nobody_waiting']) })
  .meta({ id: 'CallNextResult' });

export const ticketActionResult = z
  .object({ ticket: staffTicket, outcome: z.string() })
  .meta({ id: 'TicketActionResult' });

export const transferBody = z
  .object({ serviceId: slug.optional(), counterId: slug.optional() })
  .strict()
  .refine((b) => b.serviceId !== undefined || b.counterId !== undefined, {
    message: 'name a serviceId or a counterId',
    path: ['serviceId'],
  })
  .meta({ id: 'Transfer' });

export const noteBody = z.object({ text: z.string().trim().min(1).max(500) }).strict().meta({ id: 'Note' });

export const counterStateResult = z
  .object({ id: slug, number: z.number().int(), status: z.enum(['open', 'paused', 'closed']) })
  .meta({ id: 'CounterState' });

export const boardView = z
  .object({
    branchId: slug,
    name: localized,
    nowServing: z.array(
      z.object({ number: z.string(), counterNumber: z.number().int(), language: lang, calledAt: epochMs, recalls: z.number().int() }),
    ),
    recentlyCalled: z.array(z.object({ number: z.string(), counterNumber: z.number().int() })),
    waits: z.array(
      z.object({ serviceId: slug, name: localized, prefix: z.string(), waiting: z.number().int(), estimate: waitEstimate }),
    ),
    readyForPickup: z.array(z.string()).describe('pickup codes ready at the counter'),
    updatedAt: epochMs,
  })
  .describe('no personal data: safe for a public screen')
  .meta({ id: 'Board' });

// Degraded mode: a kiosk's reserved numbers for when the API is unreachable.
export const reserveBlockBody = z
  .object({
    serviceId: slug,
    size: z.number().int().min(1).max(maxBlockSize).default(defaultBlockSize).describe('how many numbers to reserve'),
  })
  .strict()
  .meta({ id: 'ReserveTicketBlock' });

export const ticketBlockView = z
  .object({
    id: ulidId,
    branchId: slug,
    serviceId: slug,
    prefix: z.string(),
    day: localDate.describe('branch-local day: the numbers mean nothing on another day'),
    from: z.number().int().positive().describe('first sequence number of the block'),
    to: z.number().int().positive().describe('last sequence number of the block (included)'),
    firstNumber: z.string().describe('e.g. A011'),
    lastNumber: z.string().describe('e.g. A020'),
    reservedAt: epochMs,
  })
  .meta({ id: 'TicketBlock' });

export const reserveBlockResult = z
  .object({
    block: ticketBlockView,
    token: z.string().describe("the block's token: send it as X-Customer-Token to reconcile its tickets (only its hash is kept)"),
  })
  .meta({ id: 'ReserveTicketBlockResult' });

export const blockParams = z.object({ branchId: slug, blockId: ulidId });

export const reconcileBody = z
  .object({
    tickets: z
      .array(
        z
          .object({
            seq: z.number().int().positive().describe('the number handed out, without its prefix (A013 → 13); must lie in the block'),
            issuedAt: epochMs.describe('when the kiosk printed it: its place in the queue'),
            language: lang.default('he'),
            needs: needList.default([]),
          })
          .strict(),
      )
      .min(1)
      .max(maxBlockSize),
  })
  .strict()
  .meta({ id: 'ReconcileOfflineTickets' });

export const reconcileResult = z
  .object({
    blockId: ulidId,
    tickets: z
      .array(
        z.object({
          seq: z.number().int(),
          number: z.string(),
          ticketId: ulidId,
          admitted: z.boolean().describe('false: this number had already been admitted (a replay): nothing changed'),
        }),
      )
      .describe('in the order they were issued'),
  })
  .meta({ id: 'ReconcileOfflineTicketsResult' });
