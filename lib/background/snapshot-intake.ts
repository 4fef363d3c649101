/**
 * What the background does with a snapshot from a shop tab: store it, then decide whether the page
 * state is new enough to deserve a screenshot (never two of an identical state).
 */
import { addSnapshot, getMeta, setMeta, type DB } from '../store/db';
import { META, type MetaKey } from '../store/meta';
import { spendCaptureBudget } from './capture-budget';
import type { CaptureRequest } from './capture';
import type { AlertKind, EvidenceKind, LogisticsSnapshot, PageSnapshot } from '../core/model';
import { formatMoney } from '../core/format';
import { PLATFORM_ZH } from '../core/platforms';

/** A string that changes exactly when the page shows something worth a new screenshot. */
export function captureState(s: PageSnapshot): string {
  if (s.kind === 'product') return `${s.price.amount}${s.price.currency}`;
  if (s.kind === 'order') return `${s.status ?? ''}|${s.paid.amount}|${(s.trackingNumbers ?? []).join(',')}`;
  if (s.kind === 'claim') return `${s.status}|${s.refund?.amount ?? ''}|${s.text.slice(0, 200)}`;
  const last = s.events[s.events.length - 1];
  return `${s.events.length}|${last?.at ?? ''}`;
}

export function captionOf(s: PageSnapshot): string {
  const p = s.platform ? (PLATFORM_ZH[s.platform] ?? s.platform) : '';
  if (s.kind === 'product') return `${p} 商品 ${s.productId} ${formatMoney(s.price)}`.trim();
  if (s.kind === 'order') return `${p} 订单 ${s.orderId} 实付 ${formatMoney(s.paid)}`.trim();
  if (s.kind === 'claim') {
    const refund = s.refund ? ` ${formatMoney(s.refund)}` : '';
    return `${p} 价保结果 ${s.orderId ?? s.productId ?? ''} ${s.status}${refund}`.replace(/\s+/g, ' ').trim();
  }
  const last = s.events[s.events.length - 1];
  return `运单 ${s.trackingNumber}${last ? ` ${last.text.slice(0, 40)}` : ''}`;
}

const KIND: Record<PageSnapshot['kind'], EvidenceKind> = {
  product: 'price-screenshot',
  order: 'order-screenshot',
  logistics: 'logistics-screenshot',
  claim: 'claim-screenshot',
};

export interface IntakeResult {
  snapshotId: number;
  capture: Omit<CaptureRequest, 'tabId'> | null;
  /** A screenshot was due but over the automatic-capture budget (lib/core/capture-budget.ts). */
  skipped?: 'state' | 'tab';
}

/** Alerts that mean "this parcel is not moving": while one is open, its tracking page is captured daily. */
const STALL_KINDS: ReadonlySet<AlertKind> = new Set(['no-pickup', 'shipped-no-scan', 'logistics-stalled']);
const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;

/** Is a stall alert open (active, not dismissed, not snoozed at `now`) for this parcel or its order? */
export async function stallAlertOpen(d: DB, s: LogisticsSnapshot, now: number): Promise<boolean> {
  const alerts = await d.getAll('alerts');
  return alerts.some(
    (r) =>
      r.active &&
      r.dismissedAt === undefined &&
      !(r.snoozedUntil !== undefined && r.snoozedUntil > now) &&
      STALL_KINDS.has(r.alert.kind) &&
      ((r.alert.trackingNumber !== undefined && r.alert.trackingNumber === s.trackingNumber) ||
        (r.alert.orderId !== undefined &&
          r.alert.orderId === s.orderId &&
          (!r.alert.platform || !s.platform || r.alert.platform === s.platform))),
  );
}

/**
 * Stores a snapshot and decides whether its page state deserves an automatic screenshot. With `tabId` (a
 * shop tab's report), the screenshot is also spent from that tab's and that page state's budget: one over
 * the budget is not taken (recorded as skipped, once per window), and its page state is not marked
 * captured, so the same state seen again once the budget allows is captured then.
 */
export async function intakeSnapshot(
  d: DB,
  s: PageSnapshot,
  title: string | undefined,
  mayCapture = true,
  tabId?: number,
): Promise<IntakeResult> {
  const snapshotId = await addSnapshot(d, s, title);
  if (!mayCapture) return { snapshotId, capture: null };
  const stateKey = META.captured(s);
  const state = captureState(s);
  let stallDay: { key: MetaKey<number>; day: number } | undefined;
  if ((await getMeta(d, stateKey)) === state) {
    // Unchanged page: no new screenshot, except one dated screenshot a day (Shanghai days) of a parcel
    // whose stall alert is open, so the complaint can show "still not moving on day N".
    if (s.kind !== 'logistics') return { snapshotId, capture: null };
    const dayKey = META.stallShot(s.trackingNumber);
    const today = Math.floor((s.capturedAt + SHANGHAI) / DAY);
    if ((await getMeta(d, dayKey)) === today || !(await stallAlertOpen(d, s, s.capturedAt)))
      return { snapshotId, capture: null };
    stallDay = { key: dayKey, day: today };
  }
  const capture: Omit<CaptureRequest, 'tabId'> = {
    ...captureAbout(s, title),
    kind: KIND[s.kind],
    snapshotId,
    ...(stallDay ? { reason: 'stall' as const } : {}),
  };
  if (tabId !== undefined) {
    const spent = await spendCaptureBudget(d, { ...capture, tabId }, `${stateKey}=${state}`, s.capturedAt);
    if (!spent.admit) return { snapshotId, capture: null, skipped: spent.limit };
  }
  if (stallDay) await setMeta(d, stallDay.key, stallDay.day);
  await setMeta(d, stateKey, state);
  return { snapshotId, capture };
}

/** What a screenshot of this page is about: its URL, title, and the order, product or parcel it shows. */
export function captureAbout(
  s: PageSnapshot,
  title: string | undefined,
): Omit<CaptureRequest, 'tabId' | 'kind' | 'snapshotId' | 'reason'> {
  return {
    url: s.url,
    ...(title ? { title } : {}),
    ...(s.platform ? { platform: s.platform } : {}),
    ...(s.kind === 'product' ? { productId: s.productId } : {}),
    ...(s.kind !== 'product' && s.orderId ? { orderId: s.orderId } : {}),
    ...(s.kind === 'logistics' ? { trackingNumber: s.trackingNumber } : {}),
    caption: captionOf(s),
  };
}
