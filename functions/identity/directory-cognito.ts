// The staff directory in AWS: Cognito's admin API on the stage's user pool (the identity
// function alone may call it: lib/api.ts). Groups are the roles; custom:branches the branches.
// Cognito has no conditional updates: two managers changing one person at once, the last wins.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
  UserNotFoundException,
  UsernameExistsException,
  type AttributeType,
  type UserStatusType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError } from '../domain/errors';
import { requireEnv } from '../http/config';
import { staffRoles, type StaffRole } from '../http/auth';
import type { StaffDirectory, StaffMember, StaffStatus } from './directory';

const cognito = new CognitoIdentityProviderClient({});
const pool = () => requireEnv('COGNITO_USER_POOL_ID');

const attr = (attrs: AttributeType[] | undefined, name: string): string => attrs?.find((a) => a.Name === name)?.Value ?? '';
const branchesOf = (attrs: AttributeType[] | undefined): string[] => attr(attrs, 'custom:branches').split(',').filter(Boolean);
const statusOf = (enabled: boolean | undefined, status: UserStatusType | string | undefined): StaffStatus =>
  enabled === false ? 'disabled' : status === 'FORCE_CHANGE_PASSWORD' || status === 'RESET_REQUIRED' ? 'invited' : 'active';

/** The Username Cognito's admin API takes: the sub (the pool signs in by email alias). */
async function groupsOf(username: string): Promise<StaffRole[]> {
  const out = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: pool(), Username: username }));
  return (out.Groups ?? []).map((g) => g.GroupName as StaffRole).filter((g) => staffRoles.includes(g));
}

export function cognitoDirectory(): StaffDirectory {
  return {
    async list() {
      // One paged listing per role group (three groups), merged: no per-user group look-ups.
      const people = new Map<string, StaffMember>();
      for (const role of staffRoles) {
        let token: string | undefined;
        do {
          const out = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: pool(), GroupName: role, NextToken: token }));
          for (const u of out.Users ?? []) {
            const id = attr(u.Attributes, 'sub') || u.Username!;
            const seen = people.get(id);
            if (seen) seen.roles.push(role);
            else people.set(id, { id, email: attr(u.Attributes, 'email'), name: attr(u.Attributes, 'name'), roles: [role], branches: branchesOf(u.Attributes), status: statusOf(u.Enabled, u.UserStatus), version: 0 });
          }
          token = out.NextToken;
        } while (token);
      }
      return [...people.values()];
    },
    async get(id) {
      try {
        const u = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool(), Username: id }));
        return { id: attr(u.UserAttributes, 'sub') || id, email: attr(u.UserAttributes, 'email'), name: attr(u.UserAttributes, 'name'), roles: await groupsOf(id), branches: branchesOf(u.UserAttributes), status: statusOf(u.Enabled, u.UserStatus), version: 0 };
      } catch (e) {
        if (e instanceof UserNotFoundException) return undefined;
        throw e;
      }
    },
    async invite(person) {
      let created;
      try {
        // Cognito e-mails the person a temporary password (DesiredDeliveryMediums EMAIL).
        created = await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: pool(),
            Username: person.email,
            DesiredDeliveryMediums: ['EMAIL'],
            UserAttributes: [
              { Name: 'email', Value: person.email },
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: person.name },
              { Name: 'custom:branches', Value: person.branches.join(',') },
            ],
          }),
        );
      } catch (e) {
        if (e instanceof UsernameExistsException) throw new ConflictError('This email is already on the staff', 'already_staff');
        throw e;
      }
      const id = attr(created.User?.Attributes, 'sub') || created.User!.Username!;
      for (const role of person.roles) await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool(), Username: id, GroupName: role }));
      return { member: { id, email: person.email, name: person.name, roles: person.roles, branches: person.branches, status: 'invited', version: 0 } };
    },
    async update(m, change) {
      await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool(), Username: m.id, UserAttributes: [{ Name: 'custom:branches', Value: change.branches.join(',') }] }));
      for (const role of change.roles.filter((r) => !m.roles.includes(r))) {
        await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool(), Username: m.id, GroupName: role }));
      }
      for (const role of m.roles.filter((r) => !change.roles.includes(r))) {
        await cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: pool(), Username: m.id, GroupName: role }));
      }
      return { ...m, ...change };
    },
    async remove(m) {
      // Signed out, then disabled, then deleted: a failure half-way leaves someone who cannot sign in.
      await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool(), Username: m.id }));
      await cognito.send(new AdminDisableUserCommand({ UserPoolId: pool(), Username: m.id }));
      await cognito.send(new AdminDeleteUserCommand({ UserPoolId: pool(), Username: m.id }));
    },
    async signOutEverywhere(m) {
      // Revokes refresh tokens only: ID tokens stay valid to API Gateway until they expire (10 h);
      // the handlers' session floor (http/sessions.ts) refuses them.
      try {
        await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool(), Username: m.id }));
      } catch (e) {
        if (!(e instanceof UserNotFoundException)) throw e; // removed already: nothing left to end
      }
    },
  };
}
