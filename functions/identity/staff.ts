// Staff of a branch, managed by its managers (issue 7): thin operations over the pure rules
// (domain/identity/staff-rules.ts) and the directory (Cognito in AWS, the table locally).
import { ValidationError, ConflictError, NotFoundError } from '../domain/errors';
import { assertPeopleManager, decideInvite, decideRemoval, decideUpdate, managesBranch, serves, type Actor } from '../domain/identity/staff-rules';
import { branchExists } from '../data/setup-repo';
import { revokeStaffSessions } from '../data/staff-repo';
import type { StaffClaims } from '../http/auth';
import { Reply, type OperationRequest } from '../http/handler';
import { forgetSessionFloor } from '../http/sessions';
import { staffDirectory, type StaffMember } from './directory';

const actorOf = (s: StaffClaims | undefined): Actor => ({ id: s!.sub, roles: s!.roles, branches: s!.branches });
const byName = (a: StaffMember, b: StaffMember) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email);

async function peopleOf(branchId: string): Promise<StaffMember[]> {
  return (await (await staffDirectory()).list()).filter((p) => serves(p, branchId)).sort(byName);
}

/** The person on this branch, as last read; 409 `stale` when the caller saw another version. */
async function target(branchId: string, staffId: string, seenVersion: number | undefined): Promise<StaffMember> {
  const person = await (await staffDirectory()).get(staffId);
  if (!person || !serves(person, branchId)) throw new NotFoundError('No such person on this branch');
  if (seenVersion !== undefined && seenVersion !== person.version) throw new ConflictError('Someone changed this person meanwhile; reload and try again', 'stale');
  return person;
}

/** Old tokens of the person stop working at once (their claims are no longer true). */
async function endSessions(person: StaffMember, now: number): Promise<void> {
  await revokeStaffSessions(person.id, now);
  forgetSessionFloor(person.id);
  await (await staffDirectory()).signOutEverywhere(person);
}

export async function listStaff({ params, staff }: OperationRequest) {
  assertPeopleManager(actorOf(staff), params.branchId);
  return { people: await peopleOf(params.branchId) };
}

export async function inviteStaff({ params, body, staff, now }: OperationRequest) {
  const decided = decideInvite(actorOf(staff), params.branchId, body);
  const unknown: string[] = [];
  for (const b of decided.branches) if (b !== '*' && !(await branchExists(b))) unknown.push(b);
  if (unknown.length) throw new ValidationError('No such branch', [{ field: 'body.branches', reason: `no such branch: ${unknown.join(', ')}` }]);
  const invitation = await (await staffDirectory()).invite({ email: body.email, name: body.name, ...decided }, now);
  return new Reply(201, invitation);
}

export async function updateStaff({ params, body, staff, now }: OperationRequest) {
  const person = await target(params.branchId, params.staffId, body.version);
  const managers = (await peopleOf(params.branchId)).filter((p) => managesBranch(p, params.branchId));
  const change = decideUpdate(actorOf(staff), params.branchId, person, body, managers);
  if (change.roles.join() === person.roles.join() && change.branches.join() === person.branches.join()) return person;
  const updated = await (await staffDirectory()).update(person, change);
  await endSessions(person, now);
  return updated;
}

export async function removeStaff({ params, body, staff, now }: OperationRequest) {
  const person = await target(params.branchId, params.staffId, body?.version);
  const managers = (await peopleOf(params.branchId)).filter((p) => managesBranch(p, params.branchId));
  const removal = decideRemoval(actorOf(staff), params.branchId, person, managers);
  const directory = await staffDirectory();
  if (removal.kind === 'delete') {
    await directory.remove(person);
    await endSessions(person, now);
    return { outcome: 'removed' as const };
  }
  const member = await directory.update(person, { roles: person.roles, branches: removal.branches });
  await endSessions(person, now);
  return { outcome: 'left_branch' as const, member };
}
