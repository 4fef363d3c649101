/**
 * Pinduoduo 拼多多 (mobile.yangkeduo.com), all from inline `window.rawData`.
 * Units: fields named …InCent, `displayAmount`, `goodsPrice`, `orderAmount` and the goods-level
 * min/max…Price integers are fen; a decimal string or non-integer number is yuan; SKU prices are fen
 * unless any is fractional or they sit 100× below the goods-level fen price (then yuan).
 * Price rule: 拼单价 (group price) is the reported price: it is what PDD shows as the main number and
 * what a shopper in a group pays; 单独购买价 and 划线 market price go to candidates (market as listPrice).
 * orders.html lists several orders: `extract` gives the first (newest), `extractAll` all of them.
 */
import type { Money, OrderSnapshot, PageSnapshot } from '../core/model';
import { type Cand, compact, item, logistics, money, order, product, push, pushText, textOrder } from './build';
import { bodyText, clean, inlineScripts, timeline } from './dom';
import { arr, findData, get, isObj, type Obj, str } from './json';
import type { SiteAdapter } from './types';
import { pddGoods as isGoods, pddOrder as isOrder } from './urls';

const fen = (v: unknown): Money | null =>
  typeof v === 'number' && !Number.isInteger(v)
    ? money(v)
    : typeof v === 'string' && /\./.test(v)
      ? money(v)
      : money(v, 'CNY', true);

function raw(doc: Document): Obj | null {
  return findData(inlineScripts(doc), /\brawData\s*=\s*/);
}

function goods(doc: Document, url: URL, now: number) {
  const data = raw(doc);
  const g = get(data, 'store.initDataObj.goods') ?? get(data, 'store.goods') ?? get(data, 'goods');
  const id = str(get(g, 'goodsID') ?? get(g, 'goodsId')) || url.searchParams.get('goods_id');
  const cands: Cand[] = [];
  let range: { low: Money; high: Money } | null = null;
  if (isObj(g)) {
    const minG = fen(g.minOnSaleGroupPrice ?? g.minGroupPrice);
    const maxG = fen(g.maxOnSaleGroupPrice ?? g.maxGroupPrice);
    const skus = arr(g.skus).filter(isObj).slice(0, 500);
    const skuId = url.searchParams.get('sku_id');
    const values = skus
      .map((s) => s.groupPrice)
      .filter((v): v is number | string => typeof v === 'number' || typeof v === 'string');
    const yuan =
      values.some((v) => !Number.isInteger(Number(v))) || (!!minG && values.some((v) => Number(v) * 50 < minG.amount));
    const unit = (v: unknown) => (yuan ? money(typeof v === 'number' ? v : str(v)) : fen(v));
    const sel = skuId ? skus.find((s) => str(s.skuId) === skuId) : undefined;
    if (sel) push(cands, unit(sel.groupPrice), 'embedded', '拼单价', 'skus.groupPrice');
    push(cands, minG, 'embedded', '拼单价', 'goods.minGroupPrice');
    push(
      cands,
      sel ? unit(sel.normalPrice) : fen(g.minOnSaleNormalPrice ?? g.minNormalPrice),
      'embedded',
      '单独购买价',
      'goods.minNormalPrice',
    );
    push(cands, fen(g.marketPrice ?? g.market_price), 'embedded', '划线价', 'goods.marketPrice', true);
    if (!sel && minG && maxG && maxG.amount > minG.amount) range = { low: minG, high: maxG };
  }
  if (!cands.some((c) => !c.ref)) {
    const m = /(拼单价|券后价?|[¥￥])\s*[:：]?\s*[¥￥]?\s*(\d[\d,]*(?:\.\d{1,2})?)/.exec(bodyText(doc, 20_000));
    if (m) pushText(cands, `¥${m[2]}`, 'text', undefined, m[1] && /[¥￥]/.test(m[1]) ? undefined : m[1]);
  }
  const title = str(get(g, 'goodsName')) || clean(doc.title).replace(/\s*-\s*拼多多.*$/, '');
  const shop = str(get(data, 'store.initDataObj.mall.mallName')) || str(get(data, 'store.mall.mallName'));
  return product({ platform: 'pdd', url, productId: id, title, cands, range, shop, now });
}

/** Seconds or ms epoch, or a date string → ms. */
function time(v: unknown): number | null {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n === 'number' && n > 0) return n < 1e11 ? n * 1000 : n;
  return null;
}

function orderOf(o: unknown, url: URL, now: number): OrderSnapshot | null {
  const items = arr(get(o, 'orderGoods') ?? get(o, 'goodsList'))
    .slice(0, 100)
    .map((g) =>
      item(
        str(get(g, 'goodsName')),
        get(g, 'goodsNumber'),
        fen(get(g, 'goodsPrice')),
        str(get(g, 'goodsId')),
        str(get(g, 'spec')),
      ),
    )
    .filter((i) => !!i);
  const amount = ['displayAmount', 'orderAmount', 'payAmount']
    .map((k) => get(o, k))
    .find((v) => v !== undefined && v !== null);
  const ship = get(o, 'expressInfo');
  return order({
    platform: 'pdd',
    url,
    orderId: str(get(o, 'orderSn')),
    paid: fen(amount),
    items,
    placedAt: time(get(o, 'orderTime')),
    paidAt: time(get(o, 'payTime')),
    shippedAt: time(get(o, 'shippingTime')),
    carrier: str(get(ship, 'shippingName')) || str(get(o, 'shipping.shippingName')),
    shop: str(get(o, 'mall.mallName')) || str(get(o, 'mallName')),
    status: str(get(o, 'orderStatusPrompt')) || str(get(ship, 'pddStatusDesc')) || str(get(o, 'orderStatusDesc')),
    trackingNumbers: [str(get(ship, 'trackingNumber')) || str(get(o, 'trackingNumber'))],
    now,
  });
}

function parcel(o: unknown, url: URL, now: number, fallbackDoc?: Document) {
  const ship = get(o, 'expressInfo') ?? o;
  const events = arr(get(ship, 'traces'))
    .slice(0, 500)
    .map((t) => ({
      time: str(get(t, 'time')) || str(get(t, 'timeStr')),
      text: str(get(t, 'info')) || str(get(t, 'desc')) || str(get(t, 'context')) || str(get(t, 'status')),
    }));
  const rows = events.length || !fallbackDoc ? events : timeline(fallbackDoc, 'li, [class*="trace"], [class*="item"]');
  const no = str(get(ship, 'trackingNumber')) || url.searchParams.get('tracking_number');
  const sn = str(get(o, 'orderSn')) || url.searchParams.get('order_sn');
  return logistics(
    'pdd',
    url,
    no,
    rows,
    now,
    sn,
    str(get(ship, 'shippingName')) || str(get(o, 'shipping.shippingName')),
  );
}

/** Order, order list and parcel pages. */
function orderPages(doc: Document, url: URL, now: number): PageSnapshot[] {
  const data = raw(doc);
  if (url.pathname.startsWith('/goods_express')) {
    const p = parcel(get(data, 'data') ?? get(data, 'store') ?? data, url, now, doc);
    return p ? [p] : [];
  }
  if (url.pathname.startsWith('/orders')) {
    const list = arr(get(data, 'ordersStore.orders') ?? get(data, 'store.ordersStore.orders')).slice(0, 50);
    return list.map((o) => orderOf(o, url, now)).filter((s): s is OrderSnapshot => !!s);
  }
  const o = get(data, 'data') ?? get(data, 'store.data');
  const snap = o ? orderOf(o, url, now) : textOrder(doc, url, 'pdd', now, url.searchParams.get('order_sn'));
  return compact([snap, o ? parcel(o, url, now) : null]);
}

function extractAll(doc: Document, url: URL, now: number): PageSnapshot[] {
  if (isGoods(url)) {
    const g = goods(doc, url, now);
    return g ? [g] : [];
  }
  return orderPages(doc, url, now);
}

export const pdd: SiteAdapter = {
  id: 'pdd',
  kinds: ['product', 'order', 'logistics'],
  matches: (u) => isGoods(u) || isOrder(u),
  extract: (doc, url, now) => extractAll(doc, url, now)[0] ?? null,
  extractAll,
  examples: [
    'https://mobile.yangkeduo.com/goods.html?goods_id=612345678901',
    'https://mobile.yangkeduo.com/goods2.html?goods_id=612345678901',
    'https://mobile.yangkeduo.com/order.html?order_sn=251106-123456789012345',
    'https://mobile.yangkeduo.com/orders.html?type=0',
    'https://mobile.yangkeduo.com/goods_express.html?order_sn=251106-123456789012345&tracking_number=YT1234567890123',
  ],
};

/** `pdd` by page kind for the content scripts: goods pages load only the product reader. */
export const pddGoods: SiteAdapter = {
  id: 'pdd',
  kinds: ['product'],
  matches: isGoods,
  extract: goods,
  examples: ['https://mobile.yangkeduo.com/goods.html?goods_id=612345678901'],
};
export const pddOrder: SiteAdapter = {
  id: 'pdd',
  kinds: ['order', 'logistics'],
  matches: isOrder,
  extract: (doc, url, now) => orderPages(doc, url, now)[0] ?? null,
  extractAll: orderPages,
  examples: ['https://mobile.yangkeduo.com/order.html?order_sn=251106-123456789012345'],
};
