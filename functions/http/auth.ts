import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError, UnauthorizedError } from '../domain/errors';

/** Cognito groups in AWS (lib/auth.ts), the `roles` of seeded users locally. */
export const staffRoles = ['admin', 'manager', 'clerk'] as const;
export type StaffRole = (typeof staffRoles)[number];
export interface StaffClaims {
  sub: string;
  email: string;
  roles: StaffRole[];
  /** Branch ids the user may act on; '*' means all. */
  branches: string[];
  /** The token's iat (seconds): refused when older than the person's session floor (sessions.ts). */
  issuedAt?: number;
}

type ClaimValue = string | number | boolean | string[] | undefined;

// API Gateway's JWT authorizer hands array claims over as the string "[a b]";
// the local runtime passes real arrays. Accept both.
function list(value: ClaimValue): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value === '') return [];
  const trimmed = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return trimmed.split(/[\s,]+/).filter(Boolean);
}

/** The staff identity API Gateway (or the local runtime) already verified. */
export function staffFrom(event: APIGatewayProxyEventV2): StaffClaims {
  const ctx = event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, ClaimValue> } } };
  const claims = ctx.authorizer?.jwt?.claims;
  if (!claims?.sub) throw new UnauthorizedError('Sign in as staff to do this');
  return {
    sub: String(claims.sub),
    email: String(claims.email ?? ''),
    roles: list(claims['cognito:groups']).filter((r): r is StaffRole => staffRoles.includes(r as StaffRole)),
    branches: list(claims['custom:branches']),
    issuedAt: Number(claims.iat) || undefined,
  };
}

export function canActOn(staff: StaffClaims, branchId: string): boolean {
  return staff.roles.includes('admin') || staff.branches.includes('*') || staff.branches.includes(branchId);
}

export function assertBranch(staff: StaffClaims, branchId: string): void {
  if (!canActOn(staff, branchId)) throw new ForbiddenError('This branch is not yours');
}

/** Catalog and stock belong to managers (and admins), not to every clerk. */
export function assertManager(staff: StaffClaims, branchId: string): void {
  assertBranch(staff, branchId);
  if (!staff.roles.some((r) => r === 'manager' || r === 'admin')) throw new ForbiddenError('Only a manager of this branch can do this');
}
