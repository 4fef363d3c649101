import type { AlertRecord } from './db';

/** An alert the shopper still has to see: active, not dismissed, not snoozed past `now`. Tiny, so the popup reads it without the rules. */
export function isOpen(r: AlertRecord, now: number): boolean {
  return r.active && r.dismissedAt === undefined && !(r.snoozedUntil !== undefined && r.snoozedUntil > now);
}
