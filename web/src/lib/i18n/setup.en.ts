// Admin face: a branch set up by its manager (hours, services, counters, pickup windows) (issue 7).
export const setupEn = {};
