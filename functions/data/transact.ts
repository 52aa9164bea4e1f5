import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors';
import { db } from './client';

export type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Which transaction items failed their condition, and whether it only lost a race. */
function cancellation(e: unknown): { conflict: boolean; failed: number[] } | undefined {
  if (!(e instanceof TransactionCanceledException)) return undefined;
  const reasons = e.CancellationReasons ?? [];
  return {
    conflict: reasons.some((r) => r.Code === 'TransactionConflict'),
    failed: reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : [])),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a transaction, retrying while it only lost a race (TransactionConflict) and
 * returning the indexes of items whose condition really failed ([] = written).
 */
export async function transact(items: TxItem[]): Promise<number[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return [];
    } catch (e) {
      const c = cancellation(e);
      if (!c) throw e;
      if (c.failed.length > 0) return c.failed;
      if (attempt >= 12) throw new ConflictError('We are very busy; try again', 'busy');
      await sleep(Math.random() * 20 * 2 ** Math.min(attempt, 5));
    }
  }
}
