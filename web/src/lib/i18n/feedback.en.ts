// Customer feedback: the one-question survey and "talk to a person" (issue 8).
export const feedbackEn = {};
