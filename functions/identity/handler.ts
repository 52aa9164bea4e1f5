import { UnauthorizedError } from '../domain/errors';
import { contextHandler, type OperationRequest } from '../http/handler';
import type { StaffRole } from '../http/auth';
import { getStaffUser } from '../data/setup-repo';
import { verifyPassword } from './passwords';
import { issueStaffToken } from './local-issuer';
import { cognitoSignIn } from './cognito-sign-in';

const refused = () => new UnauthorizedError('Wrong email or password');

async function signIn({ body }: OperationRequest) {
  const { email, password } = body as { email: string; password: string };
  if (process.env.AUTH_MODE === 'cognito') {
    const { token, expiresAt, claims } = await cognitoSignIn(email, password);
    const groups = (claims['cognito:groups'] as string[] | undefined) ?? [];
    const branches = String(claims['custom:branches'] ?? '').split(',').filter(Boolean);
    return { token, expiresAt, user: { email, name: String(claims.name ?? email), roles: groups as StaffRole[], branches } };
  }
  const user = await getStaffUser(email);
  if (!user || !(await verifyPassword(password, user.passwordHash))) throw refused();
  const { token, expiresAt } = await issueStaffToken(user);
  return { token, expiresAt, user: { email: user.email, name: user.name, roles: user.roles, branches: user.branches } };
}

export const handler = contextHandler({ signIn });
