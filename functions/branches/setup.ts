import { getBranchBundle, type BranchBundle } from '../data/branches-repo';
import { listDayBookings } from '../data/bookings-repo';
import { createBranchSetup, saveBranchSetup } from '../data/setup-repo';
import { listDayTickets } from '../data/tickets-repo';
import { appointmentConfigOf } from '../domain/bookings/types';
import type { Branch } from '../domain/branch';
import { ConflictError, ForbiddenError, ValidationError } from '../domain/errors';
import { branchDay } from '../domain/queue/numbering';
import type { Service } from '../domain/queue/types';
import { changeOf, isTimeZone, newCounterId, validateSetup } from '../domain/setup/validate';
import { addDays } from '../domain/time';
import { assertManager } from '../http/auth';
import { Reply, type OperationRequest } from '../http/handler';
import { pickupConfigOf } from '../orders/windows';

// A branch's set-up, edited by its manager (or an admin) with the version they saw. Nothing is
// cached between requests: getBranch, takeTicket, slots and windows read the branch partition
// afresh (getBranchBundle is one strongly consistent query), so a save shows at once.

const setupView = ({ branch, services, counters }: BranchBundle) => ({
  branchId: branch.id,
  version: (branch as Branch & { setupVersion?: number }).setupVersion ?? 0,
  name: branch.name,
  address: branch.address,
  timeZone: branch.timeZone,
  hours: [...branch.hours].sort((a, b) => a.weekday - b.weekday || a.open.localeCompare(b.open)),
  exceptions: [...(branch.exceptions ?? [])].sort((a, b) => a.day.localeCompare(b.day)),
  services: services.map((s) => ({
    id: s.id,
    prefix: s.prefix,
    name: s.name,
    kind: s.kind,
    expectedMinutes: s.expectedMinutes,
    priority: s.priority ?? 0,
    ...(s.appointmentCapacity !== undefined && { appointmentCapacity: s.appointmentCapacity }),
  })),
  counters: counters.map((c) => ({ id: c.id, number: c.number, serviceIds: c.serviceIds, pickup: c.pickup, status: c.status })),
  pickup: pickupConfigOf(branch),
  ...(branch.appointments?.slotMinutes !== undefined && { appointmentSlotMinutes: branch.appointments.slotMinutes }),
  remoteJoin: { verifyPhone: branch.remoteJoin?.verifyPhone === true },
});

export async function getBranchSetup({ params, staff }: OperationRequest) {
  assertManager(staff!, params.branchId);
  return setupView(await getBranchBundle(params.branchId));
}

type SetupBody = Omit<ReturnType<typeof setupView>, 'branchId' | 'counters' | 'remoteJoin'> & {
  remoteJoin?: { verifyPhone: boolean };
  counters: { id?: string; number: number; serviceIds: string[]; pickup: boolean }[];
};

/** Tickets still waiting, called or being served today per service (a service they need cannot go). */
async function liveTicketsByService(bundle: BranchBundle, now: number): Promise<Map<string, number>> {
  const tickets = await listDayTickets(bundle.branch.id, branchDay(now, bundle.branch.timeZone));
  const live = new Map<string, number>();
  for (const t of tickets) if (['waiting', 'called', 'serving'].includes(t.status)) live.set(t.serviceId, (live.get(t.serviceId) ?? 0) + 1);
  return live;
}

/** Bookings still to come for the given appointment services (today to the booking horizon). */
async function comingBookings(bundle: BranchBundle, serviceIds: string[], now: number): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (serviceIds.length === 0) return found;
  const today = branchDay(now, bundle.branch.timeZone);
  const days = Array.from({ length: appointmentConfigOf(bundle.branch).horizonDays + 1 }, (_, i) => addDays(today, i));
  for (const list of await Promise.all(days.map((d) => listDayBookings(bundle.branch.id, d)))) {
    for (const b of list) if (b.status === 'booked' && serviceIds.includes(b.serviceId)) found.set(b.serviceId, (found.get(b.serviceId) ?? 0) + 1);
  }
  return found;
}

const serviceName = (services: Service[], id: string) => services.find((s) => s.id === id)?.name.en ?? id;

export async function updateBranchSetup({ params, body, staff, now }: OperationRequest) {
  assertManager(staff!, params.branchId);
  const input = body as SetupBody;
  const issues = validateSetup(input);
  if (issues.length) throw new ValidationError('The set-up has problems', issues);

  const before = await getBranchBundle(params.branchId);
  if (setupView(before).version !== input.version) throw new ConflictError('Someone else changed this branch meanwhile; reload and try again', 'stale');
  const known = new Set(before.counters.map((c) => c.id));
  const unknown = input.counters.findIndex((c) => c.id !== undefined && !known.has(c.id));
  if (unknown >= 0) throw new ValidationError('No such counter', [{ field: `body.counters.${unknown}.id`, reason: 'not a counter of this branch (omit the id for a new one)' }]);

  // Live tickets and coming bookings hold on to their service: it may not go, nor change kind.
  const change = changeOf(before, input);
  const live = await liveTicketsByService(before, now);
  const held = [...change.removedServices, ...change.retypedServices].filter((id) => live.has(id));
  if (held.length) {
    const id = held[0]!;
    const index = input.services.findIndex((s) => s.id === id);
    throw new ConflictError(`${serviceName(before.services, id)} still has ${live.get(id)} ticket(s) in the queue today; keep it until they are served`, 'service_in_use', [
      { field: index >= 0 ? `body.services.${index}.kind` : 'body.services', reason: `${id} has tickets in the queue today` },
    ], { serviceId: id, tickets: live.get(id) });
  }
  const appointmentServices = [...change.removedServices, ...change.retypedServices].filter((id) => before.services.find((s) => s.id === id)?.kind === 'appointment');
  const booked = await comingBookings(before, appointmentServices, now);
  if (booked.size) {
    const [id, count] = [...booked][0]!;
    const index = input.services.findIndex((s) => s.id === id);
    throw new ConflictError(`${serviceName(before.services, id)} has ${count} booking(s) to come; cancel or serve them first`, 'service_in_use', [
      { field: index >= 0 ? `body.services.${index}.kind` : 'body.services', reason: `${id} has bookings to come` },
    ], { serviceId: id, bookings: count });
  }
  const busy = before.counters.find((c) => change.removedCounters.includes(c.id) && c.currentTicketId);
  if (busy) throw new ConflictError(`Counter ${busy.number} is serving a ticket now`, 'counter_busy', [{ field: 'body.counters', reason: `counter ${busy.number} is serving a ticket` }]);

  const taken = new Set([...known]);
  const counters = input.counters.map((c) => {
    const id = c.id ?? newCounterId(c.number, taken);
    taken.add(id);
    return { id, number: c.number, serviceIds: c.serviceIds, pickup: c.pickup };
  });
  const { appointmentSlotMinutes, remoteJoin, ...rest } = input;
  const { slotMinutes: _old, ...appointments } = before.branch.appointments ?? {};
  await saveBranchSetup(params.branchId, input.version, {
    branch: {
      name: rest.name,
      address: rest.address,
      timeZone: rest.timeZone,
      hours: rest.hours,
      exceptions: rest.exceptions,
      pickup: { ...before.branch.pickup, ...rest.pickup },
      appointments: appointmentSlotMinutes === undefined ? appointments : { ...appointments, slotMinutes: appointmentSlotMinutes },
      // An older client that does not know the switch leaves it as it was.
      remoteJoin: remoteJoin ?? { verifyPhone: before.branch.remoteJoin?.verifyPhone === true },
    },
    services: input.services.map((s) => ({ ...s, priority: s.priority ?? 0 })),
    counters,
    removedCounters: change.removedCounters,
    removedServices: change.removedServices,
    existingCounters: known,
  });
  return setupView(await getBranchBundle(params.branchId));
}

/** Admins open a branch: a minimal valid set-up (one walk-in service, one counter, weekday hours) to edit from. */
export async function createBranch({ body, staff }: OperationRequest) {
  if (!staff!.roles.includes('admin')) throw new ForbiddenError('Only an admin can open a branch');
  if (!isTimeZone(body.timeZone)) throw new ValidationError('Unknown time zone', [{ field: 'body.timeZone', reason: 'not a known IANA time zone' }]);
  const weekdays = [0, 1, 2, 3, 4].map((weekday) => ({ weekday, open: '09:00', close: '17:00' }));
  await createBranchSetup({
    branch: { id: body.id, name: body.name, address: body.address ?? { he: '', en: '' }, timeZone: body.timeZone, hours: weekdays, exceptions: [] },
    services: [{ id: 'general', prefix: 'A', name: { he: 'שירות כללי', en: 'General service' }, kind: 'walkin', expectedMinutes: 10, priority: 0 }],
    counters: [{ id: 'c1', number: 1, serviceIds: ['general'], pickup: false, status: 'closed' }],
  });
  return new Reply(201, setupView(await getBranchBundle(body.id)));
}
