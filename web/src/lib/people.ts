// Staff of a branch as a manager sees them (issue 7): types from the server's schemas, the calls,
// and the server's refusals in words at their field.
import type { z } from 'zod';
import type { inviteStaffBody, inviteStaffResult, removeStaffResult, staffMember } from '../../../functions/schemas/staff';
import { request, type ApiError } from './api';
import type { Messages } from './i18n/en';

export type StaffMember = z.output<typeof staffMember>;
export type StaffRole = StaffMember['roles'][number];
export type InviteBody = z.input<typeof inviteStaffBody>;
export type InviteResult = z.output<typeof inviteStaffResult>;
export type RemoveResult = z.output<typeof removeStaffResult>;

const seg = encodeURIComponent;
const staffPath = (branchId: string, id?: string) => `/branches/${seg(branchId)}/staff${id ? `/${seg(id)}` : ''}`;

export const peopleApi = {
  list: (branchId: string, o: { signal?: AbortSignal } = {}) => request<{ people: StaffMember[] }>('GET', staffPath(branchId), { ...o, staff: true }),
  invite: (branchId: string, body: InviteBody) => request<InviteResult>('POST', staffPath(branchId), { body, staff: true }),
  /** With the version seen: 409 `stale` when someone changed the person first. */
  setRole: (branchId: string, m: StaffMember, role: StaffRole) =>
    request<StaffMember>('PATCH', staffPath(branchId, m.id), { body: { role, version: m.version }, staff: true }),
  remove: (branchId: string, m: StaffMember) => request<RemoveResult>('POST', `${staffPath(branchId, m.id)}/remove`, { body: { version: m.version }, staff: true }),
};

/** The role a person is shown with: the highest they hold. */
export const mainRole = (m: Pick<StaffMember, 'roles'>): StaffRole => (['admin', 'manager', 'clerk'] as const).find((r) => m.roles.includes(r)) ?? 'clerk';

export type InviteField = 'email' | 'name' | 'role';
/** What is plainly wrong before sending (the server checks again). */
export function checkInvite(d: { email: string; name: string }): InviteField[] {
  const found: InviteField[] = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email.trim())) found.push('email');
  if (!d.name.trim()) found.push('name');
  return found;
}

/** Each field's problem in words, found here or refused by the server (400/403/409 with fields or a code). */
export function inviteErrors(t: Messages, checks: readonly InviteField[], error: ApiError | undefined): Partial<Record<InviteField, string>> {
  const e = t.people.errors;
  const on = (name: string) => error?.fields.some((f) => f.field === `body.${name}` || f.field.startsWith(`body.${name}.`));
  return {
    email: checks.includes('email') || on('email') ? e.email : error?.code === 'already_staff' ? e.alreadyStaff : undefined,
    name: checks.includes('name') || on('name') ? e.name : undefined,
    role: on('role') ? (error?.status === 403 ? e.onlyAdminsMakeAdmins : e.role) : undefined,
  };
}

/** A refusal that is no field's fault, in words. */
export function peopleErrorText(t: Messages, error: ApiError): string | undefined {
  const e = t.people.errors;
  if (error.code === 'self_change' || error.code === 'self_removal') return e.self;
  if (error.code === 'last_manager') return e.lastManager;
  if (error.code === 'stale') return e.stale;
  if (error.fields.some((f) => f.field.startsWith('body.branches'))) return e.branches;
  if (error.status === 403) return e.forbidden;
  return undefined;
}
