// Delivery channels. One interface; two sets behind it: AWS (SES v2 email, SNS SMS, Web Push)
// and LOCAL (NOTIFY_MODE=local, the default outside Lambda), which records every rendered
// delivery as an item in the table — the local runtime shows them at /dev/outbox — and can be
// told to fail on purpose. Nothing else stands in for AWS.
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ulid } from 'ulid';
import webpush from 'web-push';
import { putLocalDelivery, queryLocalDeliveries, type LocalDelivery } from '../data/deliveries-repo';
import type { OutboxMessage } from '../data/outbox';
import { deletePushSubscription, type StoredPushSubscription } from '../data/push-repo';
import { logger } from '../http/logger';
import { emailFrom, localFailPattern, notifyMode, smsSenderId, vapidSubject } from './config';
import { emailBody, smsBody, type Rendered } from './templates';
import { vapidKeys } from './vapid';

/** A message with its recipients resolved: the push subscriptions of the item it is about. */
export interface Addressed extends OutboxMessage {
  push: StoredPushSubscription[];
}

export interface Channel {
  name: 'email' | 'sms' | 'push';
  accepts(m: Addressed): boolean;
  send(rendered: Rendered, m: Addressed): Promise<void>;
}

const hasEmail = (m: Addressed) => Boolean(m.to.email);
const hasPhone = (m: Addressed) => Boolean(m.to.phone);
const hasPush = (m: Addressed) => m.push.length > 0;

/**
 * E.164 for SNS: "+972 50-123 4567" → "+972501234567"; a national number ("050…") gets the
 * default country code (SMS_DEFAULT_COUNTRY_CODE, 972).
 */
export function e164(phone: string, countryCode = process.env.SMS_DEFAULT_COUNTRY_CODE ?? '972'): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return `+${digits.slice(1).replace(/\+/g, '')}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  return `+${countryCode}${digits.replace(/^0+/, '')}`;
}

/** What a push notification carries; the service worker shows title and body and opens url. */
export function pushPayload(r: Rendered, m: Pick<OutboxMessage, 'id' | 'template' | 'language'>): string {
  return JSON.stringify({ title: r.subject, body: r.text, url: r.link, tag: m.template, lang: m.language, messageId: m.id });
}

// ---------------------------------------------------------------- AWS

function awsChannels(): Channel[] {
  const ses = new SESv2Client({});
  const sns = new SNSClient({});
  const from = emailFrom();
  const senderId = smsSenderId();
  const all: Channel[] = [
    {
      name: 'email',
      accepts: hasEmail,
      async send(r, m) {
        await ses.send(
          new SendEmailCommand({
            FromEmailAddress: from!,
            Destination: { ToAddresses: [m.to.email!] },
            Content: { Simple: { Subject: { Data: r.subject, Charset: 'UTF-8' }, Body: { Text: { Data: emailBody(r, m.language), Charset: 'UTF-8' } } } },
          }),
        );
      },
    },
    {
      name: 'sms',
      accepts: hasPhone,
      async send(r, m) {
        await sns.send(
          new PublishCommand({
            PhoneNumber: e164(m.to.phone!),
            Message: smsBody(r),
            MessageAttributes: {
              'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
              ...(senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: senderId } } : {}),
            },
          }),
        );
      },
    },
    {
      name: 'push',
      accepts: hasPush,
      async send(r, m) {
        const vapid = await vapidKeys();
        if (!vapid) throw new Error('Web Push is not configured (VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY)');
        const payload = pushPayload(r, m);
        for (const s of m.push) {
          try {
            await webpush.sendNotification({ endpoint: s.endpoint, keys: s.keys }, payload, {
              TTL: 3600,
              urgency: m.template === 'ticket_called' || m.template === 'ticket_ahead' ? 'high' : 'normal',
              vapidDetails: { subject: vapidSubject(), publicKey: vapid.publicKey, privateKey: vapid.privateKey },
            });
          } catch (e) {
            // The browser dropped the subscription: forget it; it is not a failed delivery.
            if (e instanceof webpush.WebPushError && (e.statusCode === 404 || e.statusCode === 410)) {
              await deletePushSubscription(s);
              continue;
            }
            throw e;
          }
        }
      },
    },
  ];
  // A stage without an SES identity sends no email rather than failing every message.
  return all.filter((c) => c.name !== 'email' || from !== undefined);
}

// ---------------------------------------------------------------- LOCAL

let failOverride: RegExp | null | undefined;

/**
 * Test hook: local deliveries to an address matching `pattern` (an email, a phone number, or a
 * push endpoint) fail, as a real provider refusing them would. `undefined` restores
 * NOTIFY_LOCAL_FAIL; `null` turns failures off.
 */
export function failLocalDeliveriesTo(pattern: RegExp | null | undefined): void {
  failOverride = pattern;
}

export class LocalDeliveryRefusedError extends Error {
  constructor(channel: string) {
    super(`The local ${channel} channel refused this address (NOTIFY_LOCAL_FAIL)`);
    this.name = 'LocalDeliveryRefusedError';
  }
}

/** One recipient address: what a failure pattern is matched against, and what the record shows. */
interface Address {
  match: string;
  shown: string;
}

function localChannel(name: Channel['name'], accepts: (m: Addressed) => boolean, addresses: (m: Addressed) => Address[]): Channel {
  return {
    name,
    accepts,
    async send(r, m) {
      const fail = failOverride === undefined ? localFailPattern() : failOverride;
      const to = addresses(m);
      if (fail && to.some((a) => fail.test(a.match))) throw new LocalDeliveryRefusedError(name);
      const at = Date.now();
      for (const address of to) {
        await putLocalDelivery({
          id: ulid(at),
          messageId: m.id,
          template: m.template,
          language: m.language,
          channel: name,
          to: address.shown,
          subject: r.subject,
          text: name === 'sms' ? smsBody(r) : name === 'email' ? emailBody(r, m.language) : r.text,
          ...(r.link ? { link: r.link } : {}),
          at,
        });
      }
    },
  };
}

function localChannels(): Channel[] {
  return [
    localChannel('email', hasEmail, (m) => [{ match: m.to.email!, shown: m.to.email! }]),
    localChannel('sms', hasPhone, (m) => [{ match: m.to.phone!, shown: e164(m.to.phone!) }]),
    // A push endpoint is a capability URL: the record shows which subscription, not the URL.
    localChannel('push', hasPush, (m) => m.push.map((s) => ({ match: s.endpoint, shown: `push:${s.endpointHash}` }))),
  ];
}

let set: Channel[] | undefined;
/** The channel set of this system (built once: AWS clients and settings are read at cold start). */
export function channels(): Channel[] {
  if (!set) {
    const mode = notifyMode();
    set = mode === 'aws' ? awsChannels() : localChannels();
    logger.debug('Notification channels ready', { mode });
  }
  return set;
}

/** What the local channels recorded, newest first (the local runtime's /dev/outbox page). */
export async function listLocalDeliveries(limit = 100): Promise<LocalDelivery[]> {
  return queryLocalDeliveries(limit);
}
export type { LocalDelivery };
