/**
 * An order placed in a phone app and typed in by the shopper (`order/add`, DESIGN.md public contracts): what makes
 * such an entry acceptable, the record that chains it, and how it is shown. Pure: the worker's handler
 * (lib/background/handlers/orders.ts) and the "添加App订单" form (components/shared/AppOrderForm.tsx) share it, so
 * the form refuses what the worker would refuse, with the same words.
 */
import { detectCarrier } from '../parse/carrier';
import { canonicalJson, sha256Hex } from './hash';
import type { OrderSnapshot, Platform } from './model';
import type { EvidenceDraft } from './evidence-chain';
import { PLATFORM_ZH } from './platforms';

/** Why an entry is refused (each has its message in public/_locales, keyed in components/shared/AppOrderForm.tsx). */
export const ORDER_ADD_PROBLEMS = [
  /** Paid ¥0: an order worth a complaint was paid for; a 0 is a field left empty or a misread. */
  'amount-zero',
  /** The paid (or placed) time lies in the future: a typo in the date. */
  'future-time',
  /** No paid time: every deadline (48 h no pickup, the protection window) counts from it. */
  'no-paid-time',
  /** A tracking number whose carrier the number does not tell, and none chosen. */
  'unknown-carrier',
  /** That platform's order number is already stored: edit it instead (an edit is a new record). */
  'duplicate',
  /** An edit of an order that is not stored. */
  'not-found',
] as const;
export type OrderAddProblem = (typeof ORDER_ADD_PROBLEMS)[number];

export interface OrderAddRefusal {
  ok: false;
  error: string;
  code: OrderAddProblem;
  /** The form field the problem is about. */
  field?: 'paid' | 'paidAt' | 'placedAt' | 'trackingNumbers' | 'orderId' | 'carrier';
}

/** Clocks differ by a little between the phone the shopper reads and this machine. */
export const FUTURE_SLACK_MS = 5 * 60_000;

const MESSAGES: Record<OrderAddProblem, string> = {
  'amount-zero': 'the amount paid is 0: enter what the app says you paid (实付款)',
  'future-time': 'the paid time is in the future: check the date',
  'no-paid-time': 'the paid time is missing: the deadlines count from it',
  'unknown-carrier': 'the carrier of this tracking number is not known: choose it',
  duplicate: 'this order number is already stored for this platform: edit that order instead',
  'not-found': 'no stored order to edit with this number',
};

function refuse(code: OrderAddProblem, field?: OrderAddRefusal['field']): OrderAddRefusal {
  return { ok: false, error: MESSAGES[code], code, ...(field ? { field } : {}) };
}

/**
 * The first problem of a typed-in order, or null. `stored`: the platform already has this order number; `edit`:
 * the shopper means to replace its facts (a new record beside the old one).
 */
export function checkManualOrder(
  s: OrderSnapshot,
  ctx: { now: number; stored: boolean; edit: boolean },
): OrderAddRefusal | null {
  if (s.paid.amount <= 0) return refuse('amount-zero', 'paid');
  if (s.paidAt === undefined) return refuse('no-paid-time', 'paidAt');
  if (s.paidAt > ctx.now + FUTURE_SLACK_MS) return refuse('future-time', 'paidAt');
  if (s.placedAt !== undefined && s.placedAt > ctx.now + FUTURE_SLACK_MS) return refuse('future-time', 'placedAt');
  if (!s.carrier && (s.trackingNumbers ?? []).some((tn) => detectCarrier(tn) === null))
    return refuse('unknown-carrier', 'carrier');
  if (ctx.stored && !ctx.edit) return refuse('duplicate', 'orderId');
  if (!ctx.stored && ctx.edit) return refuse('not-found', 'orderId');
  return null;
}

/** The entry as stored: marked manual, dated by the worker's clock; tracking numbers without blanks or repeats. */
export function manualSnapshot(s: OrderSnapshot, now: number): OrderSnapshot {
  const clean = (list: string[] | undefined) => {
    const out = [...new Set((list ?? []).map((n) => n.trim()).filter(Boolean))];
    return out.length ? out : undefined;
  };
  const trackingNumbers = clean(s.trackingNumbers);
  const returnTrackingNumbers = clean(s.returnTrackingNumbers);
  const { trackingNumbers: _t, returnTrackingNumbers: _r, ...rest } = s;
  return {
    ...rest,
    ...(trackingNumbers ? { trackingNumbers } : {}),
    ...(returnTrackingNumbers ? { returnTrackingNumbers } : {}),
    source: 'manual',
    capturedAt: now,
  };
}

export const ORDER_ENTRY_MIME = 'application/x-shopwitness-order-entry';

/**
 * The chain record of a typed-in order: no file; `sha256`/`bytes` are those of the stored snapshot's canonical
 * JSON (lib/core/hash.ts), so the facts as typed are bound to the chain and a backup's snapshot can be checked
 * against it. `edit`: it replaces an earlier entry's facts (the earlier record stays).
 */
export async function orderEntryDraft(s: OrderSnapshot, snapshotId: number, edit: boolean): Promise<EvidenceDraft> {
  const json = new TextEncoder().encode(canonicalJson(s));
  const yuan = (s.paid.amount / 100).toFixed(2);
  return {
    kind: 'order-entry',
    capturedAt: s.capturedAt,
    url: s.url,
    platform: s.platform,
    orderId: s.orderId,
    snapshotId,
    ...(s.trackingNumbers?.[0] ? { trackingNumber: s.trackingNumbers[0] } : {}),
    caption: `${edit ? '手动修改' : '手动录入'} ${PLATFORM_ZH[s.platform]} 订单 ${s.orderId} 实付 ¥${yuan}`.replace(
      /\s+/g,
      ' ',
    ),
    mime: ORDER_ENTRY_MIME,
    bytes: json.byteLength,
    sha256: await sha256Hex(json),
    ...(edit ? { note: 'edit' } : {}),
  };
}

/**
 * The caption of an app screenshot attached with a typed-in order ("添加App订单"): the checklist counts such an
 * attachment as the order's own screen, in place of an order-page screenshot.
 */
export const APP_ORDER_SCREEN_CAPTION = 'App订单截图 app order screen';

/** An attachment the shopper added as the app's order screen (a picture, with the caption above). */
export function isAppOrderScreen(e: {
  kind: string;
  caption?: string | undefined;
  mime?: string | undefined;
}): boolean {
  return (
    e.kind === 'attachment' &&
    e.caption === APP_ORDER_SCREEN_CAPTION &&
    (e.mime === undefined || e.mime.startsWith('image/'))
  );
}

/** A product link the shopper pasted → the product id the price rules link the order by (null: none read). */
export function productIdFromLink(platform: Platform, link: string): string | null {
  let u: URL;
  try {
    u = new URL(link.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const param = (...names: string[]) => names.map((n) => u.searchParams.get(n)).find((v) => v && /^\d{4,30}$/.test(v));
  if (platform === 'jd') return /\/(\d{4,20})\.html$/.exec(u.pathname)?.[1] ?? param('sku', 'wareId') ?? null;
  if (platform === 'pdd') return param('goods_id') ?? null;
  if (platform === 'douyin') return param('id', 'product_id') ?? null;
  return param('id') ?? null;
}

/** An app order has no web page: where the evidence and the popup point instead (the first product link, if any). */
export function manualOrderUrl(platform: Platform, orderId: string, links: readonly string[] = []): string {
  const web = links.map((l) => l.trim()).find((l) => /^https?:\/\/\S+$/i.test(l));
  return web ?? `app-order:${platform}/${encodeURIComponent(orderId)}`;
}

/** Is this a page a link can open (an app order's url is not)? */
export function isWebUrl(url: string | undefined): boolean {
  return typeof url === 'string' && /^https?:\/\//i.test(url);
}
