// The staff directory: where people, their roles and their branches live. Locally that is the
// table (staff-repo.ts); in AWS it is the Cognito user pool. Chosen by AUTH_MODE, like sign-in.
import type { StaffRole } from '../http/auth';

export type StaffStatus = 'invited' | 'active' | 'disabled';

export interface StaffMember {
  /** Opaque and stable: the token's `sub` (Cognito's sub; locally a hash of the email). */
  id: string;
  email: string;
  name: string;
  roles: StaffRole[];
  /** Branch ids, or ['*'] for every branch. */
  branches: string[];
  status: StaffStatus;
  /**
   * What a change is conditional on. Locally the item's version; Cognito has no conditional
   * updates, so there it is always 0 and the last writer wins (see README).
   */
  version: number;
}

export interface NewStaffMember {
  email: string;
  name: string;
  roles: StaffRole[];
  branches: string[];
}

export interface Invitation {
  member: StaffMember;
  /**
   * Locally: the temporary password, shown once to the inviting manager (nobody e-mails on a
   * laptop). In AWS Cognito e-mails it to the person, so this is absent.
   */
  temporaryPassword?: string;
}

export interface StaffDirectory {
  /** Everyone on the staff (the handler keeps those who serve a branch). */
  list(): Promise<StaffMember[]>;
  get(id: string): Promise<StaffMember | undefined>;
  /** 409 `already_staff` when the email is on the staff already (one of two racing invites wins). */
  invite(person: NewStaffMember, now: number): Promise<Invitation>;
  /** New roles and branches, conditional on `member.version`. */
  update(member: StaffMember, change: { roles: StaffRole[]; branches: string[] }): Promise<StaffMember>;
  /** Out of the system: the person can no longer sign in. Conditional on `member.version`. */
  remove(member: StaffMember): Promise<void>;
  /** Ends the person's sessions where the identity provider can (Cognito: refresh tokens). */
  signOutEverywhere(member: StaffMember): Promise<void>;
}

let chosen: Promise<StaffDirectory> | undefined;
/** The directory of this deployment: Cognito in AWS, the table on a laptop. */
export function staffDirectory(): Promise<StaffDirectory> {
  chosen ??=
    process.env.AUTH_MODE === 'cognito'
      ? import('./directory-cognito').then((m) => m.cognitoDirectory())
      : import('./directory-local').then((m) => m.localDirectory());
  return chosen;
}
