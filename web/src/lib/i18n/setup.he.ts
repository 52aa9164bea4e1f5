// Admin face: a branch set up by its manager (hours, services, counters, pickup windows) (issue 7).
import type { Widen } from './widen';
import type { setupEn } from './setup.en';

export const setupHe: Widen<typeof setupEn> = {};
