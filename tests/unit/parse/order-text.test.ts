import { describe, expect, it } from 'vitest';
import { parseOrderText } from '../../../lib/parse/order-text';

const NOW = Date.UTC(2025, 10, 10, 4, 0, 0); // 2025-11-10 12:00 Shanghai
/** Shanghai wall clock → epoch ms. */
const sh = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h - 8, mi, s);
const cny = (amount: number) => ({ amount, currency: 'CNY' });

// Written from the apps' order detail screens and their "复制" texts (full-width colons, ¥/￥, one field a line).
const TAOBAO = `订单编号：3712345678901234567 复制
支付宝交易号：2025110622001123451234567890
创建时间：2025-11-06 23:08:55
付款时间：2025-11-06 23:09:02
发货时间：2025-11-07 10:12:40
实付款：￥128.00`;

const TMALL = `天猫超市
店铺名称：天猫超市
商品名称：农夫山泉 饮用天然水 550ml*24瓶
订单号：4012345678901234567
成交时间：2025-11-05 08:30:00
实付款 ¥45.90`;

const JD = `订单编号：312345678901
下单时间：2025-11-06 23:08:55
支付方式：在线支付
商品总额：¥1,399.00
运费：¥0.00
优惠：-¥100.00
实付款：¥1,299.00
京东快递
运单号：JDVA12345678901`;

const PDD = `订单编号：251106-123456789012345
支付方式：微信支付
下单时间：2025-11-06 23:08:55
拼单时间：2025-11-06 23:09:10
物流公司：中通快递
快递单号：78123456789012
实付：¥12.90`;

const DOUYIN = `订单编号：6931234567890123456
支付方式：抖音支付
下单时间：2025/11/06 23:08
支付时间：2025/11/06 23:09
商品总价：¥69.90
运费：¥0.00
实付：¥59.90
店铺：小李的好物铺`;

const ONE_LINE = '订单编号：3712345678901234567 支付时间：2025-11-06 23:09:02 实付款：¥99.50';

describe('parseOrderText: copied app order texts', () => {
  it.each([
    [
      'Taobao (复制 after the number, 支付宝交易号 not taken)',
      TAOBAO,
      {
        platform: 'taobao',
        orderId: '3712345678901234567',
        paid: cny(12800),
        placedAt: sh(2025, 11, 6, 23, 8, 55),
        paidAt: sh(2025, 11, 6, 23, 9, 2),
        shippedAt: sh(2025, 11, 7, 10, 12, 40),
      },
    ],
    [
      'Tmall (订单号, 成交时间 as paid time, label without colon, shop and item)',
      TMALL,
      {
        platform: 'tmall',
        orderId: '4012345678901234567',
        paid: cny(4590),
        paidAt: sh(2025, 11, 5, 8, 30),
        shop: '天猫超市',
        item: { title: '农夫山泉 饮用天然水 550ml*24瓶' },
      },
    ],
    [
      'JD (实付款 not 商品总额/优惠, 运单号 and carrier from the number)',
      JD,
      {
        platform: 'jd',
        orderId: '312345678901',
        paid: cny(129900),
        placedAt: sh(2025, 11, 6, 23, 8, 55),
        trackingNumbers: ['JDVA12345678901'],
        carrier: 'JD',
      },
    ],
    [
      'Pinduoduo (yymmdd- order number, 物流公司 names the carrier)',
      PDD,
      {
        platform: 'pdd',
        orderId: '251106-123456789012345',
        paid: cny(1290),
        placedAt: sh(2025, 11, 6, 23, 8, 55),
        trackingNumbers: ['78123456789012'],
        carrier: 'ZTO',
      },
    ],
    [
      'Douyin (slashes, no seconds, 实付 not 商品总价)',
      DOUYIN,
      {
        platform: 'douyin',
        orderId: '6931234567890123456',
        paid: cny(5990),
        placedAt: sh(2025, 11, 6, 23, 8),
        paidAt: sh(2025, 11, 6, 23, 9),
        shop: '小李的好物铺',
      },
    ],
    [
      'one line (pasted through a chat app), no platform word',
      ONE_LINE,
      { orderId: '3712345678901234567', paid: cny(9950), paidAt: sh(2025, 11, 6, 23, 9, 2) },
    ],
    [
      'ASCII colons, ￥ and a missing time',
      '订单号: 300000000001\n实付款: ￥8.8',
      { orderId: '300000000001', paid: cny(880) },
    ],
    [
      'a Douyin order text without the amount',
      '订单编号：4987654321098765432\n下单时间：2025年11月6日 23:08\n抖音商城',
      { platform: 'douyin', orderId: '4987654321098765432', placedAt: sh(2025, 11, 6, 23, 8) },
    ],
    [
      'item with unit price and quantity',
      '订单编号：312345678902\n商品名称：冰丝凉席\n单价：¥59.00\n数量：x2\n实付款：¥118.00',
      { orderId: '312345678902', paid: cny(11800), item: { title: '冰丝凉席', unitPrice: cny(5900), quantity: 2 } },
    ],
  ])('%s', (_name, text, expected) => {
    expect(parseOrderText(text, NOW)).toEqual(expected);
  });

  it.each([
    ['empty', ''],
    ['a chat message', '亲，您好，请问什么时候发货呀？'],
    ['a product page text', '冰丝凉席 三件套 ¥59.00 月销 1万+ 包邮'],
    ['an address only', '收货地址：上海市浦东新区张江路 1 号 联系电话：13800000000'],
    ['a label with nothing usable', '订单编号：复制'],
  ])('not an order: %s → null', (_name, text) => {
    expect(parseOrderText(text, NOW)).toBeNull();
  });

  it('never takes an amount of 0 as paid', () => {
    expect(parseOrderText('订单编号：312345678903\n实付款：¥0.00', NOW)).toEqual({ orderId: '312345678903' });
  });
});
