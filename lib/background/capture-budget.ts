/** The automatic-screenshot budget (lib/core/capture-budget.ts), kept in `meta` and spent in one transaction. */
import { spendBudget, skipReason, type BudgetDecision } from '../core/capture-budget';
import type { EvidenceKind } from '../core/model';
import { updateMeta, type DB } from '../store/db';
import { META } from '../store/meta';
import { recordFailure } from './capture';

/**
 * Spends one automatic screenshot of `state` in tab `tabId` at `now`, or says which limit refuses it. A
 * refusal that is the first of its window is recorded as a skipped capture (never silent, never repeated).
 */
export async function spendCaptureBudget(
  d: DB,
  req: { tabId: number; url: string; kind: EvidenceKind },
  state: string,
  now: number,
): Promise<BudgetDecision> {
  let decision = { admit: true } as BudgetDecision;
  // Read and written in one transaction: two reports at once cannot both take the last screenshot.
  await updateMeta(d, META.captureBudget, (old) => {
    const spent = spendBudget(old, req.tabId, state, now);
    decision = spent.decision;
    return spent.budget;
  });
  if (!decision.admit && decision.record)
    await recordFailure(d, {
      at: now,
      url: req.url,
      kind: req.kind,
      reason: skipReason(decision.limit),
      rateLimited: true,
    });
  return decision;
}
