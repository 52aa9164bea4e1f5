// Staff insight: the manager dashboard and the call-back list (issue 8).
export const insightEn = {};
