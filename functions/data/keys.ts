// Every DynamoDB key of the product is built here and nowhere else.
// pk/sk address an item; gsi1pk/gsi1sk list items across partitions.
export interface Key {
  pk: string;
  sk: string;
}

export const keys = {
  branch: (branchId: string): Key => ({ pk: `BRANCH#${branchId}`, sk: 'BRANCH' }),
  /** Branch, services, counters and stats share a partition (and nothing else): getBranch is one query. */
  branchPartition: (branchId: string) => `BRANCH#${branchId}`,
  branchList: () => ({ gsi1pk: 'BRANCHES' }),
  branchListEntry: (branchId: string) => ({ gsi1pk: 'BRANCHES', gsi1sk: branchId }),
  service: (branchId: string, serviceId: string): Key => ({ pk: `BRANCH#${branchId}`, sk: `SERVICE#${serviceId}` }),
  counter: (branchId: string, counterId: string): Key => ({ pk: `BRANCH#${branchId}`, sk: `COUNTER#${counterId}` }),
  /** Measured service times (EWMA) per service. */
  serviceStats: (branchId: string, serviceId: string): Key => ({ pk: `BRANCH#${branchId}`, sk: `STATS#${serviceId}` }),
  /** Gapless ticket numbers: one atomic counter per branch, branch-local day and prefix. */
  ticketSeq: (branchId: string, day: string, prefix: string): Key => ({ pk: `SEQ#${branchId}#${day}#${prefix}`, sk: 'SEQ' }),
  /** One active ticket per contact or device per branch: this item is the lock. */
  activeTicket: (branchId: string, holder: string): Key => ({ pk: `ACTIVE#${branchId}#${holder}`, sk: 'ACTIVE' }),
  ticket: (ticketId: string): Key => ({ pk: `TICKET#${ticketId}`, sk: 'TICKET' }),
  /** A branch day's tickets in joining order (GSI): the queue, the board, the console. */
  ticketDay: (branchId: string, day: string) => ({ gsi1pk: `QUEUE#${branchId}#${day}` }),
  ticketDayEntry: (branchId: string, day: string, joinedAt: number, ticketId: string) => ({
    gsi1pk: `QUEUE#${branchId}#${day}`,
    gsi1sk: `${String(joinedAt).padStart(15, '0')}#${ticketId}`,
  }),
  /** A branch's catalog with its stock (click-and-collect). */
  product: (branchId: string, productId: string): Key => ({ pk: `CATALOG#${branchId}`, sk: `PRODUCT#${productId}` }),
  /** Orders by id; listed per branch and window day (GSI) for the pickup board and expiry. */
  order: (orderId: string): Key => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' }),
  orderDay: (branchId: string, day: string) => ({ gsi1pk: `ORDERS#${branchId}#${day}` }),
  orderDayEntry: (branchId: string, day: string, windowStart: number, orderId: string) => ({
    gsi1pk: `ORDERS#${branchId}#${day}`,
    gsi1sk: `${String(windowStart).padStart(15, '0')}#${orderId}`,
  }),
  /** One counter per pickup window: how many orders it holds (capacity is checked against it). */
  pickupWindowDay: (branchId: string, day: string) => `WINDOWS#${branchId}#${day}`,
  pickupWindow: (branchId: string, day: string, start: number): Key => ({ pk: `WINDOWS#${branchId}#${day}`, sk: `W#${start}` }),
  /** A pickup code is unique per branch: this item claims it and points at the order. */
  pickupCode: (branchId: string, code: string): Key => ({ pk: `PICKUP#${branchId}#${code}`, sk: 'PICKUP' }),
  /** Messages to send, written in the same transaction as the change they announce. */
  outbox: (messageId: string): Key => ({ pk: `OUTBOX#${messageId}`, sk: 'OUTBOX' }),
  outboxList: () => ({ gsi1pk: 'OUTBOX' }),
  outboxEntry: (createdAt: number, messageId: string) => ({ gsi1pk: 'OUTBOX', gsi1sk: `${String(createdAt).padStart(15, '0')}#${messageId}` }),
  /** Bookings by id; listed per branch and slot day (GSI) for the staff day view and the sweeper. */
  booking: (bookingId: string): Key => ({ pk: `BOOKING#${bookingId}`, sk: 'BOOKING' }),
  bookingDay: (branchId: string, day: string) => ({ gsi1pk: `BOOKINGS#${branchId}#${day}` }),
  bookingDayEntry: (branchId: string, day: string, slotStart: number, bookingId: string) => ({
    gsi1pk: `BOOKINGS#${branchId}#${day}`,
    gsi1sk: `${String(slotStart).padStart(15, '0')}#${bookingId}`,
  }),
  /** One counter per appointment slot of a service: how many bookings it holds. */
  appointmentSlotDay: (branchId: string, serviceId: string, day: string) => `SLOTS#${branchId}#${serviceId}#${day}`,
  appointmentSlot: (branchId: string, serviceId: string, day: string, start: number): Key => ({ pk: `SLOTS#${branchId}#${serviceId}#${day}`, sk: `S#${start}` }),
  /** A booking code is unique per branch: this item claims it and points at the booking. */
  bookingCode: (branchId: string, code: string): Key => ({ pk: `BOOKCODE#${branchId}#${code}`, sk: 'BOOKCODE' }),
  /** Bookings a contact holds on one branch day (a cap stops slot hoarding). */
  contactBookings: (branchId: string, contactKey: string, day: string): Key => ({ pk: `BOOKLIMIT#${branchId}#${contactKey}#${day}`, sk: 'BOOKLIMIT' }),
  /** A scheduled message (reminder) has a fixed id per booking and lead, so a reschedule replaces it. */
  reminderId: (bookingId: string, minutesBefore: number) => `reminder-${bookingId}-${minutesBefore}`,
  /** A live WebSocket connection, and one item per topic it listens to (fan-out queries the topic). */
  connection: (connectionId: string): Key => ({ pk: `CONN#${connectionId}`, sk: 'CONN' }),
  topic: (topic: string) => `TOPIC#${topic}`,
  subscription: (topic: string, connectionId: string): Key => ({ pk: `TOPIC#${topic}`, sk: `CONN#${connectionId}` }),
  staffUser: (email: string): Key => ({ pk: `USER#${email.toLowerCase()}`, sk: 'USER' }),
} as const;
