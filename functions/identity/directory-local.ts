// The laptop's staff directory: people are items of the table (staff-repo.ts). An invitation
// makes the person at once, with a temporary password shown once to the manager who invited
// them; the person signs in with it on `npm start` (status 'invited' until they do).
import { randomInt } from 'node:crypto';
import {
  createLocalStaffUser,
  deleteLocalStaffUser,
  getLocalStaffUser,
  listLocalStaffUsers,
  localStaffId,
  updateLocalStaffUser,
  type LocalStaffUser,
} from '../data/staff-repo';
import type { StaffDirectory, StaffMember } from './directory';
import { hashPassword } from './passwords';

// No look-alikes (0/O, 1/l/I), so it survives being read aloud or copied by hand.
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
/** Three groups of four, e.g. `Kq7m-Xp3r-Tz9w` (about 70 bits). */
export function temporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

const member = (u: LocalStaffUser): StaffMember => ({
  id: u.id,
  email: u.email,
  name: u.name,
  roles: u.roles,
  branches: u.branches,
  status: u.status,
  version: u.version,
});

export function localDirectory(): StaffDirectory {
  return {
    async list() {
      return (await listLocalStaffUsers()).map(member);
    },
    async get(id) {
      const u = await getLocalStaffUser(id);
      return u && member(u);
    },
    async invite(person, now) {
      const password = temporaryPassword();
      const email = person.email.trim().toLowerCase();
      const user: LocalStaffUser = {
        id: localStaffId(email),
        email,
        name: person.name,
        roles: person.roles,
        branches: person.branches,
        passwordHash: await hashPassword(password),
        status: 'invited',
        version: 0,
        createdAt: now,
      };
      await createLocalStaffUser(user);
      return { member: member(user), temporaryPassword: password };
    },
    async update(m, change) {
      return member(await updateLocalStaffUser(m.email, m.version, change));
    },
    async remove(m) {
      await deleteLocalStaffUser(m.email, m.version);
    },
    async signOutEverywhere() {
      // Local tokens are refused by the session floor (staff-repo revokeStaffSessions), written by the caller.
    },
  };
}
