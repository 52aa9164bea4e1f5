import { CognitoIdentityProviderClient, InitiateAuthCommand, NotAuthorizedException, UserNotFoundException } from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { UnauthorizedError } from '../domain/errors';
import { requireEnv } from '../http/config';

const cognito = new CognitoIdentityProviderClient({});

/** In AWS, staff sign in against the Cognito user pool; the ID token is what the JWT authorizer checks. */
export async function cognitoSignIn(email: string, password: string) {
  try {
    const out = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: requireEnv('COGNITO_CLIENT_ID'),
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    const token = out.AuthenticationResult?.IdToken;
    if (!token) throw new UnauthorizedError('Sign-in needs another step (e.g. a new password); use the Cognito console');
    const claims = decodeJwt(token);
    return { token, expiresAt: (claims.exp ?? 0) * 1000, claims };
  } catch (e) {
    if (e instanceof NotAuthorizedException || e instanceof UserNotFoundException) {
      throw new UnauthorizedError('Wrong email or password');
    }
    throw e;
  }
}
