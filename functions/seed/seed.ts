import { branchExists, putBranchSetup } from '../data/setup-repo';
import { seedStaffUser } from '../data/staff-repo';
import { hashPassword } from '../identity/passwords';
import { demoBranches, demoUsers } from './demo';

/** Seeds the demo organisation unless it is already there (a persisted local table keeps its data). */
export async function seedDemo(): Promise<{ seeded: boolean }> {
  const first = demoBranches[0];
  if (first && (await branchExists(first.branch.id))) return { seeded: false };
  for (const b of demoBranches) await putBranchSetup(b);
  for (const u of demoUsers) {
    await seedStaffUser({ email: u.email, name: u.name, roles: u.roles, branches: u.branches, passwordHash: await hashPassword(u.password) });
  }
  return { seeded: true };
}
