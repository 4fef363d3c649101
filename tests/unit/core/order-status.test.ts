import { orderStatusLabel } from '@/lib/core/order-status';

describe('order status in the shopper’s language', () => {
  it.each([
    ['等待收货', 'en', 'Awaiting delivery'],
    ['交易成功', 'en', 'Completed'],
    [' 卖家已发货 ', 'en', 'Shipped'],
    ['等待收货', 'zh-CN', '等待收货'],
    ['某个新状态', 'en', '某个新状态'], // unknown: the page's words, never a guess
  ])('%s in %s → %s', (status, lang, want) => expect(orderStatusLabel(status, lang)).toBe(want));
});
