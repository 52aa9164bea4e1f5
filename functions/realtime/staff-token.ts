import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { UnauthorizedError } from '../domain/errors';
import { staffFrom, type StaffClaims } from '../http/auth';
import { requireEnv } from '../http/config';
import { assertSessionCurrent } from '../http/sessions';
import { verifyLocalToken } from '../identity/local-issuer';

// A WebSocket message has no JWT authorizer in front of it: the staff token it carries is
// verified here, exactly as API Gateway verifies HTTP calls (Cognito in AWS, the local issuer
// on a laptop), then read with the same claim mapping.
let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

async function verifyCognito(token: string): Promise<JWTPayload> {
  const region = requireEnv('AWS_REGION');
  const pool = requireEnv('COGNITO_USER_POOL_ID');
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${pool}`;
  jwks ??= createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  try {
    const { payload } = await jwtVerify(token, jwks, { issuer, audience: requireEnv('COGNITO_CLIENT_ID') });
    return payload;
  } catch {
    throw new UnauthorizedError('The staff token is invalid or expired');
  }
}

export async function verifyStaffToken(token: unknown): Promise<StaffClaims> {
  if (typeof token !== 'string' || token === '') throw new UnauthorizedError('Sign in as staff to listen to this');
  const claims = process.env.AUTH_MODE === 'cognito' ? await verifyCognito(token) : await verifyLocalToken(token);
  const staff = staffFrom({ requestContext: { authorizer: { jwt: { claims } } } } as never);
  // A removed or changed person's older token may not start listening (as on HTTP staff routes).
  await assertSessionCurrent(staff);
  return staff;
}
