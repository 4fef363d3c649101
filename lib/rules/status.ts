/**
 * What an order's status text says, for the rules. Platforms word it differently
 * (JD 已完成, Taobao 交易成功/交易关闭, generic shops in English); the rules need two answers.
 */
import type { OrderSnapshot } from '../core/model';

/** Cancelled or refunded: nothing is owed, not even a price difference. */
const CANCELLED = /已取消|交易关闭|订单关闭|已关闭|退款成功|\b(?:cancell?ed|closed|refunded)\b/i;
/** Received or finished (or cancelled): no parcel is expected to move any more. */
const SETTLED = /已完成|交易成功|交易完成|已签收|已收货|确认收货|\b(?:delivered|completed)\b/i;

export function isCancelled(order: Pick<OrderSnapshot, 'status'>): boolean {
  return order.status !== undefined && CANCELLED.test(order.status);
}

export function isClosed(order: Pick<OrderSnapshot, 'status'>): boolean {
  return isCancelled(order) || (order.status !== undefined && SETTLED.test(order.status));
}
