// Messages to customers: the notifier consumes the table's stream (outbox items to deliver,
// ticket changes that become "N ahead" / "your turn" / survey messages) and sends them by SES
// email, SNS SMS and Web Push, each delivery recorded once.
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from './config';
import { DalpakFunction } from './function';
import { consumeStream } from './stream-consumer';

export interface NotificationsProps {
  config: StageConfig;
  table: ITableV2;
  environment: Record<string, string>;
  /** Where customer links point (the site's origin). */
  siteUrl: string;
  /** The HTTP function that hands browsers the Web Push public key (GET /api/push/config). */
  pushConfig: DalpakFunction;
}

export class Notifications extends Construct {
  readonly notifier: DalpakFunction;
  readonly deadLetters: Queue;
  readonly deadLetterAlarm: Alarm;
  /** The Web Push (VAPID) key pair: created as a placeholder, filled in by the operator. */
  readonly vapidSecret: Secret;

  constructor(scope: Construct, id: string, { config, table, environment, siteUrl, pushConfig }: NotificationsProps) {
    super(scope, id);
    const n = config.notifications ?? {};
    // VAPID keys are an EC P-256 pair, which Secrets Manager cannot generate: the stack creates the
    // secret with a placeholder (push stays off) and the operator puts the real pair in it:
    //   aws secretsmanager put-secret-value --secret-id <VapidSecretArn> --secret-string "$(npx web-push generate-vapid-keys --json)"
    // Never rotated automatically: a new pair invalidates every browser's subscription.
    this.vapidSecret = new Secret(this, 'VapidKeys', {
      description: `Dalpak ${config.stage}: Web Push (VAPID) key pair as {"publicKey","privateKey"} (base64url); a placeholder until filled in, push is off meanwhile`,
      generateSecretString: { secretStringTemplate: JSON.stringify({ publicKey: '' }), generateStringKey: 'placeholder', excludePunctuation: true },
      removalPolicy: config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const push = { VAPID_SECRET_ARN: this.vapidSecret.secretArn, VAPID_SUBJECT: n.emailFrom ? `mailto:${n.emailFrom}` : siteUrl };
    this.notifier = new DalpakFunction(this, 'Fn-notifier', {
      context: 'notify',
      entry: 'stream.ts',
      description: 'delivers messages to customers (email, SMS, push)',
      config,
      environment: {
        ...environment,
        NOTIFY_MODE: 'aws',
        SITE_URL: siteUrl,
        ...push,
        ...(n.emailFrom ? { EMAIL_FROM: n.emailFrom } : {}),
        ...(n.smsSenderId ? { SMS_SENDER_ID: n.smsSenderId } : {}),
      },
    });
    this.notifier.bindTable(table, 'RW');
    this.vapidSecret.grantRead(this.notifier.fn);
    pushConfig.fn.addEnvironment('VAPID_SECRET_ARN', push.VAPID_SECRET_ARN);
    this.vapidSecret.grantRead(pushConfig.fn);
    const { account, region, partition } = Stack.of(this);
    if (n.emailFrom) {
      const domain = n.emailFrom.split('@')[1];
      this.notifier.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [`arn:${partition}:ses:${region}:${account}:identity/${n.emailFrom}`, `arn:${partition}:ses:${region}:${account}:identity/${domain}`],
        }),
      );
    }
    // SMS to phone numbers has no topic ARN to scope to: publish is allowed, topics are denied.
    this.notifier.fn.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'], conditions: { Null: { 'sns:Protocol': 'true' } } }));
    const dlq = consumeStream(this, 'Notifier', this.notifier, table, config, { what: 'the notifier', entities: ['outbox', 'ticket'], batchSize: 25 });
    this.deadLetters = dlq.queue;
    this.deadLetterAlarm = dlq.alarm;
  }
}
