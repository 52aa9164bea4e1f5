// Messages to customers: the notifier consumes the table's stream (outbox items to deliver,
// ticket changes that become "N ahead" / "your turn" / survey messages) and sends them by SES
// email, SNS SMS and Web Push, each delivery recorded once.
import { Stack } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from './config';
import { DalpakFunction } from './function';
import { consumeStream } from './stream-consumer';

export interface NotificationsProps {
  config: StageConfig;
  table: TableV2;
  environment: Record<string, string>;
  /** Where customer links point (the site's origin). */
  siteUrl: string;
}

export class Notifications extends Construct {
  readonly notifier: DalpakFunction;
  readonly deadLetters: Queue;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, { config, table, environment, siteUrl }: NotificationsProps) {
    super(scope, id);
    const n = config.notifications ?? {};
    this.notifier = new DalpakFunction(this, 'Fn-notifier', {
      context: 'notify',
      entry: 'stream.ts',
      description: 'delivers messages to customers (email, SMS, push)',
      config,
      environment: {
        ...environment,
        NOTIFY_MODE: 'aws',
        SITE_URL: siteUrl,
        ...(n.emailFrom ? { EMAIL_FROM: n.emailFrom } : {}),
        ...(n.smsSenderId ? { SMS_SENDER_ID: n.smsSenderId } : {}),
      },
    });
    this.notifier.bindTable(table, 'RW');
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
