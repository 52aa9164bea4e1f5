// Staff insight: the manager dashboard and the call-back list (issue 8).
import type { Widen } from './widen';
import type { insightEn } from './insight.en';

export const insightHe: Widen<typeof insightEn> = {};
