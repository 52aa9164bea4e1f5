import { UnauthorizedError } from '../domain/errors';
import { contextHandler, type OperationRequest } from '../http/handler';
import type { StaffRole } from '../http/auth';
import { getLocalStaffUserByEmail, markLocalStaffActive, staffSessionsRevokedAt } from '../data/staff-repo';
import { verifyPassword } from './passwords';
import { issueStaffToken } from './local-issuer';
import { cognitoSignIn } from './cognito-sign-in';
import { inviteStaff, listStaff, removeStaff, updateStaff } from './staff';

const refused = () => new UnauthorizedError('Wrong email or password');

async function signIn({ body }: OperationRequest) {
  const { email, password } = body as { email: string; password: string };
  if (process.env.AUTH_MODE === 'cognito') {
    const { token, expiresAt, claims } = await cognitoSignIn(email, password);
    const groups = (claims['cognito:groups'] as string[] | undefined) ?? [];
    const branches = String(claims['custom:branches'] ?? '').split(',').filter(Boolean);
    return { token, expiresAt, user: { id: String(claims.sub ?? ''), email, name: String(claims.name ?? email), roles: groups as StaffRole[], branches } };
  }
  // A removed person has no item any more: refused like a wrong password.
  const user = await getLocalStaffUserByEmail(email);
  if (!user || !(await verifyPassword(password, user.passwordHash))) throw refused();
  if (user.status === 'invited') await markLocalStaffActive(user.email);
  // Tokens carry whole seconds: one issued in the second of a revocation would be refused, so wait it out.
  const floor = await staffSessionsRevokedAt(user.id);
  if (floor !== undefined && Date.now() < Math.ceil(floor / 1000) * 1000) await new Promise((r) => setTimeout(r, Math.ceil(floor / 1000) * 1000 - Date.now()));
  const { token, expiresAt } = await issueStaffToken(user);
  return { token, expiresAt, user: { id: user.id, email: user.email, name: user.name, roles: user.roles, branches: user.branches } };
}

export const handler = contextHandler({ signIn, listStaff, inviteStaff, updateStaff, removeStaff });
