// Per-route throttling (requests per second over all callers) for the routes anyone can call
// without an account: what a script would hammer to hoard tickets, slots or stock, guess codes, or
// run up messages. API Gateway enforces them (lib/api.ts, never above the stage's own limit); the
// per-address limit is CloudFront's WAF (lib/edge.ts). The local runtime does not throttle.
import type { routes } from './routes';

type OperationId = (typeof routes)[number]['operationId'];
export interface RouteLimit {
  rateLimit: number;
  burstLimit: number;
}

export const routeLimits: Partial<Record<OperationId, RouteLimit>> = {
  signIn: { rateLimit: 10, burstLimit: 20 }, // password guessing
  takeTicket: { rateLimit: 100, burstLimit: 200 },
  startPhoneVerification: { rateLimit: 10, burstLimit: 20 }, // each one is an SMS we pay for
  confirmPhoneVerification: { rateLimit: 20, burstLimit: 40 }, // guessing codes (5 per code anyway)
  createOrder: { rateLimit: 50, burstLimit: 100 },
  createBooking: { rateLimit: 50, burstLimit: 100 },
  checkInOrder: { rateLimit: 20, burstLimit: 40 }, // guessing pickup codes at a kiosk
  checkInBooking: { rateLimit: 20, burstLimit: 40 }, // guessing booking codes
  reserveTicketBlock: { rateLimit: 5, burstLimit: 10 },
  startDeviceEnrollment: { rateLimit: 5, burstLimit: 10 }, // each one a pending code: a flood would make a guessed code likelier to hit one
  requestCallback: { rateLimit: 5, burstLimit: 10 }, // each one is a person's time
  startCheckout: { rateLimit: 20, burstLimit: 40 },
  submitSurvey: { rateLimit: 20, burstLimit: 40 },
  subscribePush: { rateLimit: 20, burstLimit: 40 },
};
