// Who may invite, change and remove whom (issue 7). Pure: the actor's claims and the people
// involved come in, a decision or a refusal (a DomainError) goes out. No AWS, no HTTP.
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';

export type Role = 'admin' | 'manager' | 'clerk';
export const ALL_BRANCHES = '*';

/** Someone acting: their id (the token's sub), roles and branches ('*' = every branch). */
export interface Actor {
  id: string;
  roles: readonly Role[];
  branches: readonly string[];
}
/** A person on the staff as the directory holds them. */
export interface Person {
  id: string;
  roles: readonly Role[];
  branches: readonly string[];
}

export const isAdmin = (p: Pick<Actor, 'roles'>): boolean => p.roles.includes('admin');
export const serves = (p: Pick<Person, 'roles' | 'branches'>, branchId: string): boolean =>
  isAdmin(p) || p.branches.includes(ALL_BRANCHES) || p.branches.includes(branchId);
/** The actor holds this branch: an admin and a '*' holder hold every branch. */
const holds = (a: Actor, branchId: string): boolean => serves(a, branchId);
const holdsAll = (a: Actor): boolean => isAdmin(a) || a.branches.includes(ALL_BRANCHES);
/** A manager of the branch (admins are not counted: they serve every branch by role). */
export const managesBranch = (p: Pick<Person, 'roles' | 'branches'>, branchId: string): boolean =>
  p.roles.includes('manager') && (p.branches.includes(ALL_BRANCHES) || p.branches.includes(branchId));

/** Only a manager of the branch, or an admin, manages its people. */
export function assertPeopleManager(actor: Actor, branchId: string): void {
  if (!holds(actor, branchId)) throw new ForbiddenError('This branch is not yours');
  if (!isAdmin(actor) && !actor.roles.includes('manager')) throw new ForbiddenError('Only a manager of this branch manages its staff');
}

function assertMayGrantRole(actor: Actor, role: Role): void {
  if (role === 'admin' && !isAdmin(actor)) {
    throw new ForbiddenError('Only an admin makes admins', [{ field: 'body.role', reason: 'only an admin makes admins' }]);
  }
}

/** The branches asked for, checked: each held by the actor, no duplicates, '*' for admins only. */
function grantable(actor: Actor, wanted: readonly string[]): string[] {
  const unique = [...new Set(wanted)];
  if (unique.includes(ALL_BRANCHES) && !isAdmin(actor)) {
    throw new ForbiddenError('Only an admin grants every branch', [{ field: 'body.branches', reason: 'only an admin grants every branch' }]);
  }
  const foreign = unique.filter((b) => b !== ALL_BRANCHES && !holds(actor, b));
  if (foreign.length) {
    throw new ForbiddenError('You can only grant branches you hold', [{ field: 'body.branches', reason: `not yours: ${foreign.join(', ')}` }]);
  }
  return unique;
}

export interface InviteInput {
  role: Role;
  branches?: readonly string[];
}
/** An invitation into `branchId`: the role and the branches the new person will serve. */
export function decideInvite(actor: Actor, branchId: string, input: InviteInput): { roles: Role[]; branches: string[] } {
  assertPeopleManager(actor, branchId);
  assertMayGrantRole(actor, input.role);
  const branches = grantable(actor, input.branches?.length ? input.branches : [branchId]);
  if (!branches.includes(branchId) && !branches.includes(ALL_BRANCHES)) {
    throw new ValidationError('The branches must include the branch you invite into', [{ field: 'body.branches', reason: `must include ${branchId}` }]);
  }
  return { roles: [input.role], branches };
}

function assertTarget(actor: Actor, branchId: string, target: Person): void {
  assertPeopleManager(actor, branchId);
  if (!serves(target, branchId)) throw new NotFoundError('No such person on this branch');
  if (isAdmin(target) && !isAdmin(actor)) throw new ForbiddenError('Only an admin changes an admin');
  if (target.branches.includes(ALL_BRANCHES) && !holdsAll(actor)) throw new ForbiddenError('Only an admin changes someone who serves every branch');
}

export interface UpdateInput {
  role?: Role;
  /** The target's branches among the actor's own, as they should be; others stay as they are. */
  branches?: readonly string[];
}
/**
 * A change of role or branches. A manager sees and sets only the branches they hold: the
 * target's other branches are kept. Nobody changes themselves; the branch keeps a manager.
 */
export function decideUpdate(actor: Actor, branchId: string, target: Person, input: UpdateInput, managersOfBranch: readonly Person[]): { roles: Role[]; branches: string[] } {
  assertTarget(actor, branchId, target);
  if (target.id === actor.id) throw new ConflictError('Nobody changes their own role or branches', 'self_change');
  const roles: Role[] = input.role ? [input.role] : [...target.roles];
  if (input.role) assertMayGrantRole(actor, input.role);
  let branches = [...target.branches];
  if (input.branches) {
    const asked = grantable(actor, input.branches);
    const kept = holdsAll(actor) ? [] : target.branches.filter((b) => !holds(actor, b));
    branches = [...new Set([...kept, ...asked])];
    if (!branches.length) throw new ValidationError('A person serves at least one branch', [{ field: 'body.branches', reason: 'at least one branch' }]);
  }
  const stillManages = managesBranch({ roles, branches }, branchId);
  if (managesBranch(target, branchId) && !stillManages && !isAdmin(actor)) assertNotLastManager(target, branchId, managersOfBranch);
  return { roles, branches };
}

export type Removal = { kind: 'delete' } | { kind: 'detach'; branches: string[] };
/**
 * Removing someone from `branchId`. They leave the system when the actor holds all their
 * branches; else only this branch is taken from them (their other branches stay).
 */
export function decideRemoval(actor: Actor, branchId: string, target: Person, managersOfBranch: readonly Person[]): Removal {
  assertTarget(actor, branchId, target);
  if (target.id === actor.id) throw new ConflictError('Nobody removes themselves', 'self_removal');
  if (managesBranch(target, branchId) && !isAdmin(actor)) assertNotLastManager(target, branchId, managersOfBranch);
  const actorHoldsAll = isAdmin(target) || target.branches.every((b) => (b === ALL_BRANCHES ? holdsAll(actor) : holds(actor, b)));
  if (actorHoldsAll) return { kind: 'delete' };
  return { kind: 'detach', branches: target.branches.filter((b) => b !== branchId) };
}

function assertNotLastManager(target: Person, branchId: string, managersOfBranch: readonly Person[]): void {
  const others = managersOfBranch.filter((m) => m.id !== target.id && managesBranch(m, branchId));
  if (others.length === 0) throw new ConflictError('The last manager of a branch stays until an admin moves them', 'last_manager');
}
