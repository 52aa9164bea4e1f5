import { describe, expect, it } from 'vitest';
import { estimateWait, naiveEstimateMinutes, thinBelowSamples, updateServiceStats, type ServiceStats } from '../../../functions/domain/queue/estimate';

const min = 60_000;

describe('wait estimate', () => {
  it('starts from the configured duration and says the data is thin', () => {
    const e = estimateWait({ ahead: 4, openCounters: 2, stats: undefined, expectedMinutes: 6 });
    expect(e.thin).toBe(true);
    // (4 + 0.5) × 6 / 2 = 13.5 minutes sits inside the range.
    expect(e.lowMinutes).toBeLessThanOrEqual(13);
    expect(e.highMinutes).toBeGreaterThanOrEqual(14);
    expect(Number.isInteger(e.lowMinutes) && Number.isInteger(e.highMinutes)).toBe(true);
  });

  it('follows the measured service time, away from a wrong configuration', () => {
    let s: ServiceStats | undefined;
    for (let i = 0; i < 30; i++) s = updateServiceStats(s, 12 * min, 4);
    expect(s!.samples).toBe(30);
    expect(s!.meanMs / min).toBeCloseTo(12, 0);
    const e = estimateWait({ ahead: 3, openCounters: 1, stats: s, expectedMinutes: 4 });
    expect(e.thin).toBe(false);
    expect(e.lowMinutes).toBeGreaterThan(naiveEstimateMinutes(3, 4, 1)); // the naive one believes 4 minutes
  });

  it('narrows the range as measurements agree, and widens it when they scatter', () => {
    let steady: ServiceStats | undefined;
    let scattered: ServiceStats | undefined;
    for (let i = 0; i < 40; i++) {
      steady = updateServiceStats(steady, 5 * min, 5);
      scattered = updateServiceStats(scattered, (i % 2 ? 1 : 9) * min, 5);
    }
    const width = (s: ServiceStats) => {
      const e = estimateWait({ ahead: 6, openCounters: 2, stats: s, expectedMinutes: 5 });
      return e.highMinutes - e.lowMinutes;
    };
    expect(width(steady!)).toBeLessThan(width(scattered!));
  });

  it('becomes confident only after enough samples', () => {
    let s: ServiceStats | undefined;
    for (let i = 0; i < thinBelowSamples - 1; i++) s = updateServiceStats(s, 5 * min, 5);
    expect(estimateWait({ ahead: 1, openCounters: 1, stats: s, expectedMinutes: 5 }).thin).toBe(true);
    s = updateServiceStats(s, 5 * min, 5);
    expect(estimateWait({ ahead: 1, openCounters: 1, stats: s, expectedMinutes: 5 }).thin).toBe(false);
  });

  it('shrinks with more open counters and flags when none is open', () => {
    const one = estimateWait({ ahead: 10, openCounters: 1, stats: undefined, expectedMinutes: 5 });
    const four = estimateWait({ ahead: 10, openCounters: 4, stats: undefined, expectedMinutes: 5 });
    expect(four.highMinutes).toBeLessThan(one.highMinutes);
    expect(estimateWait({ ahead: 10, openCounters: 0, stats: undefined, expectedMinutes: 5 }).noCounterOpen).toBe(true);
    expect(one.noCounterOpen).toBe(false);
  });

  it('clamps a forgotten "complete" so one outlier cannot ruin the average', () => {
    let s: ServiceStats | undefined;
    for (let i = 0; i < 10; i++) s = updateServiceStats(s, 5 * min, 5);
    const after = updateServiceStats(s, 48 * 60 * min, 5);
    expect(after.meanMs / min).toBeLessThan(60);
  });
});
