// Click-and-collect vocabulary. Pure data: no AWS, no HTTP.

export const orderStatuses = ['placed', 'preparing', 'ready', 'collected', 'cancelled', 'expired'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export interface OrderLine {
  productId: string;
  name: { he: string; en: string };
  quantity: number;
  unitPriceAgorot: number;
}

export interface PickupWindow {
  start: number; // epoch ms
  end: number;
}

export interface OrderContact {
  name: string;
  phone?: string;
  email?: string;
}

export interface Order {
  id: string; // ULID, never shown
  branchId: string;
  code: string; // the short pickup code read aloud at the counter
  status: OrderStatus;
  lines: OrderLine[];
  totalAgorot: number;
  window: PickupWindow;
  contact: OrderContact;
  note?: string;
  language: 'he' | 'en';
  createdAt: number;
  preparingAt?: number;
  readyAt?: number;
  collectedAt?: number;
  endedAt?: number;
  cancelledBy?: 'customer' | 'staff';
  /** Where the packed bag waits (shelf, box), for the clerk who hands it over. */
  bagLocation?: string;
  /** Checked in at the branch: the pickup-lane ticket that serves this order. */
  ticketId?: string;
  arrivedAt?: number;
  version: number;
}

/** Per-branch knobs of click-and-collect, with defaults. */
export interface PickupConfig {
  windowMinutes: number;
  capacityPerWindow: number;
  /** Preparation time: a window must start at least this long after the order. */
  leadMinutes: number;
  /** How far ahead a customer may book a window. */
  horizonDays: number;
  /** An order not collected this long after its window ends expires and frees its stock. */
  expireAfterMinutes: number;
}

export const defaultPickupConfig: PickupConfig = {
  windowMinutes: 15,
  capacityPerWindow: 10,
  leadMinutes: 30,
  horizonDays: 7,
  expireAfterMinutes: 120,
};
