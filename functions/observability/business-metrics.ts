// Business metrics (CloudWatch, namespace Dalpak, dimension branchId) derived from the table's
// changes in one place: a pure mapping from a stored item's old and new image to the counts it
// makes. The dashboard and alarms (lib/) use these names; change them together.
export const businessMetricNames = [
  'TicketsTaken',
  'TicketsCalled',
  'TicketsServed',
  'TicketsNoShow',
  'OrdersPlaced',
  'OrdersReady',
  'OrdersCollected',
  'BookingsMade',
  'NotificationsDelivered',
  'NotificationsFailed',
] as const;
export type BusinessMetric = (typeof businessMetricNames)[number];

export interface MetricCount {
  metric: BusinessMetric;
  branchId: string;
}

type Image = Record<string, unknown>;

/**
 * What one change counts: a ticket taken (created), called (it became `called`, so a re-queued
 * ticket called again counts again, a recall does not), served, no-show; an order placed, ready,
 * collected; a booking made. An update that does not move the status counts nothing; removals
 * (TTL expiry of personal data) count nothing.
 */
export function metricsOfChange(before: Image | undefined, after: Image | undefined): MetricCount[] {
  if (!after || typeof after.branchId !== 'string') return [];
  const branchId = after.branchId;
  const became = (status: string) => after.status === status && before?.status !== status;
  const out: BusinessMetric[] = [];
  switch (after.entity) {
    case 'ticket':
      if (!before) out.push('TicketsTaken');
      if (became('called')) out.push('TicketsCalled');
      if (became('done')) out.push('TicketsServed');
      if (became('no_show')) out.push('TicketsNoShow');
      break;
    case 'order':
      if (!before) out.push('OrdersPlaced');
      if (became('ready')) out.push('OrdersReady');
      if (became('collected')) out.push('OrdersCollected');
      break;
    case 'booking':
      if (!before) out.push('BookingsMade');
      break;
  }
  return out.map((metric) => ({ metric, branchId }));
}
