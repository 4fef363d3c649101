/**
 * What the background does with a snapshot from a shop tab: store it, then decide whether the page
 * state is new enough to deserve a screenshot (never two of an identical state).
 */
import { addSnapshot, getMeta, setMeta, type DB } from './db';
import type { CaptureRequest } from './capture';
import type { EvidenceKind, PageSnapshot } from './model';
import { formatMoney } from './format';

const PLATFORM_ZH: Record<string, string> = { jd: '京东', taobao: '淘宝', tmall: '天猫', douyin: '抖音', pdd: '拼多多', generic: '' };

/** A string that changes exactly when the page shows something worth a new screenshot. */
export function captureState(s: PageSnapshot): string {
  if (s.kind === 'product') return `${s.price.amount}${s.price.currency}`;
  if (s.kind === 'order') return `${s.status ?? ''}|${s.paid.amount}|${(s.trackingNumbers ?? []).join(',')}`;
  const last = s.events[s.events.length - 1];
  return `${s.events.length}|${last?.at ?? ''}`;
}

export function captionOf(s: PageSnapshot): string {
  const p = s.platform ? PLATFORM_ZH[s.platform] ?? s.platform : '';
  if (s.kind === 'product') return `${p} 商品 ${s.productId} ${formatMoney(s.price)}`.trim();
  if (s.kind === 'order') return `${p} 订单 ${s.orderId} 实付 ${formatMoney(s.paid)}`.trim();
  const last = s.events[s.events.length - 1];
  return `运单 ${s.trackingNumber}${last ? ` ${last.text.slice(0, 40)}` : ''}`;
}

const KIND: Record<PageSnapshot['kind'], EvidenceKind> = {
  product: 'price-screenshot',
  order: 'order-screenshot',
  logistics: 'logistics-screenshot',
};

export interface IntakeResult {
  snapshotId: number;
  capture: Omit<CaptureRequest, 'tabId'> | null;
}

export async function intakeSnapshot(d: DB, s: PageSnapshot, title: string | undefined, mayCapture = true): Promise<IntakeResult> {
  const snapshotId = await addSnapshot(d, s, title);
  if (!mayCapture) return { snapshotId, capture: null };
  const stateKey = `captured:${s.kind}:${s.kind === 'logistics' ? s.trackingNumber : `${s.platform}:${s.kind === 'product' ? s.productId : s.orderId}`}`;
  const state = captureState(s);
  if ((await getMeta<string>(d, stateKey)) === state) return { snapshotId, capture: null };
  await setMeta(d, stateKey, state);
  return {
    snapshotId,
    capture: {
      url: s.url,
      ...(title ? { title } : {}),
      kind: KIND[s.kind],
      snapshotId,
      ...(s.platform ? { platform: s.platform } : {}),
      ...(s.kind === 'product' ? { productId: s.productId } : {}),
      ...(s.kind !== 'product' && s.orderId ? { orderId: s.orderId } : {}),
      ...(s.kind === 'logistics' ? { trackingNumber: s.trackingNumber } : {}),
      caption: captionOf(s),
    },
  };
}
