/** Which tracking stages mean what to the rules (shared by grouping and the parcel rules). */
import type { Stage } from '../core/model';

/** A carrier has physically handled the parcel: anything from pickup on. `info` is only a label. */
export const SCAN_STAGES: ReadonlySet<string> = new Set<Stage>([
  'pickup',
  'transit',
  'delivering',
  'locker',
  'delivered',
  'exception',
  'returning',
]);
/** Something went wrong on the way. */
export const PROBLEM_STAGES: ReadonlySet<string> = new Set<Stage>(['exception', 'returning']);
