/**
 * An order's status as the shop page states it ("等待收货"), in the shopper's language. The page's own words
 * stay the record (they are what the evidence shows); English gets the usual statuses of the five shops
 * translated, and any other text as it was written.
 */
const EN: Record<string, string> = {
  等待付款: 'Awaiting payment',
  待付款: 'Awaiting payment',
  等待发货: 'Awaiting shipment',
  待发货: 'Awaiting shipment',
  买家已付款: 'Paid, awaiting shipment',
  已付款: 'Paid',
  卖家已发货: 'Shipped',
  已发货: 'Shipped',
  等待收货: 'Awaiting delivery',
  待收货: 'Awaiting delivery',
  等待确认收货: 'Awaiting delivery confirmation',
  正在出库: 'Leaving the warehouse',
  配送中: 'Out for delivery',
  派送中: 'Out for delivery',
  已签收: 'Delivered',
  已收货: 'Received',
  交易成功: 'Completed',
  已完成: 'Completed',
  完成: 'Completed',
  交易关闭: 'Closed',
  已取消: 'Cancelled',
  订单已取消: 'Cancelled',
  退款中: 'Refund in progress',
  退款成功: 'Refunded',
  售后中: 'After-sales in progress',
};

export function orderStatusLabel(status: string, lang: string): string {
  if (!lang.startsWith('en')) return status;
  return EN[status.trim()] ?? status;
}
