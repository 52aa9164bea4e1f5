import { envOr } from '../http/config';

// The notifier's settings, read once per cold start.
//   NOTIFY_MODE   'local' (default outside Lambda): every delivery is recorded in the table;
//                 'aws' (default in Lambda): SES v2 email, SNS SMS, Web Push.
//   SITE_URL      where customer links point (default http://127.0.0.1:3000).
//   EMAIL_FROM    the verified SES sender (unset in 'aws' mode: no email channel).
//   SMS_SENDER_ID alphanumeric sender id for SNS SMS (optional; countries that allow it show it).
//   VAPID_SECRET_ARN  Secrets Manager secret holding the Web Push pair {"publicKey","privateKey"} (AWS; set by the stack).
//   VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY / VAPID_SUBJECT   Web Push identity (generated locally when missing).
//   NOTIFY_LOCAL_FAIL  a regular expression: local deliveries to a matching address fail (tests, demos).
export type NotifyMode = 'local' | 'aws';

export function notifyMode(): NotifyMode {
  const mode = envOr('NOTIFY_MODE', process.env.AWS_LAMBDA_FUNCTION_NAME ? 'aws' : 'local');
  if (mode !== 'local' && mode !== 'aws') throw new Error(`NOTIFY_MODE must be 'local' or 'aws', not '${mode}'`);
  return mode;
}

export const siteUrl = (): string => envOr('SITE_URL', 'http://127.0.0.1:3000').replace(/\/+$/, '');

/** The SES identity mail is sent from; unset: the stage sends no email. */
export const emailFrom = (): string | undefined => process.env.EMAIL_FROM || undefined;
export const smsSenderId = (): string | undefined => process.env.SMS_SENDER_ID || undefined;
export const vapidSecretArn = (): string | undefined => process.env.VAPID_SECRET_ARN || undefined;
export const vapidSubject = (): string => envOr('VAPID_SUBJECT', 'mailto:notifications@dalpak.invalid');
export const localFailPattern = (): RegExp | undefined => (process.env.NOTIFY_LOCAL_FAIL ? new RegExp(process.env.NOTIFY_LOCAL_FAIL) : undefined);
