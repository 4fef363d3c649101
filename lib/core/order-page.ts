/**
 * The order evidence page's address: `evidence.html?order=<platform>:<orderId>`. Pure, so the popup's
 * components and the page itself agree on it without touching browser APIs.
 */
import type { Platform } from './model';
import { isPlatform } from './platforms';
import { orderRef } from './keys';

export interface OrderRef {
  platform: Platform;
  orderId: string;
}

/** Path of the page inside the extension (for runtime.getURL, or as a relative link from another page). */
export function orderPagePath(order: OrderRef): `evidence.html?${string}` {
  return `evidence.html?order=${encodeURIComponent(orderRef(order.platform, order.orderId))}`;
}

/** "添加App订单" on the evidence page: a form for an order placed in a phone app. */
export const ADD_ORDER_PATH = 'evidence.html?add=app-order';

/** The order named by a page's query string, or null when there is none or it is not a valid one. */
export function parseOrderParam(search: string): OrderRef | null {
  const raw = new URLSearchParams(search).get('order');
  if (!raw) return null;
  const at = raw.indexOf(':');
  if (at <= 0) return null;
  const platform = raw.slice(0, at);
  const orderId = raw.slice(at + 1).trim();
  if (!isPlatform(platform) || !orderId || orderId.length > 200) return null;
  return { platform, orderId };
}
