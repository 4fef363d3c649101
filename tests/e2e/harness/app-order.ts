/**
 * What the "添加App订单" e2e tests (app-order.*.test.ts) share: the app's copied text, a real PNG standing in for
 * the app screenshot, and a field setter that works the same through Playwright and Puppeteer (BiDi).
 */
export const NOW = Date.UTC(2025, 10, 9, 4, 0); // 2025-11-09 12:00 Shanghai: 60 h after the payment below
export const ORDER_ID = '6931234567890123456';

/** As Douyin's order detail screen copies it (full-width colons, ¥, one field a line). */
export const COPIED = `订单编号：${ORDER_ID}
支付方式：抖音支付
下单时间：2025/11/06 23:08
支付时间：2025/11/07 00:09
实付：¥59.90
店铺：小李的好物铺`;

/** A 1×1 PNG: an image the attachment rules accept. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Sets a field as typing would (Preact listens to `input`), run inside the page. */
export function setField(arg: string[]): void {
  const [selector = '', value = ''] = arg;
  const el = document.querySelector(selector) as HTMLInputElement | HTMLTextAreaElement;
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The values the form shows, read inside the page. */
export function formValues(): Record<string, string> {
  const v = (id: string) => (document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
  return {
    platform: v('app-order-platform'),
    orderId: v('app-order-id'),
    paid: v('app-order-paid'),
    paidAt: v('app-order-paid-at'),
    shop: v('app-order-shop'),
    carrier: v('app-order-carrier'),
  };
}

export const FILLED = {
  platform: 'douyin',
  orderId: ORDER_ID,
  paid: '59.90',
  paidAt: '2025-11-07 00:09',
  shop: '小李的好物铺',
};
