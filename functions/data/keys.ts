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
  /** A kiosk's reserved block of numbers for degraded mode (see domain/queue/blocks.ts). */
  ticketBlock: (blockId: string): Key => ({ pk: `TBLOCK#${blockId}`, sk: 'TBLOCK' }),
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
  /** Scheduled messages (reminders) by the time they are due: the release job reads up to "now". */
  scheduledList: () => ({ gsi1pk: 'SCHEDULED' }),
  scheduledEntry: (sendAt: number, messageId: string) => ({ gsi1pk: 'SCHEDULED', gsi1sk: `${String(sendAt).padStart(15, '0')}#${messageId}` }),
  scheduledUpTo: (now: number) => `${String(now).padStart(15, '0')}#~`,
  /**
   * One record per message, channel and version of the message (a reminder rewritten by a reschedule
   * is a new version): claimed before sending, so a replayed batch never sends twice.
   */
  delivery: (messageId: string, version: number, channel: string): Key => ({ pk: `DELIVERY#${messageId}`, sk: `${channel}#${version}` }),
  /** What the local channel set "sent" (npm start shows them at /dev/outbox), newest last in the index. */
  localDelivery: (deliveryId: string): Key => ({ pk: `LOCALMSG#${deliveryId}`, sk: 'LOCALMSG' }),
  localDeliveryList: () => ({ gsi1pk: 'LOCALMSG' }),
  localDeliveryEntry: (at: number, deliveryId: string) => ({ gsi1pk: 'LOCALMSG', gsi1sk: `${String(at).padStart(15, '0')}#${deliveryId}` }),
  /** Web Push subscriptions of one customer item (ticket, order or booking), one per browser endpoint. */
  pushSubscriptions: (kind: string, itemId: string) => `PUSH#${kind}#${itemId}`,
  pushSubscription: (kind: string, itemId: string, endpointHash: string): Key => ({ pk: `PUSH#${kind}#${itemId}`, sk: `SUB#${endpointHash}` }),
  /** The Web Push identity generated by a local system that was given none (kept with its data). */
  localVapidKeys: (): Key => ({ pk: 'CONFIG#vapid', sk: 'CONFIG' }),
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
  /** Integrators' webhooks of a branch, and one item per (event, webhook) so a delivery happens once. */
  webhookPartition: (branchId: string) => `WEBHOOKS#${branchId}`,
  webhook: (branchId: string, webhookId: string): Key => ({ pk: `WEBHOOKS#${branchId}`, sk: `HOOK#${webhookId}` }),
  webhookDelivery: (eventId: string, webhookId: string): Key => ({ pk: `HOOKDELIVERY#${eventId}#${webhookId}`, sk: 'DELIVERY' }),
  /** Statistics: one cell per branch, branch-local day, service and hour (only ever added to). */
  insightDay: (branchId: string, day: string) => `INSIGHT#${branchId}#${day}`,
  insightCell: (branchId: string, day: string, serviceId: string, hour: number): Key => ({ pk: `INSIGHT#${branchId}#${day}`, sk: `${serviceId}#${String(hour).padStart(2, '0')}` }),
  /** A stream record already added into the statistics: a replay adds nothing. */
  insightMark: (eventId: string): Key => ({ pk: `INSIGHTMARK#${eventId}`, sk: 'MARK' }),
  /** One survey answer per visit (a served ticket or a collected order). */
  survey: (kind: string, visitId: string): Key => ({ pk: `SURVEY#${kind}#${visitId}`, sk: 'SURVEY' }),
  surveyDayEntry: (branchId: string, day: string, visitId: string) => ({ gsi1pk: `SURVEYS#${branchId}#${day}`, gsi1sk: visitId }),
  /** Moments of truth: people staff should call back, per branch. */
  momentsOf: (branchId: string) => `MOMENTS#${branchId}`,
  moment: (branchId: string, momentId: string): Key => ({ pk: `MOMENTS#${branchId}`, sk: `M#${momentId}` }),
  /** A started checkout; listed per branch (GSI) while no order has completed it. */
  checkout: (checkoutId: string): Key => ({ pk: `CHECKOUT#${checkoutId}`, sk: 'CHECKOUT' }),
  checkoutList: (branchId: string) => ({ gsi1pk: `CHECKOUTS#${branchId}` }),
  checkoutEntry: (branchId: string, createdAt: number, checkoutId: string) => ({ gsi1pk: `CHECKOUTS#${branchId}`, gsi1sk: `${String(createdAt).padStart(15, '0')}#${checkoutId}` }),
  /**
   * Data protection: one link per (contact, personal item), written with the item and expiring
   * after it, so a manager finds everything a phone or email left in a branch (privacy-repo.ts).
   * The contact is only its hash (domain/privacy/contact.ts); the sort key starts with the branch.
   */
  contactLinks: (contactHash: string) => `CONTACT#${contactHash}`,
  contactLinksOfBranch: (branchId: string) => `${branchId}#`,
  contactLink: (contactHash: string, branchId: string, kind: string, itemId: string): Key => ({ pk: `CONTACT#${contactHash}`, sk: `${branchId}#${kind}#${itemId}` }),
  /** What a manager erased: the contact's hash, counts, who and when (never the contact itself). */
  erasure: (branchId: string, erasureId: string): Key => ({ pk: `ERASURES#${branchId}`, sk: `E#${erasureId}` }),
  /** Local user store (AWS: Cognito): one item per staff member by email, listed by id (GSI). */
  staffUser: (email: string): Key => ({ pk: `USER#${email.toLowerCase()}`, sk: 'USER' }),
  staffList: () => ({ gsi1pk: 'STAFF' }),
  staffListEntry: (staffId: string) => ({ gsi1pk: 'STAFF', gsi1sk: staffId }),
  /** Sessions of a staff member (the token's sub) issued before `revokedAt` are refused (both modes). */
  staffSessions: (sub: string): Key => ({ pk: `STAFFSESSION#${sub}`, sk: 'SESSION' }),
  /** Kiosks and boards (domain/devices.ts): an enrollment shown as a code, its code claimed per branch. */
  deviceEnrollment: (enrollmentId: string): Key => ({ pk: `DEVENROLL#${enrollmentId}`, sk: 'DEVENROLL' }),
  enrollmentCode: (branchId: string, code: string): Key => ({ pk: `DEVCODE#${branchId}#${code}`, sk: 'DEVCODE' }),
  /** Wrong codes one person typed for a branch in one window (confirmations are limited). */
  wrongEnrollmentCodes: (branchId: string, staffId: string, windowStart: number): Key => ({ pk: `DEVCODEMISS#${branchId}#${staffId}#${windowStart}`, sk: 'MISS' }),
  /** An enrolled device by id (its token carries the id); listed per branch (GSI). */
  device: (deviceId: string): Key => ({ pk: `DEVICE#${deviceId}`, sk: 'DEVICE' }),
  deviceList: (branchId: string) => ({ gsi1pk: `DEVICES#${branchId}` }),
  deviceListEntry: (branchId: string, enrolledAt: number, deviceId: string) => ({ gsi1pk: `DEVICES#${branchId}`, gsi1sk: `${String(enrolledAt).padStart(15, '0')}#${deviceId}` }),
  /** Phone verification before a remote ticket (domain/identity/phone-code.ts): one per code sent. */
  phoneVerification: (verificationId: string): Key => ({ pk: `PHONEVERIFY#${verificationId}`, sk: 'PHONEVERIFY' }),
  /** When codes went to one phone (its contact hash): the per-phone limit's sliding window. */
  phoneCodeSends: (phoneHash: string): Key => ({ pk: `PHONECODES#${phoneHash}`, sk: 'PHONECODES' }),
  /** Codes one branch sent in one fixed window: the per-branch cap. */
  branchPhoneCodes: (branchId: string, windowStart: number): Key => ({ pk: `PHONECODES#${branchId}#${windowStart}`, sk: 'BRANCH' }),
} as const;
