import { z } from 'zod';
import { email } from './common';

export const signInBody = z
  .object({
    email,
    password: z.string().min(1).max(200),
    newPassword: z
      .string()
      .min(12)
      .max(200)
      .optional()
      .describe('first sign-in of an invited person: their own password, replacing the temporary one (409 new_password_required asks for it)'),
  })
  .strict()
  .meta({ id: 'SignIn' });

export const staffRole = z.enum(['admin', 'manager', 'clerk']);

export const signInResult = z
  .object({
    token: z.string().describe('JWT for the Authorization: Bearer header'),
    expiresAt: z.number().int(),
    user: z.object({
      id: z.string().describe("the person's staff id (the token's sub)"),
      email,
      name: z.string(),
      roles: z.array(staffRole),
      branches: z.array(z.string()).describe('branch ids, or ["*"] for every branch'),
    }),
  })
  .meta({ id: 'SignInResult' });
