import { listBranches } from '../data/branches-repo';
import { isOpenAt, type Branch } from '../domain/branch';
import { localDay } from '../domain/time';
import { contextHandler, type OperationRequest } from '../http/handler';
import { loadBranchDay, serviceWait } from '../queue/snapshot';
import { createBranch, getBranchSetup, updateBranchSetup } from './setup';
import { confirmDeviceEnrollment, getCurrentDevice, getDeviceEnrollment, listDevices, revokeDevice, startDeviceEnrollment } from '../devices/enrollment';
import { listBranchWebhooks, registerWebhook, removeWebhook } from './webhooks';

const summary = (b: Branch, now: number) => ({
  id: b.id,
  name: b.name,
  address: b.address,
  timeZone: b.timeZone,
  hours: b.hours,
  exceptions: (b.exceptions ?? []).filter((e) => e.day >= localDay(now, b.timeZone)).sort((x, y) => x.day.localeCompare(y.day)),
  openNow: isOpenAt(b, now),
});

export const handler = contextHandler({
  registerWebhook,
  listBranchWebhooks,
  getBranchSetup,
  updateBranchSetup,
  createBranch,
  removeWebhook,
  startDeviceEnrollment,
  getDeviceEnrollment,
  confirmDeviceEnrollment,
  listDevices,
  revokeDevice,
  getCurrentDevice,
  listBranches: async ({ now }: OperationRequest) => ({
    branches: (await listBranches()).map((b) => summary(b, now)).sort((a, b) => a.id.localeCompare(b.id)),
  }),

  getBranch: async ({ params, now }: OperationRequest) => {
    const snap = await loadBranchDay(params.branchId, now);
    return {
      ...summary(snap.branch, now),
      services: snap.services.map((s) => ({
        id: s.id,
        prefix: s.prefix,
        name: s.name,
        kind: s.kind,
        expectedMinutes: s.expectedMinutes,
        ...serviceWait(snap, s),
      })),
      counters: snap.counters.map((c) => ({ id: c.id, number: c.number, serviceIds: c.serviceIds, pickup: c.pickup, status: c.status })),
      remoteJoin: { verifyPhone: snap.branch.remoteJoin?.verifyPhone === true },
    };
  },
});
