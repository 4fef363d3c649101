/**
 * What the 价保 page's content script marks (issue #19): the order lines for which we hold a lower price inside the
 * price-protection window, i.e. an open price-drop alert, with the lowest price, when it was seen, and the screenshot
 * that shows it. Pure over what the worker read; the content script gets plain data (lib/content/claim-page.ts).
 */
import type { Alert, Evidence, Money, PageSnapshot, Platform } from './model';

export interface ClaimMark {
  orderId: string;
  productId: string;
  /** The lowest price seen inside the window, when it was seen, and what the shopper is owed per the alert. */
  price: Money;
  seenAt: number;
  difference?: Money;
  /** The price screenshot of that sighting, when one was taken. */
  evidenceId?: string;
}

type Stored = PageSnapshot & { id?: number };

export function claimMarks(platform: Platform, alerts: Alert[], snaps: Stored[], evidence: Evidence[]): ClaimMark[] {
  const marks: ClaimMark[] = [];
  const deleted = new Set(evidence.filter((e) => e.kind === 'deletion' && e.deletes).map((e) => e.deletes));
  for (const a of alerts) {
    if (a.kind !== 'price-drop' || a.platform !== platform || !a.orderId || !a.productId) continue;
    const until = a.dueAt ?? Infinity;
    let best: (Stored & { kind: 'product' }) | undefined;
    for (const s of snaps) {
      if (s.kind !== 'product' || s.platform !== platform || s.productId !== a.productId) continue;
      if (s.capturedAt < a.raisedAt || s.capturedAt > until) continue;
      if (!best || s.price.amount < best.price.amount) best = s;
    }
    if (!best) continue;
    const shot = evidence
      .filter(
        (e) =>
          e.kind === 'price-screenshot' &&
          !deleted.has(e.id) &&
          e.productId === a.productId &&
          (best.id !== undefined && e.snapshotId !== undefined
            ? e.snapshotId === best.id
            : e.capturedAt >= best.capturedAt),
      )
      .sort((x, y) => x.capturedAt - y.capturedAt)[0];
    marks.push({
      orderId: a.orderId,
      productId: a.productId,
      price: best.price,
      seenAt: best.capturedAt,
      ...(a.amount ? { difference: a.amount } : {}),
      ...(shot ? { evidenceId: shot.id } : {}),
    });
  }
  return marks.slice(0, 200);
}
