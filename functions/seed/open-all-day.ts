// Tests, benchmarks, the smoke run and a late-evening demo run at any hour: the demo branches
// opened around the clock (the closed-branch tests close one explicitly).
// Needs the handlers' environment set (TABLE_NAME, endpoint).
export async function openDemoBranchesAllDay(): Promise<void> {
  const { demoBranches } = await import('./demo');
  const { putBranchSetup } = await import('../data/setup-repo');
  const allDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));
  for (const b of demoBranches) await putBranchSetup({ ...b, branch: { ...b.branch, hours: allDay, exceptions: [] } });
}
