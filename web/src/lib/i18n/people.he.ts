// Admin face: staff of a branch, invited and removed by managers (issue 7).
import type { Widen } from './widen';
import type { peopleEn } from './people.en';

export const peopleHe: Widen<typeof peopleEn> = {};
