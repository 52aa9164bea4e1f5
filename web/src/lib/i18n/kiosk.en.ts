// Kiosk: taking a number, checking in with a pickup or booking code, and the offline mode.
import { plural } from './plural';

export const kioskEn = {
  // Kiosk
  kioskTitle: 'Take a number',
  kioskIntro: 'Tap the service you need',
  largeText: 'Large text',
  takingTicket: 'Getting your number…',
  yourNumber: 'Your number',
  scanToFollow: 'Scan to follow your turn on your phone',
  print: 'Print ticket',
  finish: 'Done',
  resetIn: (s: number) => `Back to the start in ${s} s`,
  kioskOtherHelp: 'Ordered ahead or booked an appointment? Check in above with your code.',
  checkInStart: 'I ordered ahead — check in',
  checkInTitle: 'Check in for your order',
  checkInIntro: 'Type the pickup code from your order confirmation.',
  pickupCodeHint: '6 letters and digits, as shown with your order',
  checkInSubmit: 'Check in',
  checkingIn: 'Checking you in…',
  pickupReadyLine: 'Your order is ready — you will be called to the pickup counter',
  pickupPreparingLine: 'Your order is being prepared — we will call you when it is ready',
  alreadyCheckedIn: 'You had already checked in for this order: this is your number.',
  checkInErrors: {
    malformed: 'That is not a pickup code. It has 6 letters and digits — please check it and try again.',
    unknown: 'We could not find an order with this code at this branch. Please check the code.',
    collected: 'This order was already collected.',
    cancelled: 'This order is cancelled.',
    expired: 'This order has expired: its pickup time passed.',
    closed: 'The branch is closed now. Check in when you arrive during opening hours.',
    noPickup: 'This branch has no pickup counter. Please ask a clerk.',
  },
  noWalkinServices: 'There are no services to join right now.',
  branchClosed: 'The branch is closed now.',
  // Kiosk: degraded mode (no connection, numbers from the kiosk's reserved block)
  kioskOfflineBanner: 'No connection right now — you can still take a number. The clerk will call it out.',
  kioskOfflinePending: (n: number) => `${n} ${plural(n, 'ticket', 'tickets')} from this kiosk will join the queue when the connection is back.`,
  kioskOfflineTag: 'Offline ticket',
  kioskOfflineNote: 'Printed without a connection: the clerk will call your number out at the counter. Please stay nearby.',
  kioskOfflineNoNumbers: 'No connection, and this kiosk has no numbers left. Please ask a clerk.',

  // Kiosk: appointments
  bookingCheckInStart: 'I have an appointment',
  bookingCheckInTitle: 'Check in for your appointment',
  bookingCheckInIntro: 'Type the booking code from your confirmation.',
  bookingCodeHint: '6 letters and digits, as shown with your booking',
  alreadyCheckedInBooking: 'You had already checked in for this appointment: this is your number.',
  bookingCheckInErrors: {
    malformed: 'That is not a booking code. It has 6 letters and digits — please check it and try again.',
    unknown: 'We could not find an appointment with this code at this branch. Please check the code.',
    tooEarly: 'It is too early to check in for this appointment.',
    tooEarlyAt: (when: string) => `It is too early to check in: check-in opens ${when}.`,
    tooLate: 'Check-in for this appointment has closed: its time has passed. Please ask a clerk.',
    closed: 'The branch is closed now. Check in when you arrive during opening hours.',
  },
};
