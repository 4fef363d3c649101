/** The automatic-screenshot budget: per page state per hour, per tab per minute, each skip recorded once. */
import {
  SHOTS_PER_STATE_PER_HOUR,
  SHOTS_PER_TAB_PER_MINUTE,
  skipReason,
  spendBudget,
  type CaptureBudget,
} from '@/lib/core/capture-budget';

const T0 = Date.UTC(2026, 10, 20, 2, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

/** Spends one screenshot per call, threading the budget, and lists the decisions. */
function run(calls: [tab: number, state: string, at: number][], start?: CaptureBudget) {
  let budget = start;
  return calls.map(([tab, state, at]) => {
    const r = spendBudget(budget, tab, state, at);
    budget = r.budget;
    return r.decision.admit ? 'admit' : `${r.decision.limit}${r.decision.record ? ' (recorded)' : ''}`;
  });
}

describe('capture budget', () => {
  it('admits 3 screenshots of one page state an hour, records the first skip only, and admits again after the hour', () => {
    const calls = Array.from({ length: 6 }, (_, i) => [1, 'jd:1=8990', T0 + i * 10 * MIN] as [number, string, number]);
    expect(SHOTS_PER_STATE_PER_HOUR).toBe(3);
    expect(run([...calls, [1, 'jd:1=8990', T0 + HOUR + 1]])).toEqual([
      'admit',
      'admit',
      'admit',
      'state (recorded)',
      'state',
      'state',
      'admit', // the first of the three has left the hour
    ]);
  });

  it('admits 6 screenshots per tab per minute whatever the states, and another tab has its own', () => {
    expect(SHOTS_PER_TAB_PER_MINUTE).toBe(6);
    const flips = Array.from({ length: 10 }, (_, i) => [7, `jd:1=${i}`, T0 + i * 500] as [number, string, number]);
    expect(run([...flips, [8, 'jd:2=1', T0 + 5000], [7, 'jd:1=99', T0 + MIN + 1]])).toEqual([
      ...Array<string>(6).fill('admit'),
      'tab (recorded)',
      'tab',
      'tab',
      'tab',
      'admit', // tab 8
      'admit', // a minute after tab 7's first
    ]);
  });

  it('a page flipping its price twice a second for an hour gets 6 a minute at most, and one skipped record a minute', () => {
    let budget: CaptureBudget | undefined;
    let admitted = 0;
    let recorded = 0;
    for (let i = 0; i < 2 * 3600; i++) {
      const r = spendBudget(budget, 3, `tb:9=${i}`, T0 + i * 500); // a new price every time
      budget = r.budget;
      if (r.decision.admit) admitted++;
      else if (r.decision.record) recorded++;
    }
    expect(admitted).toBeLessThanOrEqual(60 * SHOTS_PER_TAB_PER_MINUTE); // was ~7,200 (2 a second)
    expect(admitted).toBeGreaterThan(50 * SHOTS_PER_TAB_PER_MINUTE);
    expect(recorded).toBeLessThanOrEqual(60);
    // The kept state stays small: only what is inside its window.
    expect(Object.keys(budget!.tabs)).toEqual(['3']);
    expect(budget!.tabs['3']!.length).toBeLessThanOrEqual(SHOTS_PER_TAB_PER_MINUTE);
  });

  it('drops entries outside their windows and any from a clock that went back', () => {
    const { budget } = spendBudget(
      {
        states: { old: [T0 - 2 * HOUR], future: [T0 + HOUR] },
        tabs: { 1: [T0 - 2 * MIN] },
        skipped: { 'tab 1': T0 - 2 * MIN },
      },
      2,
      'now',
      T0,
    );
    expect(budget).toEqual({ states: { now: [T0] }, tabs: { 2: [T0] }, skipped: {} });
  });

  it('says which limit skipped a capture', () => {
    expect(skipReason('state')).toBe('rate-limited: at most 3 automatic screenshots of one page state per hour');
    expect(skipReason('tab')).toBe('rate-limited: at most 6 automatic screenshots per tab per minute');
  });
});
