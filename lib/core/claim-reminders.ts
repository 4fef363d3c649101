/**
 * A throttled 价保 answer ("10分钟内只能申请一次", "单日申请上限10次") becomes a reminder at the time the platform allows
 * a new try: never a retry (DESIGN.md "Not goals"). Kept as stored absolute deadlines (the worker can die any time;
 * the alarm is set again from them at every start). Pure list operations; lib/background/claims.ts stores and wakes.
 */
import type { ClaimSnapshot, Platform } from './model';

export interface ClaimReminder {
  /** Stable: one reminder per page and order, the latest throttle wins. */
  id: string;
  at: number;
  platform: Platform;
  orderId?: string;
  url: string;
  text: string;
}

const MAX = 100;

export function reminderOf(claim: ClaimSnapshot): ClaimReminder | null {
  if (claim.status !== 'pending' || claim.retryAt === undefined) return null;
  return {
    id: `claim-remind:${claim.platform}:${claim.orderId ?? ''}:${claim.url.slice(0, 300)}`,
    at: claim.retryAt,
    platform: claim.platform,
    ...(claim.orderId ? { orderId: claim.orderId } : {}),
    url: claim.url,
    text: claim.text.slice(0, 300),
  };
}

/** The list with `r` in place of any reminder of the same id, soonest first, bounded. */
export function withReminder(list: readonly ClaimReminder[], r: ClaimReminder): ClaimReminder[] {
  return [...list.filter((x) => x.id !== r.id), r].sort((a, b) => a.at - b.at).slice(0, MAX);
}

/** Reminders due at `now`, and those still waiting. */
export function dueReminders(
  list: readonly ClaimReminder[],
  now: number,
): { due: ClaimReminder[]; waiting: ClaimReminder[] } {
  return { due: list.filter((r) => r.at <= now), waiting: list.filter((r) => r.at > now) };
}

export function isClaimReminderId(id: string): boolean {
  return id.startsWith('claim-remind:');
}
