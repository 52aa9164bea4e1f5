// Stage settings, validated before any resource is declared: a typo fails synth with a
// message naming the setting, not a half-built stack.
//
// Layers, later wins: the defaults of the stage's kind (below) → cdk.json's
// `context.stages.<stage>` → `-c settings='{"…": …}'` on the command line.
import { z } from 'zod';

const logLevels = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
/** The languages the product speaks (web catalogues and message templates exist for these). */
export const supportedLanguages = ['he', 'en'] as const;

export const stageConfigSchema = z.object({
  stage: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/, 'lower-case letters, digits and dashes, 2–16 characters, starting with a letter'),
  /** The AWS region of the stage's stack; absent: the CLI's (AWS_REGION / profile), or environment-agnostic. */
  region: z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, 'an AWS region code such as il-central-1 or eu-west-1').optional(),
  /** The languages offered to customers, kiosks and boards (the first is the default). */
  languages: z
    .array(z.enum(supportedLanguages, { error: `one of ${supportedLanguages.join(', ')}` }))
    .min(1, 'at least one language')
    .refine((l) => new Set(l).size === l.length, 'each language once'),
  /** Days personal data is kept after a visit (ticket, order) or a booking ends, before DynamoDB's TTL removes it. */
  retentionDays: z.strictObject({ visit: z.number().int().min(1).max(3650), booking: z.number().int().min(1).max(3650) }),
  /** Production-like stages keep their data: deletion protection, RETAIN. */
  protectData: z.boolean(),
  logRetentionDays: z.union([z.literal(7), z.literal(14), z.literal(30), z.literal(90), z.literal(365)]),
  logLevel: z.enum(logLevels),
  /** API Gateway default stage throttling (per account-region-stage). */
  throttle: z.strictObject({ rateLimit: z.number().int().min(1).max(10_000), burstLimit: z.number().int().min(1).max(5_000) }),
  functionTimeoutSeconds: z.number().int().min(3).max(29), // API Gateway waits 30 s at most
  /**
   * The public host name of the site (web and API share it). Without one, CloudFront's own
   * *.cloudfront.net name is used. The certificate must be an ACM certificate in us-east-1.
   */
  domain: z
    .strictObject({
      name: z.string().regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a lower-case host name such as queue.example.com'),
      certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/, 'an ACM certificate ARN in us-east-1 (CloudFront only reads certificates there)'),
    })
    .optional(),
  /** Messages to customers: the SES identity mail comes from (none: no email) and the SMS sender id. */
  notifications: z
    .strictObject({
      emailFrom: z.email().optional(),
      smsSenderId: z.string().regex(/^[A-Za-z0-9]{1,11}$/, 'up to 11 letters and digits').optional(),
    })
    .optional(),
  /**
   * Recovery: run the stage on a table restored from a point in time (see the README's runbook)
   * instead of the table the stack made. The stack's own table is then left alone (prod retains it).
   */
  adoptTable: z
    .strictObject({
      name: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name'),
      streamArn: z
        .string()
        .regex(/^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]{3,255}\/stream\/[\w:.-]+$/, "the table's stream ARN (enable NEW_AND_OLD_IMAGES first)"),
    })
    .refine((t) => t.streamArn.includes(`:table/${t.name}/stream/`), { message: 'the stream ARN belongs to another table', path: ['streamArn'] })
    .optional(),
  /** Where alarm notifications go (an SNS e-mail subscription the recipient must confirm); absent: the topic has no subscriber. */
  alarmEmail: z.email('an e-mail address such as ops@example.com').optional(),
  /** CloudFront's WAF (needs a known region at synth): API requests one IP address may make in 5 minutes before 429s. */
  waf: z.strictObject({ apiRequestsPer5MinPerIp: z.number().int().min(10).max(2_000_000_000) }),
  /** Alarm thresholds: API 5xx as a percentage of requests and API p99 latency (5-minute periods), failed customer messages per 15 minutes. */
  alarms: z.strictObject({
    serverErrorPercent: z.number().positive().max(100),
    p99LatencyMs: z.number().int().min(50).max(30_000),
    failedNotifications: z.number().int().min(0),
  }),
});
export type StageConfig = z.infer<typeof stageConfigSchema>;

/** What a stage may override: any setting but its name; unknown keys are refused (typos). */
const overridesSchema = stageConfigSchema.omit({ stage: true }).partial().strict();
type Overrides = z.infer<typeof overridesSchema>;

const kinds: Record<'dev' | 'prod', Omit<StageConfig, 'stage'>> = {
  dev: {
    protectData: false, logRetentionDays: 14, logLevel: 'INFO', throttle: { rateLimit: 50, burstLimit: 100 }, functionTimeoutSeconds: 10,
    languages: ['he', 'en'], retentionDays: { visit: 30, booking: 90 },
    alarms: { serverErrorPercent: 5, p99LatencyMs: 3000, failedNotifications: 20 },
    waf: { apiRequestsPer5MinPerIp: 1000 },
  },
  prod: {
    protectData: true, logRetentionDays: 90, logLevel: 'INFO', throttle: { rateLimit: 500, burstLimit: 1000 }, functionTimeoutSeconds: 10,
    languages: ['he', 'en'], retentionDays: { visit: 30, booking: 90 },
    alarms: { serverErrorPercent: 1, p99LatencyMs: 1500, failedNotifications: 5 },
    waf: { apiRequestsPer5MinPerIp: 3000 },
  },
};

/** `prod`, `prod-eu`, `production` are production-like; any other stage gets dev defaults. */
export const stageKind = (stage: string): keyof typeof kinds => (stage.startsWith('prod') ? 'prod' : 'dev');

export class StageConfigError extends Error {
  override name = 'StageConfigError';
}

function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ');
}

function parseLayer(stage: string, source: string, value: unknown): Overrides {
  if (value === undefined || value === null) return {};
  let raw = value;
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value);
    } catch {
      throw new StageConfigError(`Invalid stage configuration for "${stage}": ${source} is not valid JSON`);
    }
  }
  const parsed = overridesSchema.safeParse(raw);
  if (!parsed.success) throw new StageConfigError(`Invalid stage configuration for "${stage}" (${source}): ${issuesText(parsed.error)}`);
  return parsed.data;
}

/**
 * The stage's settings.
 * @param stage the `stage` context value (`-c stage=prod`); dev when absent.
 * @param settings the `settings` context value: JSON (string or object) overriding any setting.
 * @param stages the `stages` context value (cdk.json): per-stage overrides, keyed by stage name.
 */
export function loadStageConfig(stage: unknown, settings?: unknown, stages?: unknown): StageConfig {
  if (stage !== undefined && typeof stage !== 'string') throw new StageConfigError('Invalid stage configuration: the stage context must be a string');
  const name = stage ?? 'dev';
  const perStage = stages && typeof stages === 'object' ? (stages as Record<string, unknown>)[name] : undefined;
  const merged = {
    ...kinds[stageKind(name)],
    ...parseLayer(name, `cdk.json context stages.${name}`, perStage),
    ...parseLayer(name, '-c settings', settings),
    stage: name,
  };
  const parsed = stageConfigSchema.safeParse(merged);
  if (!parsed.success) throw new StageConfigError(`Invalid stage configuration for "${name}": ${issuesText(parsed.error)}`);
  return parsed.data;
}
