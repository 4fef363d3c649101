/** One line of the benchmark table. `ok` is null when the row has no budget (informational). */
export interface Row {
  measure: string;
  /** Measured value, or null when the measurement failed or was not taken. */
  value: number | null;
  unit: string;
  /** Human-readable budget, e.g. "≤ 50 ms"; '—' when there is none. */
  budget: string;
  ok: boolean | null;
  /** Why a value is missing, or what the number means. */
  note?: string;
  /** Extra numbers for results.json (samples, counts). */
  detail?: Record<string, unknown>;
  /**
   * A ratio row (`unit` '×', `value` the ratio): what our measurement is divided by, measured in the
   * same browser session with the samples interleaved, e.g. 'minimal content script'.
   */
  baseline?: string;
  /** Median of ours / median of the baseline's samples. */
  ratio?: number;
  /** The two medians the ratio is made of; `baselineAs` names the baseline in the printed table. */
  absolute?: { ours: number; baseline: number; unit: string; baselineAs: string };
}

export type Measurement = () => Promise<Row[]>;
