/**
 * The background's clock. Real builds use Date.now(); the test build can move it with
 * `{type:'test/clock', now}` so e2e tests cross 48 h thresholds without waiting. The offset is stored,
 * so a restarted worker keeps the moved clock.
 */
import { getMeta, setMeta, type DB } from './db';
import { META } from './meta';

let offset = 0;

export function now(): number {
  return Date.now() + offset;
}

export async function loadClock(d: DB): Promise<void> {
  offset = (await getMeta(d, META.clockOffset)) ?? 0;
}

export async function setClock(d: DB, to: number): Promise<void> {
  offset = to - Date.now();
  await setMeta(d, META.clockOffset, offset);
}

/**
 * The same clock read from an extension page without a round trip to the worker (which may be asleep):
 * the stored offset on the local time. Real builds never store one, so this is Date.now() there.
 */
export async function storedNow(d: DB): Promise<number> {
  return Date.now() + ((await getMeta(d, META.clockOffset)) ?? 0);
}
