// `npm start` (and the browser suite) pre-enroll one kiosk and one board per branch, so the kiosk
// and board URLs it prints work at once: each carries its device token in the #fragment, which
// the page stores and strips. Fixed ids, a fresh token on every start (the last one is void).
import { listBranches } from '../data/branches-repo';
import { putDemoDevice } from '../data/devices-repo';
import type { DeviceKind } from '../domain/devices';
import { newDeviceToken } from '../devices/enrollment';

export interface DemoDevice {
  branchId: string;
  kind: DeviceKind;
  deviceId: string;
  token: string;
}

export async function seedDemoDevices(now: number): Promise<DemoDevice[]> {
  const out: DemoDevice[] = [];
  for (const branch of await listBranches()) {
    for (const kind of ['kiosk', 'board'] as const) {
      const deviceId = `demo-${kind}-${branch.id}`;
      const { token, hash } = newDeviceToken(deviceId);
      await putDemoDevice({ id: deviceId, branchId: branch.id, kind, label: `Demo ${kind}`, status: 'active', enrolledAt: now, enrolledBy: 'npm-start', tokenHash: hash });
      out.push({ branchId: branch.id, kind, deviceId, token });
    }
  }
  return out;
}
