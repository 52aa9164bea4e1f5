// Tests run at any hour: the demo branches are open around the clock in test systems
// (the closed-branch tests close one explicitly). Needs the handlers' environment set.
export async function openDemoBranchesAllDay(): Promise<void> {
  const { demoBranches } = await import('../../functions/seed/demo');
  const { putBranchSetup } = await import('../../functions/data/setup-repo');
  const allDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));
  for (const b of demoBranches) await putBranchSetup({ ...b, branch: { ...b.branch, hours: allDay, exceptions: [] } });
}
