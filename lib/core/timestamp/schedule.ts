/**
 * When the worker asks each authority for a stamp (lib/background/timestamping.ts does the asking), and what it keeps
 * between runs (meta `stamping`). Pure: state, settings and a clock in, deadlines out. Imported by the popup and the
 * options page too (no pkijs, no zod, no roots).
 *
 * - Each authority is asked on its own: one that fails never delays another.
 * - An authority that stamped the chain head is asked again only when a newer record exists, and at most once per
 *   interval (default 10 min): records made meanwhile are covered by the next stamp, which covers the whole chain
 *   up to its head.
 * - A failure (offline, refused, garbage, HTTP error, timeout, no permission) is retried after a backoff that
 *   doubles from 1 min up to 1 h. Deadlines are stored, so a restarted worker keeps them.
 */

export interface AuthorityState {
  /** Failures in a row since the last success. */
  failures: number;
  /** Not asked again before this (worker clock, epoch ms); set after a failure. */
  retryAt?: number;
  /** The last failure, in plain English (shown in Settings). */
  lastError?: string;
  lastTriedAt?: number;
  /** The last success (worker clock): the next request waits an interval after it. */
  lastOkAt?: number;
  /** The TSA time of the last token it gave. */
  lastGenTime?: number;
}

export interface StampingState {
  /** By authority URL. */
  authorities: Record<string, AuthorityState>;
  /** The newest chain record any token covers. */
  covered?: { seq: number; genTime: number; authority: string };
  /**
   * Records no token covers yet, as of the worker's last look (it looks after every new record and every attempt):
   * how many, and since when they wait (the oldest one's time, or when trusted time was turned on if later).
   */
  pending?: { count: number; since: number };
  /** When the worker first saw trusted time on (cleared when it is off). */
  enabledAt?: number;
  /**
   * The latest token whose TSA time differed from the local clock at request by more than CLOCK_WARN_MS
   * (`diffMs` = genTime − requestedAt: positive when the local clock is slow). Cleared by a later token within it.
   */
  clock?: { diffMs: number; authority: string; requestedAt: number; genTime: number };
}

export const RETRY_FIRST_MS = 60_000;
export const RETRY_MAX_MS = 60 * 60_000;

/** Wait after the n-th failure in a row (n ≥ 1): 1, 2, 4, … min, at most 1 h. */
export function backoffMs(failures: number): number {
  return Math.min(RETRY_FIRST_MS * 2 ** Math.max(0, failures - 1), RETRY_MAX_MS);
}

/**
 * When an authority that has not stamped the current head may be asked. A clock set back (by the shopper, or the
 * test build's) never postpones it by more than an interval or the longest backoff.
 */
export function dueAt(a: AuthorityState | undefined, intervalMs: number, now: number): number {
  if (!a) return now;
  const afterOk = a.lastOkAt === undefined ? 0 : Math.min(a.lastOkAt, now) + intervalMs;
  const retry = a.retryAt === undefined ? 0 : Math.min(a.retryAt, now + RETRY_MAX_MS);
  return Math.max(afterOk, retry);
}

/**
 * Stamping is behind when records have waited longer than two intervals (a working setup stamps within one): the
 * only case the popup mentions it.
 */
export function unstampedBehind(
  state: StampingState | undefined,
  timestamping: { enabled: boolean; intervalMinutes: number },
  now: number,
): number {
  const p = state?.pending;
  if (!timestamping.enabled || !p || p.count === 0) return 0;
  return now - p.since > 2 * timestamping.intervalMinutes * 60_000 ? p.count : 0;
}
