import { describe, expect, it } from 'vitest';
import { clockSkewMs, maxReservedPerDay, offlineBlockBelow, offlineTop, planOfflineAdmission, type TicketBlock } from '../../../functions/domain/queue/blocks';
import { ValidationError } from '../../../functions/domain/errors';

const block: TicketBlock = { id: 'b', branchId: 'x', serviceId: 's', prefix: 'A', day: '2026-11-24', from: 11, to: 20, reservedAt: 1_000_000, dayEndsAt: 90_000_000 };
const t = (seq: number, issuedAt: number) => ({ seq, issuedAt, language: 'he' as const, needs: [] });

describe('offline ticket blocks', () => {
  it('counts offline blocks down from the top, each just below the last', () => {
    expect(offlineBlockBelow(offlineTop + 1, 0, 10)).toEqual({ from: 990, to: 999 });
    expect(offlineBlockBelow(990, 40, 10)).toEqual({ from: 980, to: 989 });
    expect(offlineBlockBelow(990, 0, 1)).toEqual({ from: 989, to: 989 });
  });

  it('gives no block that online numbers already reach', () => {
    expect(offlineBlockBelow(990, 979, 10)).toEqual({ from: 980, to: 989 });
    expect(offlineBlockBelow(990, 980, 10)).toBeUndefined();
    expect(offlineBlockBelow(offlineTop + 1, 1200, 10)).toBeUndefined();
  });

  it('keeps the whole daily allowance above any number a normal day reaches', () => {
    expect(offlineTop + 1 - maxReservedPerDay).toBeGreaterThanOrEqual(500);
  });

  it('orders admitted tickets by issue time, then number', () => {
    const planned = planOfflineAdmission(block, [t(13, 2_000_000), t(11, 1_500_000), t(12, 1_500_000)], 3_000_000);
    expect(planned.map((p) => p.seq)).toEqual([11, 12, 13]);
  });

  it('refuses the whole batch naming each bad field', () => {
    const now = 3_000_000;
    try {
      planOfflineAdmission(block, [t(10, 2_000_000), t(12, 2_000_000), t(12, 2_000_001), t(14, now + clockSkewMs + 1), t(15, block.reservedAt - clockSkewMs - 1)], now);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).fields).toEqual([
        { field: 'body.tickets.0.seq', reason: 'not in this block (11–20)' },
        { field: 'body.tickets.2.seq', reason: 'sent twice in this request' },
        { field: 'body.tickets.3.issuedAt', reason: 'in the future' },
        { field: 'body.tickets.4.issuedAt', reason: 'before the block was reserved' },
      ]);
    }
  });

  it("refuses a ticket issued after the block's day ended", () => {
    const late = block.dayEndsAt + 1;
    expect(() => planOfflineAdmission(block, [t(11, late)], late + 10)).toThrow(ValidationError);
  });

  it('believes a kiosk clock a little off', () => {
    expect(planOfflineAdmission(block, [t(11, block.reservedAt - clockSkewMs + 1)], 2_000_000)).toHaveLength(1);
  });
});
