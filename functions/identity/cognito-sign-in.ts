import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  InvalidPasswordException,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { ConflictError, UnauthorizedError, ValidationError } from '../domain/errors';
import { requireEnv } from '../http/config';

const cognito = new CognitoIdentityProviderClient({});

/** In AWS, staff sign in against the Cognito user pool; the ID token is what the JWT authorizer checks. */
export async function cognitoSignIn(email: string, password: string, newPassword?: string) {
  try {
    let out = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: requireEnv('COGNITO_CLIENT_ID'),
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    // An invited person's first sign-in: Cognito wants their own password for the temporary one.
    if (out.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
      if (!newPassword) throw new ConflictError('Choose your own password to finish signing in', 'new_password_required', [{ field: 'body.newPassword', reason: 'required on the first sign-in' }]);
      out = await cognito.send(
        new RespondToAuthChallengeCommand({
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          ClientId: requireEnv('COGNITO_CLIENT_ID'),
          Session: out.Session,
          ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword },
        }),
      );
    }
    const token = out.AuthenticationResult?.IdToken;
    if (!token) throw new UnauthorizedError('Sign-in needs another step (e.g. a new password); use the Cognito console');
    const claims = decodeJwt(token);
    return { token, expiresAt: (claims.exp ?? 0) * 1000, claims };
  } catch (e) {
    if (e instanceof InvalidPasswordException) {
      throw new ValidationError('Choose a longer password with upper and lower case letters, a digit and a symbol', [{ field: 'body.newPassword', reason: 'too weak for the password policy' }]);
    }
    if (e instanceof NotAuthorizedException || e instanceof UserNotFoundException) {
      throw new UnauthorizedError('Wrong email or password');
    }
    throw e;
  }
}
