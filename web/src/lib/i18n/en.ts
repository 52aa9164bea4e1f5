// English catalogue. Its shape is the type every other catalogue must match (see Messages).
import type { Widen } from './widen';
import { boardEn } from './board.en';
import { bookingsEn } from './bookings.en';
import { counterEn } from './counter.en';
import { devicesEn } from './devices.en';
import { feedbackEn } from './feedback.en';
import { insightEn } from './insight.en';
import { kioskEn } from './kiosk.en';
import { ordersEn } from './orders.en';
import { peopleEn } from './people.en';
import { privacyEn } from './privacy.en';
import { setupEn } from './setup.en';
import { verifyEn } from './verify.en';
import { webhooksEn } from './webhooks.en';
import { plural } from './plural';

export const en = {
  ...boardEn,
  ...bookingsEn,
  ...counterEn,
  ...devicesEn,
  ...feedbackEn,
  ...insightEn,
  ...kioskEn,
  ...ordersEn,
  ...peopleEn,
  ...privacyEn,
  ...setupEn,
  ...verifyEn,
  ...webhooksEn,
  appName: 'Dalpak',
  skipToContent: 'Skip to main content',
  switchLanguage: 'Language',
  loading: 'Loading…',
  retry: 'Try again',
  stale: 'Reconnecting… what you see may be out of date.',
  notFoundTitle: 'Page not found',
  notFoundBody: 'This address does not lead anywhere in Dalpak.',
  home: 'To the branch list',
  dash: '—',
  back: 'Back',

  // Customer: branches and joining
  branchesTitle: 'Choose a branch',
  branchesIntro: 'See live waits and join the queue from your phone.',
  noBranches: 'No branches to show yet.',
  openNow: 'Open now',
  closedNow: 'Closed now',
  hoursToday: (range: string) => `Today ${range}`,
  closedToday: 'Closed today',
  yourTickets: 'Your tickets',
  yourBookings: 'Your appointments',
  allBranches: 'All branches',
  branchNotFound: 'We could not find this branch.',
  servicesTitle: 'Services and waits',
  waitingCount: (n: number) => (n === 0 ? 'Nobody waiting' : `${n} waiting`),
  // The range and its unit never part at a line end ("about 2–" / "15 min"): a word joiner
  // (\u2060) after the dash and a no-break space (\u00a0) before the unit. "about" may still wrap.
  estimateRange: (lo: number, hi: number) => (lo === hi ? `about ${lo}\u00a0min` : `about ${lo}–\u2060${hi}\u00a0min`),
  noWait: 'Almost no wait',
  estimateThin: 'estimate improving',
  noCounterOpen: 'No counter open right now',
  joinQueue: 'Join the queue',
  joinTitle: 'Join the queue remotely',
  joinIntro: 'Wait wherever you like — this page shows your turn live.',
  serviceLabel: 'Service',
  nameLabel: 'Name (optional)',
  phoneLabel: 'Phone (optional)',
  phoneHint: 'Only used to reach you about your turn.',
  needsLabel: 'Anything we should know?',
  needs: {
    assistance: 'I need assistance',
    seating: 'I need a seat',
    hearing: 'Hearing support',
    vision: 'Vision support',
  },
  reasonLabel: 'What is your visit about? (optional)',
  reasonHint: 'The clerk sees this before you reach the counter.',
  joining: 'Joining…',
  existingNoToken: 'This phone already holds an active ticket at this branch. Open it from the link you got, or cancel it there first.',
  checkInHint: 'Coming for an order pickup or a booked appointment? Check in at the kiosk when you arrive.',
  joinWhenOpen: 'The branch is closed now: you can join its queue from here once it opens.',

  // Customer: the mobile ticket
  ticketTitle: 'Your ticket',
  status: {
    waiting: 'Waiting',
    called: 'Your turn',
    serving: 'Being served',
    done: 'Done',
    no_show: 'Missed',
    cancelled: 'Cancelled',
  },
  peopleAhead: (n: number) => (n === 0 ? "You're next" : `${n} ${plural(n, 'person', 'people')} ahead of you`),
  estimatedWait: 'Estimated wait',
  goToCounter: (n: number) => `Go to counter ${n}`,
  calledAgain: 'We are calling you again',
  servingAt: (n: number) => `You are being served at counter ${n}`,
  doneTitle: 'Thank you for coming',
  doneBody: 'Your visit is complete.',
  cancelledTitle: 'Your ticket is cancelled',
  noShowTitle: 'We missed you',
  noShowBody: 'Your turn passed while you were away. You are welcome to join again.',
  joinAgain: 'Join again',
  tellBranch: 'Let the branch know',
  customerState: { none: '', on_my_way: "I'm on my way", running_late: 'Running late', arrived: "I'm here" },
  cancelTicket: 'Cancel my place',
  confirmCancel: 'Cancel your place in the queue? This cannot be undone.',
  confirmYes: 'Yes, cancel',
  confirmNo: 'Keep my place',
  missingToken: 'This ticket link is incomplete. Open it again from the kiosk QR code or your confirmation link.',
  ticketNotFound: 'We could not find this ticket.',
  keepOpen: 'Keep this page open — it updates by itself.',
  updatedAt: (time: string) => `Updated ${time}`,

  // Customer pages: push notifications and the live-update status
  notifyMe: 'Notify me on this phone',
  // Per kind: each page promises only the news that kind of item sends (see functions/notify/templates.ts).
  notifyMeHint: {
    ticket: 'We tell you when your turn is near and when you are called, even with this page closed.',
    order: 'We tell you when your order is ready to collect, and any news about it, even with this page closed.',
    booking: 'We remind you before your appointment and tell you any news about it, even with this page closed.',
  },
  notifyOn: 'Notifications are on for this phone.',
  notifyDenied: 'Notifications are blocked in this browser. We still send SMS or email if you gave us a number or address.',
  notifyFailed: 'Could not turn on notifications here. Keep this page open, or rely on SMS or email.',
  liveReconnecting: 'Live updates paused — reconnecting. We check every few seconds meanwhile.',

  errors: {
    network: 'No connection. We keep trying.',
    not_found: 'Not found.',
    unauthorized: 'Please sign in.',
    forbidden: 'This is not allowed for your account.',
    counter_busy: 'Your counter is busy: finish the current customer first (complete, no-show or transfer).',
    counter_not_open: 'Open the counter before calling.',
    not_at_this_counter: 'This ticket is not at your counter any more.',
    stale: 'Someone else changed this first. The screen is refreshed; try again.',
    busy: 'The queue is very busy; try again in a moment.',
    conflict: 'That is not possible right now.',
    validation_failed: 'Please check the highlighted fields.',
    too_many_requests: 'Too many requests; please wait a moment.',
    internal: 'Something went wrong on our side. Please try again.',
    invalid_credentials: 'Email or password is wrong.',
    out_of_stock: 'We do not have that many in stock any more. The quantities are updated; please check your order.',
    window_full: 'That pickup time has just filled up.',
    window_too_soon: 'That pickup time is too soon for us to prepare your order.',
    illegal_transition: 'This order cannot move that way any more. The screen is refreshed.',
    code_mismatch: 'This code does not match the order at your counter. Ask the customer to show it again.',
    order_not_ready: 'This order is not ready yet. Mark it ready on the pickup list first.',
    not_a_pickup: 'This ticket is not a pickup order.',
    slot_full: 'That time has just been taken.',
    slot_too_soon: 'That time is too soon to book.',
    not_yet: 'That is not possible yet.',
    too_early: 'It is too early to check in.',
    too_late: 'It is too late for that now.',
    booking_limit: 'This phone or email already holds the most bookings allowed on that day.',
    booking_closed: 'This appointment can no longer be checked in.',
    no_capacity: 'Nobody serves this service at this branch yet.',
  },
};

/** Every catalogue has exactly these keys; a missing one fails the type check. */
export type Messages = Widen<typeof en>;
