// The signed-in clerk and the counter they sit at, for this browser tab only (sessionStorage):
// a shared branch PC must not keep a clerk signed in after the tab closes.
import { api, staffToken, whenStaffUnauthorized } from '../../lib/api';
import type { StaffUser } from '../../lib/types';

const userKey = 'dalpak.staff.user';
const deskKey = 'dalpak.staff.desk';

export interface Desk {
  branchId: string;
  counterId: string;
}

function load<T>(key: string): T | undefined {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

function store(key: string, value: unknown) {
  if (value === undefined) sessionStorage.removeItem(key);
  else sessionStorage.setItem(key, JSON.stringify(value));
}

const saved = load<{ user: StaffUser; expiresAt: number }>(userKey);
const valid = saved && staffToken.get() && saved.expiresAt > Date.now();
let user = $state<StaffUser | undefined>(valid ? saved.user : undefined);
let desk = $state<Desk | undefined>(valid ? load<Desk>(deskKey) : undefined);
/** Why the clerk is looking at the sign-in form again (e.g. the session expired). */
let notice = $state<'expired' | undefined>();

export const session = {
  get user() {
    return user;
  },
  get desk() {
    return desk;
  },
  get notice() {
    return notice;
  },
  async signIn(email: string, password: string, newPassword?: string) {
    const res = await api.signIn(email, password, newPassword);
    staffToken.set(res.token);
    store(userKey, { user: res.user, expiresAt: res.expiresAt });
    user = res.user;
    notice = undefined;
  },
  signOut(reason?: 'expired') {
    staffToken.clear();
    store(userKey, undefined);
    store(deskKey, undefined);
    user = undefined;
    desk = undefined;
    notice = reason;
  },
  chooseDesk(next: Desk | undefined) {
    desk = next;
    store(deskKey, next);
  },
  /** A manager or an admin: may see and change a branch's integrations (the server checks again). */
  get manages(): boolean {
    return !!user && user.roles.some((r) => r === 'manager' || r === 'admin');
  },
  /** Branches this user may work in; '*' (or admin) means every branch. */
  allows(branchId: string): boolean {
    return !!user && (user.roles.includes('admin') || user.branches.includes('*') || user.branches.includes(branchId));
  },
};

whenStaffUnauthorized(() => session.signOut('expired'));
