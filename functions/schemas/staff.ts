import { z } from 'zod';
import { email, slug } from './common';
import { staffRole } from './auth';

// Staff of a branch, as managers see and change them (issue 7).
export const staffId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a staff id');
export const staffParams = z.object({ branchId: slug, staffId }).strict();
const branchIds = z.array(z.union([slug, z.literal('*')])).min(1).max(50);

export const staffMember = z
  .object({
    id: staffId,
    email,
    name: z.string(),
    roles: z.array(staffRole),
    branches: z.array(z.string()).describe('branch ids, or ["*"] for every branch'),
    status: z.enum(['invited', 'active', 'disabled']).describe('invited: has not signed in with the temporary password yet'),
    version: z.number().int().describe('send it back with a change: a change made meanwhile by someone else is refused (409 stale)'),
  })
  .meta({ id: 'StaffMember' });

export const staffList = z.object({ people: z.array(staffMember) }).meta({ id: 'StaffList' });

export const inviteStaffBody = z
  .object({
    email,
    name: z.string().trim().min(1).max(100),
    role: staffRole.describe('clerk or manager; only an admin makes admins'),
    branches: branchIds.optional().describe('defaults to the branch of the path; each must be one of yours'),
  })
  .strict()
  .meta({ id: 'InviteStaff' });

export const inviteStaffResult = z
  .object({
    member: staffMember,
    temporaryPassword: z.string().optional().describe('local runtime only: shown once, for the manager to hand over (in AWS Cognito e-mails it)'),
  })
  .meta({ id: 'InviteStaffResult' });

export const updateStaffBody = z
  .object({
    role: staffRole.optional(),
    branches: branchIds.optional().describe("the person's branches among yours, as they should be; their other branches stay"),
    version: z.number().int().nonnegative().optional(),
  })
  .strict()
  .refine((b) => b.role !== undefined || b.branches !== undefined, { message: 'send a role or branches', path: ['role'] })
  .meta({ id: 'UpdateStaff' });

export const removeStaffBody = z.object({ version: z.number().int().nonnegative().optional() }).strict().meta({ id: 'RemoveStaff' });

export const removeStaffResult = z
  .object({
    outcome: z.enum(['removed', 'left_branch']).describe('removed: out of the system; left_branch: only this branch was taken (they serve others you do not hold)'),
    member: staffMember.optional().describe('left_branch: the person as they are now'),
  })
  .meta({ id: 'RemoveStaffResult' });
