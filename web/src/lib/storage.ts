// What a customer's device remembers: a random device id (one active ticket per device)
// and the tokens of its own tickets (the only key to them; never sent in a URL path).
import { uuid } from './api';

const deviceKey = 'dalpak.device';
const ticketsKey = 'dalpak.tickets';

export function deviceId(): string {
  let id = localStorage.getItem(deviceKey);
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    id = uuid().replace(/-/g, '');
    localStorage.setItem(deviceKey, id);
  }
  return id;
}

export interface SavedTicket {
  id: string;
  token: string;
  number: string;
  branchId: string;
  savedAt: number;
}

export function savedTickets(): SavedTicket[] {
  try {
    const list = JSON.parse(localStorage.getItem(ticketsKey) ?? '[]') as SavedTicket[];
    const dayAgo = Date.now() - 24 * 3600_000;
    return Array.isArray(list) ? list.filter((x) => x && x.id && x.token && x.savedAt > dayAgo) : [];
  } catch {
    return [];
  }
}

export function saveTicket(t: Omit<SavedTicket, 'savedAt'>) {
  const rest = savedTickets().filter((x) => x.id !== t.id);
  localStorage.setItem(ticketsKey, JSON.stringify([{ ...t, savedAt: Date.now() }, ...rest].slice(0, 10)));
}

export function forgetTicket(id: string) {
  localStorage.setItem(ticketsKey, JSON.stringify(savedTickets().filter((x) => x.id !== id)));
}

export const tokenFor = (id: string): string | undefined => savedTickets().find((x) => x.id === id)?.token;

export const ticketLink = (id: string, token: string) => `/t/${encodeURIComponent(id)}#k=${encodeURIComponent(token)}`;

// Orders are kept like tickets, but longer: a pickup may be booked up to a week ahead.
const ordersKey = 'dalpak.orders';

export interface SavedOrder {
  id: string;
  token: string;
  code: string;
  branchId: string;
  savedAt: number;
}

export function savedOrders(): SavedOrder[] {
  try {
    const list = JSON.parse(localStorage.getItem(ordersKey) ?? '[]') as SavedOrder[];
    const limit = Date.now() - 9 * 24 * 3600_000;
    return Array.isArray(list) ? list.filter((x) => x && x.id && x.token && x.savedAt > limit) : [];
  } catch {
    return [];
  }
}

export function saveOrder(o: Omit<SavedOrder, 'savedAt'>) {
  const rest = savedOrders().filter((x) => x.id !== o.id);
  localStorage.setItem(ordersKey, JSON.stringify([{ ...o, savedAt: Date.now() }, ...rest].slice(0, 10)));
}

export const orderTokenFor = (id: string): string | undefined => savedOrders().find((x) => x.id === id)?.token;

export const orderLink = (id: string, token: string) => `/o/${encodeURIComponent(id)}#k=${encodeURIComponent(token)}`;
