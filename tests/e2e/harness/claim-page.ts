/**
 * JD's PC 价保 page on its real URL, constructed from PLATFORMS.md (tests/fixtures/responses/jd-claim/SOURCE.md): three
 * order lines, each with its own answer when the shopper (the test) clicks 申请价保 — a success of ¥12.00, a refusal,
 * and a throttle. The orders and their lower prices are seeded as reads, so each line has an open price-drop alert.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OrderSnapshot, ProductSnapshot } from '@/lib/core/model';
import { ROOT } from './paths';
import { ok, type Send } from './send';

const DIR = resolve(ROOT, 'tests/fixtures/responses/jd-claim');
export const CLAIM_URL = 'https://pcsitepp-fm.jd.com/';
export const APPLY = 'https://pcsitepp-fm.jd.com/rest/pricepro/skuProtectApply';

export const LINES = {
  success: { orderId: '301234567890', skuId: '100012345678', paid: 10000, lower: 8800, answer: 'apply-success' },
  refused: { orderId: '301234567891', skuId: '100012345679', paid: 29900, lower: 27900, answer: 'apply-fail' },
  throttled: { orderId: '301234567892', skuId: '100012345680', paid: 9900, lower: 8900, answer: 'apply-throttled' },
} as const;
export type Line = (typeof LINES)[keyof typeof LINES];

export const claimPage = (): string => readFileSync(resolve(DIR, 'pc-page-constructed.html'), 'utf8');

/** The constructed answer for a line, with that line's order and SKU. */
export function answerFor(line: Line): string {
  const body = JSON.parse(readFileSync(resolve(DIR, `${line.answer}-constructed.json`), 'utf8')) as {
    data: Record<string, unknown>[];
  };
  for (const item of body.data) Object.assign(item, { orderId: line.orderId, skuId: line.skuId });
  return JSON.stringify(body);
}

/** The apply request of a line, as the page's script sends it (the prefix routes match). */
export const applyUrl = (line: Line) => `${APPLY}?orderId=${line.orderId}&skuId=${line.skuId}`;

/** Each line's order (paid two days ago) and a lower price seen now: an open price-drop alert per line. */
export async function seedOrders(send: Send): Promise<void> {
  const now = Date.now();
  ok(await send({ type: 'settings/save', settings: { language: 'zh-CN' } }));
  for (const line of Object.values(LINES)) {
    const order: OrderSnapshot = {
      kind: 'order',
      platform: 'jd',
      url: `https://details.jd.com/normal/item.action?orderid=${line.orderId}`,
      orderId: line.orderId,
      paidAt: now - 2 * 86_400_000,
      paid: { amount: line.paid, currency: 'CNY' },
      items: [
        {
          productId: line.skuId,
          title: `商品 ${line.skuId}`,
          unitPrice: { amount: line.paid, currency: 'CNY' },
          quantity: 1,
        },
      ],
      capturedAt: now,
    };
    const product: ProductSnapshot = {
      kind: 'product',
      platform: 'jd',
      url: `https://item.jd.com/${line.skuId}.html`,
      productId: line.skuId,
      title: `商品 ${line.skuId}`,
      price: { amount: line.lower, currency: 'CNY' },
      capturedAt: now,
    };
    ok(await send({ type: 'snapshot/report', snapshot: order }));
    ok(await send({ type: 'snapshot/report', snapshot: product }));
  }
}

export async function openDrops(send: Send): Promise<string[]> {
  return ok(await send({ type: 'alerts/evaluate' }))
    .alerts.filter((a) => a.kind === 'price-drop')
    .map((a) => a.orderId ?? '');
}
