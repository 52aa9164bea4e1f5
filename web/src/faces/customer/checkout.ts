// The order flow's checkout: saved once the customer has given a contact, so the branch can call
// back if no order follows; the order then carries the same id and closes it. Never in the way:
// a failure is swallowed (and nothing personal is logged), and the order waits for a save in
// flight only briefly, so the save can never land after the order that should close it.
import { uuid } from '../../lib/api';
import { feedbackApi, type StartCheckout } from '../../lib/feedback';

export interface CheckoutDraft {
  name: string;
  phone: string;
  email: string;
  lines: StartCheckout['lines'];
}

const waitAtMostMs = 1500;

export function checkoutTracker(branchId: string) {
  /** One id for this flow, kept across edits and retries. */
  const checkoutId = uuid();
  let saved = false;
  let lastTried = '';
  let inFlight: Promise<unknown> | undefined;

  return {
    checkoutId,
    /** Save the checkout when the contact is complete; once it is saved, never again. */
    contactFilled(d: CheckoutDraft) {
      const t = (s: string) => s.trim();
      if (saved || inFlight || !t(d.name) || !(t(d.phone) || t(d.email)) || d.lines.length === 0) return;
      const body: StartCheckout = {
        checkoutId,
        contact: { name: t(d.name), ...(t(d.phone) && { phone: t(d.phone) }), ...(t(d.email) && { email: t(d.email) }) },
        lines: d.lines,
      };
      const key = JSON.stringify(body.contact);
      if (key === lastTried) return; // refused as it is: try again only with another contact
      lastTried = key;
      inFlight = feedbackApi
        .startCheckout(branchId, body)
        .then(() => (saved = true))
        .catch(() => undefined)
        .finally(() => (inFlight = undefined));
    },
    /** Before the order is sent: let a save in flight land first, but never wait long. */
    settled(): Promise<void> {
      if (!inFlight) return Promise.resolve();
      return Promise.race([inFlight, new Promise((r) => setTimeout(r, waitAtMostMs))]).then(() => undefined);
    },
  };
}
