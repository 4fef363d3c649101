/** Which page a URL is: the identity a screenshot is checked against, and the URL the price re-check fetches. */
import { ADAPTERS } from '@/lib/sites';
import { fetchableUrl, pageIdentity, samePageIdentity } from '@/lib/sites/urls';

describe('pageIdentity', () => {
  it.each([
    // Pages that differ only by query are different pages.
    ['https://item.taobao.com/item.htm?id=1', 'https://item.taobao.com/item.htm?id=2'],
    ['https://detail.tmall.com/item.htm?id=1', 'https://detail.tmall.com/item.htm?id=2'],
    ['https://details.jd.com/normal/item.action?orderid=1', 'https://details.jd.com/normal/item.action?orderid=2'],
    [
      'https://buyertrade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=1',
      'https://buyertrade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=2',
    ],
    [
      'https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=1',
      'https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=2',
    ],
    [
      'https://wuliu.taobao.com/user/order_detail_new.htm?trade_id=1',
      'https://wuliu.taobao.com/user/order_detail_new.htm?trade_id=2',
    ],
    [
      'https://haohuo.jinritemai.com/views/product/detail?id=1',
      'https://haohuo.jinritemai.com/views/product/detail?id=2',
    ],
    [
      'https://haohuo.jinritemai.com/views/order/detail?order_id=1',
      'https://haohuo.jinritemai.com/views/order/detail?order_id=2',
    ],
    ['https://mobile.yangkeduo.com/goods.html?goods_id=1', 'https://mobile.yangkeduo.com/goods.html?goods_id=2'],
    ['https://mobile.yangkeduo.com/order.html?order_sn=1', 'https://mobile.yangkeduo.com/order.html?order_sn=2'],
    [
      'https://mobile.yangkeduo.com/goods_express.html?order_sn=1&tracking_number=A',
      'https://mobile.yangkeduo.com/goods_express.html?order_sn=1&tracking_number=B',
    ],
    // The selected SKU: the price on screen is that SKU's.
    ['https://item.taobao.com/item.htm?id=1&skuId=10', 'https://item.taobao.com/item.htm?id=1&skuId=11'],
    ['https://item.taobao.com/item.htm?id=1', 'https://item.taobao.com/item.htm?id=1&skuId=11'],
    // Different path, host or scheme.
    ['https://item.jd.com/100012043978.html', 'https://item.jd.com/100012043979.html'],
    ['https://item.taobao.com/item.htm?id=1', 'https://detail.tmall.com/item.htm?id=1'],
    ['http://item.jd.com/100012043978.html', 'https://item.jd.com/100012043978.html'],
    // An order page and the parcel page of the same order.
    [
      'https://trade.taobao.com/trade/detail/trade_order_detail.htm?biz_order_id=1',
      'https://wuliu.taobao.com/user/order_detail_new.htm?trade_id=1',
    ],
    // Unknown pages: the whole URL (query included) counts.
    ['https://shop.example/p?x=1', 'https://shop.example/p?x=2'],
    ['https://shop.example/p?spm=1', 'https://shop.example/p?spm=2'],
  ])('%s ≠ %s', (a, b) => {
    expect(samePageIdentity(a, b)).toBe(false);
    expect(samePageIdentity(b, a)).toBe(false);
  });

  it.each([
    // Tracking parameters, their order and the fragment do not make another page.
    ['https://item.taobao.com/item.htm?id=1', 'https://item.taobao.com/item.htm?spm=a21n57.1.0.0&id=1&pvid=x&scm=y'],
    ['https://item.taobao.com/item.htm?id=1&skuId=2', 'https://item.taobao.com/item.htm?skuId=2&id=1#detail'],
    ['https://item.jd.com/100012043978.html', 'https://item.jd.com/100012043978.html?utm_source=x&cu=true#crumb-wrap'],
    [
      'https://details.jd.com/normal/item.action?orderid=301234567890',
      'https://details.jd.com/normal/item.action?orderid=301234567890&PassKey=abc',
    ],
    ['https://shop.example/p?x=1', 'https://shop.example/p?x=1#reviews'],
  ])('%s = %s', (a, b) => {
    expect(samePageIdentity(a, b)).toBe(true);
  });

  it('names platform and kind; unknown pages and non-URLs are what they are', () => {
    expect(pageIdentity('https://item.taobao.com/item.htm?spm=1&id=789012345678&skuId=5')).toMatchObject({
      platform: 'taobao',
      kind: 'product',
      url: 'https://item.taobao.com/item.htm?id=789012345678&skuId=5',
    });
    expect(pageIdentity('https://details.jd.com/normal/item.action?orderid=3&PassKey=x')).toMatchObject({
      platform: 'jd',
      kind: 'order',
      url: 'https://details.jd.com/normal/item.action?orderid=3',
    });
    expect(pageIdentity('https://mobile.yangkeduo.com/orders.html?type=1')).toMatchObject({ kind: 'orders' });
    expect(pageIdentity('https://www.jd.com/?a=1#b')).toMatchObject({
      platform: null,
      kind: 'page',
      url: 'https://www.jd.com/?a=1',
    });
    expect(pageIdentity('not a url')).toBeNull();
    expect(samePageIdentity(undefined, 'https://item.jd.com/1.html')).toBe(false);
    expect(samePageIdentity('not a url', 'not a url')).toBe(false);
  });

  // The identity table and the readers agree: every example page of every platform adapter is a known page of
  // that platform, of a kind the adapter reads, and changing any id the URL carries makes another page.
  it.each(ADAPTERS.filter((a) => a.id !== 'generic').map((a) => [a.id, a] as const))(
    '%s: every example URL is a known page of its platform',
    (_id, adapter) => {
      for (const example of adapter.examples) {
        const id = pageIdentity(example)!;
        expect({ example, platform: id.platform }).toEqual({ example, platform: adapter.id });
        expect([...adapter.kinds, 'orders']).toContain(id.kind);
        for (const [name, value] of new URL(id.url).searchParams) {
          const other = new URL(example);
          other.searchParams.set(name, `${value}9`);
          expect({ example, name, same: samePageIdentity(example, other.href) }).toMatchObject({ same: false });
        }
      }
    },
  );
});

describe('fetchableUrl', () => {
  it('keeps what names the page and drops tracking parameters and the fragment', () => {
    expect(
      fetchableUrl('https://item.taobao.com/item.htm?spm=a1z10.1-c.w4004.1&id=789012345678&ns=1&abbucket=7&skuId=51#x'),
    ).toBe('https://item.taobao.com/item.htm?id=789012345678&skuId=51');
    expect(fetchableUrl('https://detail.tmall.com/item.htm?id=18959526273&ali_refid=a&ali_trackid=b&pvid=c')).toBe(
      'https://detail.tmall.com/item.htm?id=18959526273',
    );
    expect(fetchableUrl('https://item.jd.com/100012043978.html?utm_source=kong&utm_medium=tuiguang&cu=true')).toBe(
      'https://item.jd.com/100012043978.html',
    );
    expect(fetchableUrl('https://mobile.yangkeduo.com/goods.html?goods_id=612345678901&_wvx=1&refer_page_name=x')).toBe(
      'https://mobile.yangkeduo.com/goods.html?goods_id=612345678901',
    );
  });

  it('on an unknown page strips only known trackers', () => {
    expect(fetchableUrl('https://pro.jd.com/mall/x.html?spm=1&utm_campaign=2&variant=3&gclid=4#top')).toBe(
      'https://pro.jd.com/mall/x.html?variant=3',
    );
    expect(fetchableUrl('nope')).toBeNull();
  });
});
