import { describeFuzz } from '../support/fuzz';

// Issue 7, acceptance 2, for identity, branches, the queue and notify (the rest in
// input-fuzz-commerce.test.ts): >= 1,000 refused requests per route, only 4xx, nothing stored.
// See test/support/fuzz.ts for the generators; FUZZ_RUNS overrides the number of runs.
describeFuzz('access');
