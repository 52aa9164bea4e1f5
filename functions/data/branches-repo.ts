import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Branch } from '../domain/branch';
import { NotFoundError } from '../domain/errors';
import { addDays, localDay } from '../domain/time';
import type { ServiceStats } from '../domain/queue/estimate';
import type { Counter, Service } from '../domain/queue/types';
import { db, table } from './client';
import { keys } from './keys';
import { queryAll, strip } from './items';

export interface BranchBundle {
  branch: Branch;
  services: Service[];
  counters: Counter[];
  stats: Map<string, ServiceStats>;
}

export async function listBranches(): Promise<Branch[]> {
  const out = await db.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.branchList().gsi1pk },
    }),
  );
  return (out.Items ?? []).map((i) => strip<Branch>(i));
}

/** Every branch with its branch-local yesterday and today: where the scheduled sweeps look. */
export async function recentBranchDays(now: number): Promise<{ branch: Branch; day: string }[]> {
  return (await listBranches()).flatMap((branch) => {
    const today = localDay(now, branch.timeZone);
    return [addDays(today, -1), today].map((day) => ({ branch, day }));
  });
}

export async function getBranch(branchId: string): Promise<Branch> {
  const out = await db.send(new GetCommand({ TableName: table(), Key: keys.branch(branchId) }));
  if (!out.Item) throw new NotFoundError(`No branch ${branchId}`);
  return strip<Branch>(out.Item);
}

/** Branch, services, counters and service-time stats: one strongly consistent query. */
export async function getBranchBundle(branchId: string): Promise<BranchBundle> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.branchPartition(branchId) },
    ConsistentRead: true,
  });
  const of = (prefix: string) => items.filter((i) => String(i.sk).startsWith(prefix)).map(strip);
  const branch = of('BRANCH')[0] as Branch | undefined;
  if (!branch) throw new NotFoundError(`No branch ${branchId}`);
  const stats = new Map(of('STATS#').map((s) => [String(s.serviceId), s as unknown as ServiceStats]));
  return {
    branch,
    services: (of('SERVICE#') as unknown as Service[]).sort((a, b) => a.prefix.localeCompare(b.prefix)),
    counters: (of('COUNTER#') as unknown as Counter[]).sort((a, b) => a.number - b.number),
    stats,
  };
}
