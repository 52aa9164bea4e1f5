import type { Branch } from '../domain/branch';
import { addDays, localDay, weekdayOf } from '../domain/time';
import type { Counter, Service } from '../domain/queue/types';
import type { StaffRole } from '../http/auth';

// The demo organisation `npm start` seeds: two branches, their services, counters,
// a small catalog and staff sign-ins. Tests seed the same shapes under their own ids.
export interface DemoBranch {
  branch: Branch;
  services: Service[];
  counters: Counter[];
  catalog: { id: string; name: { he: string; en: string }; priceAgorot: number; stock: number; category: string }[];
}

export interface DemoUser {
  email: string;
  name: string;
  password: string;
  roles: StaffRole[];
  branches: string[];
}

// A demo closed afternoon: the coming Thursday at Haifa (relative, so the demo never goes stale).
const today = localDay(Date.now(), 'Asia/Jerusalem');
const comingThursday = addDays(today, ((4 - weekdayOf(today) + 7) % 7) || 7);

const weekdays = (days: number[], open: string, close: string) => days.map((weekday) => ({ weekday, open, close }));

const svc = (id: string, prefix: string, he: string, en: string, kind: Service['kind'], expectedMinutes: number, priority = 0): Service => ({
  id, prefix, name: { he, en }, kind, expectedMinutes, priority,
});

const counter = (n: number, serviceIds: string[], pickup = false): Counter => ({
  id: `c${n}`, number: n, serviceIds, pickup, status: 'closed',
});

const catalog: DemoBranch['catalog'] = [
  { id: 'sim-card', name: { he: 'כרטיס SIM', en: 'SIM card' }, priceAgorot: 2000, stock: 40, category: 'mobile' },
  { id: 'charger-usb-c', name: { he: 'מטען USB-C', en: 'USB-C charger' }, priceAgorot: 8900, stock: 12, category: 'accessories' },
  { id: 'router-wifi6', name: { he: 'נתב Wi-Fi 6', en: 'Wi-Fi 6 router' }, priceAgorot: 34900, stock: 5, category: 'home' },
  { id: 'phone-case', name: { he: 'כיסוי לטלפון', en: 'Phone case' }, priceAgorot: 4900, stock: 25, category: 'accessories' },
];

export const demoBranches: DemoBranch[] = [
  {
    branch: {
      id: 'tel-aviv-center',
      name: { he: 'דלפק תל אביב מרכז', en: 'Dalpak Tel Aviv Center' },
      address: { he: 'רחוב אבן גבירול 30, תל אביב', en: '30 Ibn Gabirol St, Tel Aviv' },
      timeZone: 'Asia/Jerusalem',
      hours: [...weekdays([0, 1, 2, 3, 4], '08:00', '20:00'), ...weekdays([5], '08:00', '14:00')],
    },
    services: [
      svc('general', 'A', 'שירות כללי', 'General service', 'walkin', 6),
      svc('accounts', 'B', 'חשבונות ועסקים', 'Accounts and business', 'walkin', 12),
      svc('appointments', 'C', 'פגישות שנקבעו', 'Booked appointments', 'appointment', 15),
      svc('pickup', 'P', 'איסוף הזמנות', 'Order pickup', 'pickup', 2),
    ],
    counters: [
      counter(1, ['general', 'accounts']),
      counter(2, ['general', 'accounts']),
      counter(3, ['general', 'accounts', 'appointments']),
      counter(4, ['accounts', 'appointments']),
      counter(5, ['pickup'], true),
    ],
    catalog,
  },
  {
    branch: {
      id: 'haifa-port',
      name: { he: 'דלפק חיפה נמל', en: 'Dalpak Haifa Port' },
      address: { he: 'דרך העצמאות 55, חיפה', en: '55 HaAtsmaut Rd, Haifa' },
      timeZone: 'Asia/Jerusalem',
      hours: weekdays([0, 1, 2, 3, 4], '08:30', '18:00'),
      exceptions: [{ day: comingThursday, hours: [{ open: '08:30', close: '12:30' }], label: { he: 'הדרכת צוות אחר הצהריים', en: 'Staff training in the afternoon' } }],
    },
    services: [
      svc('general', 'A', 'שירות כללי', 'General service', 'walkin', 7),
      svc('documents', 'D', 'מסמכים ואישורים', 'Documents and permits', 'walkin', 10),
      svc('appointments', 'C', 'פגישות שנקבעו', 'Booked appointments', 'appointment', 20),
      svc('pickup', 'P', 'איסוף הזמנות', 'Order pickup', 'pickup', 2),
    ],
    counters: [
      counter(1, ['general', 'documents']),
      counter(2, ['general', 'documents', 'appointments']),
      counter(3, ['pickup', 'general'], true),
    ],
    catalog: catalog.map((p) => ({ ...p, stock: Math.ceil(p.stock / 2) })),
  },
];

export const demoPassword = 'demo1234';
export const demoUsers: DemoUser[] = [
  { email: 'admin@dalpak.test', name: 'Dana Admin', password: demoPassword, roles: ['admin'], branches: ['*'] },
  { email: 'manager@dalpak.test', name: 'Moshe Manager', password: demoPassword, roles: ['manager'], branches: ['tel-aviv-center', 'haifa-port'] },
  { email: 'clerk.tlv@dalpak.test', name: 'Tamar Clerk', password: demoPassword, roles: ['clerk'], branches: ['tel-aviv-center'] },
  { email: 'clerk.haifa@dalpak.test', name: 'Hadi Clerk', password: demoPassword, roles: ['clerk'], branches: ['haifa-port'] },
];
