import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { BusinessMetric } from './business-metrics';

// Counts gathered during an invocation and published at its end as Embedded Metric Format:
// one EMF line per branch (dimensions service + branchId), so a batch that touched three
// branches costs three lines, not one per record. Publishing is synchronous (no await between
// setting a branch's dimension and flushing it), so consumers running side by side in the local
// runtime cannot mix their dimensions.
// Per stage (`Dalpak/<stage>`, set by lib/function.ts), so dev and prod in one account never mix.
export const metricsNamespace = process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Dalpak';

/** Also published with no branchId (service only): the alarms watch one fixed metric. */
const alsoUnbranched = new Set<BusinessMetric>(['NotificationsDelivered', 'NotificationsFailed']);
const unbranched = '';

const pending = new Map<string, Map<BusinessMetric, number>>(); // branchId ('' = none) → counts

export function countMetric(metric: BusinessMetric, branchId: string | undefined, n = 1): void {
  const add = (b: string) => {
    const counts = pending.get(b) ?? new Map<BusinessMetric, number>();
    counts.set(metric, (counts.get(metric) ?? 0) + n);
    pending.set(b, counts);
  };
  if (branchId) add(branchId);
  if (!branchId || alsoUnbranched.has(metric)) add(unbranched);
}

/**
 * EMF is for CloudWatch. On the laptop and in tests (DynamoDB Local) it would be a wall of
 * JSON on the console, so it is off there unless POWERTOOLS_METRICS_DISABLED=false asks for it;
 * in AWS it is on unless POWERTOOLS_METRICS_DISABLED=true.
 */
function enabled(): boolean {
  const disabled = process.env.POWERTOOLS_METRICS_DISABLED?.trim().toLowerCase();
  if (disabled) return !['1', 'true', 'yes', 'on'].includes(disabled);
  return !process.env.DYNAMODB_ENDPOINT;
}

let metrics: Metrics | undefined; // made on first publication, when the environment is settled
/** Publishes (or, when disabled, drops) everything counted so far. */
export function publishMetrics(): void {
  if (pending.size === 0) return;
  const batches = [...pending];
  pending.clear();
  if (!enabled()) return;
  metrics ??= new Metrics({ namespace: metricsNamespace, serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'dalpak' });
  for (const [branchId, counts] of batches) {
    if (branchId !== unbranched) metrics.addDimension('branchId', branchId);
    for (const [metric, n] of counts) metrics.addMetric(metric, MetricUnit.Count, n);
    metrics.publishStoredMetrics();
  }
}
