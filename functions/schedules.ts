// The one table of time-based work. CDK creates an EventBridge Scheduler schedule and a
// function per entry (lib/schedules.ts); the local runtime runs the same handlers on timers.
export interface ScheduleDef {
  id: string;
  /** Directory under functions/ (the context whose code and table access it shares). */
  context: 'orders' | 'bookings' | 'notify' | 'insight';
  entry: string; // file under functions/<context>/, exporting `handler`
  description: string;
  everyMinutes: number; // in AWS
  localEverySeconds: number; // on `npm start`
}

export const schedules: readonly ScheduleDef[] = [
  { id: 'order-expiry', context: 'orders', entry: 'expire.ts', description: 'expires uncollected orders', everyMinutes: 5, localEverySeconds: 60 },
  { id: 'notify-release', context: 'notify', entry: 'release-due.ts', description: 'releases due reminders and warns of expiring orders', everyMinutes: 1, localEverySeconds: 30 },
  { id: 'abandoned-checkouts', context: 'insight', entry: 'checkouts.ts', description: 'puts abandoned checkouts on the call-back list', everyMinutes: 5, localEverySeconds: 60 },
  { id: 'booking-sweep', context: 'bookings', entry: 'sweep.ts', description: 'marks missed bookings as no-shows', everyMinutes: 5, localEverySeconds: 60 },
];
