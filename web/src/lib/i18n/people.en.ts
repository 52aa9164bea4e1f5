// Admin face: staff of a branch, invited and removed by managers (issue 7).
export const peopleEn = {};
