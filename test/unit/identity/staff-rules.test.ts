import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../functions/domain/errors';
import { decideInvite, decideRemoval, decideUpdate, type Person } from '../../../functions/domain/identity/staff-rules';

const admin: Person = { id: 'a', roles: ['admin'], branches: ['*'] };
const mgrTlv: Person = { id: 'm1', roles: ['manager'], branches: ['tlv'] };
const mgrBoth: Person = { id: 'm2', roles: ['manager'], branches: ['tlv', 'hfa'] };
const clerkTlv: Person = { id: 'c1', roles: ['clerk'], branches: ['tlv'] };
const clerkBoth: Person = { id: 'c2', roles: ['clerk'], branches: ['tlv', 'hfa'] };
const clerkTlvEil: Person = { id: 'c3', roles: ['clerk'], branches: ['tlv', 'eil'] };

describe('inviting', () => {
  it('lets a manager invite a clerk or a manager into their branch, by default to that branch only', () => {
    expect(decideInvite(mgrTlv, 'tlv', { role: 'clerk' })).toEqual({ roles: ['clerk'], branches: ['tlv'] });
    expect(decideInvite(mgrBoth, 'tlv', { role: 'manager', branches: ['tlv', 'hfa'] })).toEqual({ roles: ['manager'], branches: ['tlv', 'hfa'] });
  });

  it("refuses a branch that is not the manager's, to act on or to grant", () => {
    expect(() => decideInvite(mgrTlv, 'hfa', { role: 'clerk' })).toThrow(ForbiddenError);
    expect(() => decideInvite(mgrTlv, 'tlv', { role: 'clerk', branches: ['tlv', 'hfa'] })).toThrow(ForbiddenError);
    expect(() => decideInvite(mgrTlv, 'tlv', { role: 'clerk', branches: ['*'] })).toThrow(ForbiddenError);
  });

  it('refuses clerks, and admins made by anyone but an admin', () => {
    expect(() => decideInvite(clerkTlv, 'tlv', { role: 'clerk' })).toThrow(ForbiddenError);
    try {
      decideInvite(mgrTlv, 'tlv', { role: 'admin' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ForbiddenError);
      expect((e as ForbiddenError).fields?.[0]?.field).toBe('body.role');
    }
    expect(decideInvite(admin, 'tlv', { role: 'admin', branches: ['*'] })).toEqual({ roles: ['admin'], branches: ['*'] });
  });

  it('wants the branch invited into among the branches', () => {
    expect(() => decideInvite(mgrBoth, 'tlv', { role: 'clerk', branches: ['hfa'] })).toThrow(ValidationError);
  });
});

describe('changing', () => {
  it("lets a manager change a clerk's role and the branches they hold, keeping the others", () => {
    expect(decideUpdate(mgrTlv, 'tlv', clerkTlvEil, { role: 'manager' }, [mgrTlv])).toEqual({ roles: ['manager'], branches: ['tlv', 'eil'] });
    expect(decideUpdate(mgrBoth, 'tlv', clerkTlv, { branches: ['tlv', 'hfa'] }, [mgrBoth])).toEqual({ roles: ['clerk'], branches: ['tlv', 'hfa'] });
    expect(decideUpdate(mgrTlv, 'tlv', clerkTlvEil, { branches: ['tlv'] }, [mgrTlv]).branches.sort()).toEqual(['eil', 'tlv']);
  });

  it('refuses changing oneself, an admin, someone of another branch, or making an admin', () => {
    expect(() => decideUpdate(mgrTlv, 'tlv', mgrTlv, { role: 'clerk' }, [mgrTlv])).toThrow(ConflictError);
    expect(() => decideUpdate(mgrBoth, 'tlv', admin, { role: 'clerk' }, [mgrBoth])).toThrow(ForbiddenError);
    expect(() => decideUpdate(mgrTlv, 'tlv', { id: 'x', roles: ['clerk'], branches: ['hfa'] }, { role: 'manager' }, [mgrTlv])).toThrow(NotFoundError);
    expect(() => decideUpdate(mgrTlv, 'tlv', clerkTlv, { role: 'admin' }, [mgrTlv])).toThrow(ForbiddenError);
  });

  it("keeps the branch's last manager unless an admin demotes them", () => {
    const starMgr: Person = { id: 's', roles: ['manager'], branches: ['*'] };
    const lone: Person = { id: 'l', roles: ['manager'], branches: ['eil'] };
    expect(() => decideUpdate(starMgr, 'eil', lone, { role: 'clerk' }, [lone])).toThrow(expect.objectContaining({ code: 'last_manager' }));
    expect(decideUpdate(admin, 'eil', lone, { role: 'clerk' }, [lone])).toEqual({ roles: ['clerk'], branches: ['eil'] });
  });
});

describe('removing', () => {
  it('removes someone whose branches the actor all holds from the system', () => {
    expect(decideRemoval(mgrTlv, 'tlv', clerkTlv, [mgrTlv])).toEqual({ kind: 'delete' });
    expect(decideRemoval(mgrBoth, 'tlv', clerkBoth, [mgrBoth])).toEqual({ kind: 'delete' });
    expect(decideRemoval(admin, 'tlv', clerkTlvEil, [])).toEqual({ kind: 'delete' });
  });

  it('takes only this branch from someone who also serves branches the actor does not hold', () => {
    expect(decideRemoval(mgrTlv, 'tlv', clerkBoth, [mgrTlv])).toEqual({ kind: 'detach', branches: ['hfa'] });
  });

  it('refuses removing oneself, an admin (but for admins), and anyone of another branch', () => {
    expect(() => decideRemoval(mgrTlv, 'tlv', mgrTlv, [mgrTlv])).toThrow(expect.objectContaining({ code: 'self_removal' }));
    expect(() => decideRemoval(admin, 'tlv', admin, [])).toThrow(ConflictError);
    expect(() => decideRemoval(mgrBoth, 'tlv', admin, [mgrBoth])).toThrow(ForbiddenError);
    expect(() => decideRemoval(mgrTlv, 'hfa', { id: 'h', roles: ['clerk'], branches: ['hfa'] }, [])).toThrow(ForbiddenError);
    expect(() => decideRemoval(clerkTlv, 'tlv', { id: 'c9', roles: ['clerk'], branches: ['tlv'] }, [mgrTlv])).toThrow(ForbiddenError);
  });

  it("refuses a non-admin removing the branch's last manager", () => {
    const starMgr: Person = { id: 's', roles: ['manager'], branches: ['*'] };
    const lone: Person = { id: 'l', roles: ['manager'], branches: ['eil'] };
    expect(() => decideRemoval(starMgr, 'eil', lone, [lone])).toThrow(expect.objectContaining({ code: 'last_manager' }));
    expect(decideRemoval(starMgr, 'eil', lone, [lone, { id: 'l2', roles: ['manager'], branches: ['eil'] }])).toEqual({ kind: 'delete' });
    expect(decideRemoval(admin, 'eil', lone, [lone])).toEqual({ kind: 'delete' });
  });
});
