/** The worker's alarm names. */

/** The next stored deadline (set by evaluateAndNotify). */
export const WATCH_ALARM = 'watch';
/** Every 30 minutes: evaluate again, expire parked captures. */
export const TICK_ALARM = 'watch-tick';
/** Every hour: re-check the prices of watched products. */
export const RECHECK_ALARM = 'price-recheck';
/** Trusted time: the next stamp or retry that is due (lib/background/timestamping.ts). */
export const STAMP_ALARM = 'timestamp';
/** The next throttled 价保 answer's "you may try again" time (lib/background/claims.ts). */
export const CLAIM_REMIND_ALARM = 'claim-remind';
