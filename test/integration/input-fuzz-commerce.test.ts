import { describeFuzz } from '../support/fuzz';

// Issue 7, acceptance 2, for orders, bookings and insight (the rest in input-fuzz.test.ts), in a
// file of its own so that the two halves run in two workers: >= 1,000 refused requests per route,
// only 4xx, nothing stored. See test/support/fuzz.ts; FUZZ_RUNS overrides the number of runs.
describeFuzz('commerce');
