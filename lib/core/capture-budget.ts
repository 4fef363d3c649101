/**
 * How many automatic screenshots a shop page can cause (pure; lib/background/capture-budget.ts keeps the
 * state). Without a bound, a hostile page that changes its price twice a second drives ~2 screenshots a
 * second into the append-only evidence chain until the disk is full. Manual captures (a user gesture) are
 * never limited. What goes over a limit is not silent: it is recorded once per window as a skipped capture
 * (a CaptureFailure with `rateLimited`), which the popup counts.
 */

/**
 * At most 3 automatic screenshots of one page state (the same order status, the same price of the same
 * product) per hour: a price that drops, comes back and drops again is each time worth a dated picture; a
 * page that flips between two prices all day is not.
 */
export const SHOTS_PER_STATE_PER_HOUR = 3;

/**
 * At most 6 automatic screenshots per tab per minute: a shopper going through product and order pages one
 * after another stays under it (each page takes seconds to read); a page that changes itself every 500 ms
 * gets 6 a minute instead of ~120.
 */
export const SHOTS_PER_TAB_PER_MINUTE = 6;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Admitted automatic screenshots, and the skips already recorded, inside their windows. */
export interface CaptureBudget {
  /** page state → times of the screenshots admitted for it in the last hour */
  states: Record<string, number[]>;
  /** tab id → times of the screenshots admitted in it in the last minute */
  tabs: Record<string, number[]>;
  /** `state <key>` / `tab <id>` → when its one skipped record of the current window was written */
  skipped: Record<string, number>;
}

export type BudgetDecision =
  | { admit: true }
  /** `record`: the first skip of this window, to be written down; later ones in the window are not. */
  | { admit: false; limit: 'state' | 'tab'; record: boolean };

function recent(times: readonly number[] | undefined, now: number, window: number): number[] {
  return (times ?? []).filter((t) => t > now - window && t <= now);
}

function pruned(b: CaptureBudget | undefined, now: number): CaptureBudget {
  const keep = (m: Record<string, number[]> | undefined, window: number) =>
    Object.fromEntries(
      Object.entries(m ?? {}).flatMap(([k, v]) => {
        const r = recent(v, now, window);
        return r.length ? [[k, r]] : [];
      }),
    );
  return {
    states: keep(b?.states, HOUR),
    tabs: keep(b?.tabs, MINUTE),
    skipped: Object.fromEntries(
      Object.entries(b?.skipped ?? {}).filter(
        ([k, at]) => at > now - (k.startsWith('tab ') ? MINUTE : HOUR) && at <= now,
      ),
    ),
  };
}

/**
 * May an automatic screenshot of page state `state` in tab `tabId` be taken at `now`? Returns the decision
 * and the budget to store (admitted shots counted, old entries dropped, a recorded skip noted).
 */
export function spendBudget(
  budget: CaptureBudget | undefined,
  tabId: number,
  state: string,
  now: number,
): { decision: BudgetDecision; budget: CaptureBudget } {
  const b = pruned(budget, now);
  const tab = String(tabId);
  const deny = (limit: 'state' | 'tab', key: string) => {
    const record = b.skipped[key] === undefined;
    if (record) b.skipped[key] = now;
    return { decision: { admit: false as const, limit, record }, budget: b };
  };
  if ((b.states[state]?.length ?? 0) >= SHOTS_PER_STATE_PER_HOUR) return deny('state', `state ${state}`);
  if ((b.tabs[tab]?.length ?? 0) >= SHOTS_PER_TAB_PER_MINUTE) return deny('tab', `tab ${tab}`);
  b.states[state] = [...(b.states[state] ?? []), now];
  b.tabs[tab] = [...(b.tabs[tab] ?? []), now];
  return { decision: { admit: true }, budget: b };
}

/** The reason a skipped capture is recorded with (the popup counts these apart from real failures). */
export function skipReason(limit: 'state' | 'tab'): string {
  return limit === 'state'
    ? `rate-limited: at most ${SHOTS_PER_STATE_PER_HOUR} automatic screenshots of one page state per hour`
    : `rate-limited: at most ${SHOTS_PER_TAB_PER_MINUTE} automatic screenshots per tab per minute`;
}
