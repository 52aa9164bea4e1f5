import { SignJWT, importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { UnauthorizedError } from '../domain/errors';
import type { StaffRole } from '../http/auth';

// The laptop's stand-in for Cognito: tokens with Cognito's claim names
// (`cognito:groups`, `custom:branches`), so handlers read them the same way in both places.
export const localAudience = 'dalpak-local';
const ttlSeconds = 12 * 3600;

const issuer = () => process.env.LOCAL_JWT_ISSUER ?? 'dalpak-local-issuer';

function jwk(): JWK {
  const raw = process.env.LOCAL_JWT_PRIVATE_JWK;
  if (!raw) throw new Error('Missing environment variable LOCAL_JWT_PRIVATE_JWK');
  return JSON.parse(raw) as JWK;
}

export async function issueStaffToken(user: { id: string; email: string; roles: StaffRole[]; branches: string[] }, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
  const key = await importJWK(jwk(), 'ES256');
  const iat = Math.floor(now / 1000);
  const token = await new SignJWT({
    email: user.email,
    'cognito:groups': user.roles,
    'custom:branches': user.branches.join(','),
    token_use: 'id',
  })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject(user.id) // opaque, like Cognito's sub: the directory's id of the person
    .setIssuer(issuer())
    .setAudience(localAudience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(key);
  return { token, expiresAt: (iat + ttlSeconds) * 1000 };
}

/** What API Gateway's JWT authorizer does in AWS: verify signature, issuer, audience, expiry. */
export async function verifyLocalToken(token: string): Promise<JWTPayload> {
  const { d: _private, ...publicJwk } = jwk();
  const key = await importJWK(publicJwk, 'ES256');
  try {
    const { payload } = await jwtVerify(token, key, { issuer: issuer(), audience: localAudience });
    return payload;
  } catch {
    throw new UnauthorizedError('The staff token is invalid or expired');
  }
}
