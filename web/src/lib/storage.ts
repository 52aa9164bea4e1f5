// What a customer's device remembers: a random device id (one active ticket per device)
// and the tokens of its own tickets, orders and bookings (the only key to them; never sent
// in a URL path).
import { uuid } from './api';

const deviceKey = 'dalpak.device';

export function deviceId(): string {
  let id = localStorage.getItem(deviceKey);
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    id = uuid().replace(/-/g, '');
    localStorage.setItem(deviceKey, id);
  }
  return id;
}

interface Kept {
  id: string;
  token: string;
  branchId: string;
  savedAt: number;
}

/** A short list in localStorage, newest first, forgetting entries older than `maxAgeMs`. */
function keptList<T extends Kept>(key: string, maxAgeMs: number) {
  const all = (): T[] => {
    try {
      const list = JSON.parse(localStorage.getItem(key) ?? '[]') as T[];
      const limit = Date.now() - maxAgeMs;
      return Array.isArray(list) ? list.filter((x) => x && x.id && x.token && x.savedAt > limit) : [];
    } catch {
      return [];
    }
  };
  const write = (list: T[]) => localStorage.setItem(key, JSON.stringify(list.slice(0, 10)));
  return {
    all,
    save: (x: Omit<T, 'savedAt'>) => write([{ ...x, savedAt: Date.now() } as T, ...all().filter((y) => y.id !== x.id)]),
    forget: (id: string) => write(all().filter((x) => x.id !== id)),
    tokenFor: (id: string): string | undefined => all().find((x) => x.id === id)?.token,
  };
}

const day = 24 * 3600_000;
const link = (prefix: string, id: string, token: string) => `/${prefix}/${encodeURIComponent(id)}#k=${encodeURIComponent(token)}`;

export interface SavedTicket extends Kept {
  number: string;
}
const tickets = keptList<SavedTicket>('dalpak.tickets', day);
export const savedTickets = tickets.all;
export const saveTicket = tickets.save;
export const forgetTicket = tickets.forget;
export const tokenFor = tickets.tokenFor;
export const ticketLink = (id: string, token: string) => link('t', id, token);

// Orders are kept like tickets, but longer: a pickup may be booked up to a week ahead.
export interface SavedOrder extends Kept {
  code: string;
}
const orders = keptList<SavedOrder>('dalpak.orders', 9 * day);
export const savedOrders = orders.all;
export const saveOrder = orders.save;
export const orderTokenFor = orders.tokenFor;
export const orderLink = (id: string, token: string) => link('o', id, token);

// Appointments may be booked a month ahead (the booking horizon), so they are kept longer still.
export interface SavedBooking extends Kept {
  code: string;
}
const bookings = keptList<SavedBooking>('dalpak.bookings', 32 * day);
export const savedBookings = bookings.all;
export const saveBooking = bookings.save;
export const bookingTokenFor = bookings.tokenFor;
/** `/a/:id#k=<token>`: "a" for appointment; the token rides in the fragment, never sent to a server. */
export const bookingLink = (id: string, token: string) => link('a', id, token);
