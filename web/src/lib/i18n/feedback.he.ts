// Customer feedback: the one-question survey and "talk to a person" (issue 8).
import type { Widen } from './widen';
import type { feedbackEn } from './feedback.en';

export const feedbackHe: Widen<typeof feedbackEn> = {};
