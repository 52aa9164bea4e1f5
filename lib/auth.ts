// Staff identity in AWS: a Cognito user pool with role groups and the branches claim,
// and the JWT authorizer that API Gateway puts in front of staff routes.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { AccountRecovery, CfnUserPoolGroup, ClientAttributes, FeaturePlan, StringAttribute, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { staffRoles } from '../functions/http/auth';
import type { StageConfig } from './config';

export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Staff', {
      userPoolName: `dalpak-${config.stage}-staff`,
      selfSignUpEnabled: false, // managers invite staff; nobody signs up alone
      signInAliases: { email: true },
      featurePlan: FeaturePlan.ESSENTIALS,
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // "*" or a comma-separated list of branch ids: read by the handlers from the ID token.
      customAttributes: { branches: new StringAttribute({ mutable: true, maxLen: 2048 }) },
      removalPolicy: config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      deletionProtection: config.protectData,
    });
    for (const role of staffRoles) {
      new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: this.userPool.userPoolId, groupName: role });
    }
    this.client = this.userPool.addClient('Console', {
      authFlows: { userPassword: true, userSrp: true },
      generateSecret: false,
      // Sign-in goes through the API (USER_PASSWORD_AUTH) or SRP: no hosted UI, no OAuth redirects.
      disableOAuth: true,
      // The ID token carries who the user is and which branches they serve...
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }).withCustomAttributes('branches'),
      // ...and staff must not widen their own branches with UpdateUserAttributes: only admins
      // (AdminUpdateUserAttributes, IAM) change custom:branches. Users may fix their name.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
      idTokenValidity: Duration.hours(10), // one shift
      accessTokenValidity: Duration.hours(10),
      preventUserExistenceErrors: true,
    });
    // The handlers read groups and branches from the ID token, whose audience is the client.
    this.authorizer = new HttpJwtAuthorizer('StaffJwt', this.userPool.userPoolProviderUrl, {
      jwtAudience: [this.client.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
  }
}
