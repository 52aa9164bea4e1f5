import { ConflictError, UnauthorizedError } from '../domain/errors';
import { contextHandler, type OperationRequest } from '../http/handler';
import type { StaffRole } from '../http/auth';
import { getLocalStaffUserByEmail, setLocalStaffPassword, staffSessionsRevokedAt } from '../data/staff-repo';
import { hashPassword, verifyPassword } from './passwords';
import { issueStaffToken } from './local-issuer';
import { cognitoSignIn } from './cognito-sign-in';
import { inviteStaff, listStaff, removeStaff, updateStaff } from './staff';

const refused = () => new UnauthorizedError('Wrong email or password');

async function signIn({ body }: OperationRequest) {
  const { email, password, newPassword } = body as { email: string; password: string; newPassword?: string };
  if (process.env.AUTH_MODE === 'cognito') {
    const { token, expiresAt, claims } = await cognitoSignIn(email, password, newPassword);
    const groups = (claims['cognito:groups'] as string[] | undefined) ?? [];
    const branches = String(claims['custom:branches'] ?? '').split(',').filter(Boolean);
    return { token, expiresAt, user: { id: String(claims.sub ?? ''), email, name: String(claims.name ?? email), roles: groups as StaffRole[], branches } };
  }
  // A removed person has no item any more: refused like a wrong password.
  const user = await getLocalStaffUserByEmail(email);
  if (!user || !(await verifyPassword(password, user.passwordHash))) throw refused();
  // Like Cognito's NEW_PASSWORD_REQUIRED: the temporary password only opens the way to one's own.
  if (user.status === 'invited') {
    if (!newPassword) throw new ConflictError('Choose your own password to finish signing in', 'new_password_required', [{ field: 'body.newPassword', reason: 'required on the first sign-in' }]);
    await setLocalStaffPassword(user.email, user.version, await hashPassword(newPassword));
  }
  // Tokens carry whole seconds: one issued in the second of a revocation would be refused, so wait it out.
  const floor = await staffSessionsRevokedAt(user.id);
  if (floor !== undefined && Date.now() < Math.ceil(floor / 1000) * 1000) await new Promise((r) => setTimeout(r, Math.ceil(floor / 1000) * 1000 - Date.now()));
  const { token, expiresAt } = await issueStaffToken(user);
  return { token, expiresAt, user: { id: user.id, email: user.email, name: user.name, roles: user.roles, branches: user.branches } };
}

export const handler = contextHandler({ signIn, listStaff, inviteStaff, updateStaff, removeStaff });
