import { localClock } from '../domain/branch';
import type { Branch } from '../domain/branch';
import { defaultMomentSettings, type MomentSettings } from '../domain/insight/moments';
import { localDay } from '../domain/time';

export const momentSettingsOf = (b: Branch & { moments?: Partial<MomentSettings> }): MomentSettings => ({ ...defaultMomentSettings, ...b.moments });

/** "2026-11-23T14": a branch-local hour, for ids that must be the same however often computed. */
export const hourLabel = (at: number, tz: string) => `${localDay(at, tz)}T${String(Math.floor(localClock(at, tz).minutes / 60)).padStart(2, '0')}`;
