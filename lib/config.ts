// Stage settings, validated before any resource is declared: a typo fails synth with a
// message naming the setting, not a half-built stack.
import { z } from 'zod';

export const stageConfigSchema = z.object({
  stage: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/, 'lower-case letters, digits and dashes, 2–16 characters'),
  /** Production-like stages keep their data: deletion protection, RETAIN. */
  protectData: z.boolean(),
  logRetentionDays: z.union([z.literal(7), z.literal(14), z.literal(30), z.literal(90), z.literal(365)]),
  /** API Gateway default stage throttling (per account-region-stage). */
  throttle: z.object({ rateLimit: z.number().int().min(1).max(10_000), burstLimit: z.number().int().min(1).max(5_000) }),
  functionTimeoutSeconds: z.number().int().min(3).max(29), // API Gateway waits 30 s at most
});
export type StageConfig = z.infer<typeof stageConfigSchema>;

const defaults: Record<string, Omit<StageConfig, 'stage'>> = {
  dev: { protectData: false, logRetentionDays: 14, throttle: { rateLimit: 50, burstLimit: 100 }, functionTimeoutSeconds: 10 },
  prod: { protectData: true, logRetentionDays: 90, throttle: { rateLimit: 500, burstLimit: 1000 }, functionTimeoutSeconds: 10 },
};

/** The stage's settings: the defaults of its kind, overridden by `-c settings='{"…"}'` JSON. */
export function loadStageConfig(stage: unknown, overrides: unknown = {}): StageConfig {
  const name = typeof stage === 'string' ? stage : 'dev';
  const base = defaults[name] ?? defaults[name.startsWith('prod') ? 'prod' : 'dev']!;
  const extra = typeof overrides === 'string' ? (JSON.parse(overrides) as object) : (overrides ?? {});
  const parsed = stageConfigSchema.safeParse({ ...base, ...extra, stage: name });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ');
    throw new Error(`Invalid stage configuration for "${name}": ${problems}`);
  }
  return parsed.data;
}
