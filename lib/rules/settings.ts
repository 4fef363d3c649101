/**
 * Rule settings: a partial Settings merged over DEFAULT_SETTINGS (DESIGN.md "Rules the product encodes").
 * Unlike the shallow `resolveSettings` of the model, a partial `protectionDays` record merges per platform,
 * so `{ protectionDays: { jd: 15 } }` keeps the 7-day default of every other platform.
 */
import { DEFAULT_SETTINGS, type Settings } from '../core/model';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Settings hours may be fractional (tests use minutes); alerts need integer epoch ms. */
export function hoursMs(hours: number): number {
  return Math.round(hours * HOUR);
}

function definedOnly<T extends object>(partial: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(partial) as (keyof T)[]) {
    if (partial[key] !== undefined) out[key] = partial[key];
  }
  return out;
}

export function resolveRuleSettings(partial?: Partial<Settings>): Settings {
  const given = definedOnly(partial ?? {});
  return {
    ...DEFAULT_SETTINGS,
    ...given,
    protectionDays: { ...DEFAULT_SETTINGS.protectionDays, ...(given.protectionDays ?? {}) },
    minDifference: { ...DEFAULT_SETTINGS.minDifference, ...(given.minDifference ?? {}) },
  };
}
