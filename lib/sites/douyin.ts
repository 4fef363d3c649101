/**
 * Douyin shop 抖音商城 (haohuo.jinritemai.com). Thin by necessity (PLATFORMS.md): the web shop is mostly
 * gone and prices use a rotating obfuscation font. Layers: inline JSON (`_ROUTER_DATA`, `RENDER_DATA`,
 * `__INITIAL_STATE__`) → schema.org → labelled price text (digits only; glyph text never parses).
 * In Douyin's own JSON an integer `*price` field is fen (their API convention); a decimal string is yuan.
 * Order pages: the labelled visible text only (订单编号/实付款/下单时间), no guessed structure.
 */
import { type Cand, money, product, push, pushText, textOrder } from './build';
import { all, attr, bodyText, clean, firstText, inlineScripts } from './dom';
import { findData, isObj, type Obj, parseLoose, str } from './json';
import { structured } from './generic';
import type { SiteAdapter } from './types';
import { douyinOrder, douyinProduct, douyinProductId } from './urls';

/** The object describing this product somewhere in the page data, bounded breadth-first search. */
function findProduct(root: unknown, id: string): Obj | null {
  const queue: unknown[] = [root];
  for (let n = 0; n < 5000 && queue.length; n++) {
    const v = queue.shift();
    if (!v || typeof v !== 'object') continue;
    if (isObj(v) && str(v.product_id ?? v.productId ?? v.id) === id && Object.keys(v).some((k) => /price/i.test(k)))
      return v;
    queue.push(...(Array.isArray(v) ? v.slice(0, 100) : Object.values(v).slice(0, 100)));
  }
  return null;
}

function pageData(doc: Document, scripts: string[]): unknown[] {
  const out: unknown[] = [findData(scripts, /_ROUTER_DATA\s*=\s*/), findData(scripts, /__INITIAL_STATE__\s*=\s*/)];
  for (const s of all(doc, 'script#RENDER_DATA, script[type="application/json"]', 5)) {
    const t = (s.textContent ?? '').slice(0, 2_000_000);
    let decoded = t;
    try {
      decoded = t.trim().startsWith('%') ? decodeURIComponent(t) : t;
    } catch {
      // keep raw
    }
    out.push(parseLoose(decoded));
  }
  return out;
}

export const douyin: SiteAdapter = {
  id: 'douyin',
  kinds: ['product', 'order'],
  matches: (u) => douyinProduct(u) || douyinOrder(u),
  extract(doc, url, now) {
    const q = url.searchParams;
    if (!douyinProduct(url))
      return textOrder(doc, url, 'douyin', now, q.get('order_id') ?? q.get('orderId') ?? q.get('id'));
    const id = douyinProductId(url);
    if (!id) return null;
    const cands: Cand[] = [];
    let title = '';
    let shop = '';
    for (const d of pageData(doc, inlineScripts(doc))) {
      const p = findProduct(d, id);
      if (!p) continue;
      const fen = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? money(v, 'CNY', true) : money(v));
      push(
        cands,
        fen(p.discount_price ?? p.min_price ?? p.price),
        'embedded',
        p.discount_price ? '到手价' : undefined,
        'product.price',
      );
      push(cands, fen(p.market_price ?? p.origin_price), 'embedded', '原价', 'product.market_price', true);
      title = str(p.name ?? p.title);
      shop = str(p.shop_name);
      break;
    }
    const s = structured(doc, url);
    if (s) cands.push(...s.cands);
    if (!cands.some((c) => !c.ref)) {
      const m = /(到手价|券后价?|售价|价格)?\s*[¥￥]\s*(\d[\d,]*(?:\.\d{1,2})?)/.exec(bodyText(doc, 20_000));
      if (m) pushText(cands, `¥${m[2]}`, 'text', undefined, m[1]);
    }
    title ||=
      s?.title ||
      attr(doc, 'meta[property="og:title"]', 'content') ||
      firstText(doc, ['h1', '[class*="title"]'])?.text ||
      clean(doc.title);
    return product({ platform: 'douyin', url, productId: id, title, cands, shop: shop || s?.shop, now });
  },
  examples: [
    'https://haohuo.jinritemai.com/views/product/item2?id=3581234567890123456',
    'https://haohuo.jinritemai.com/views/product/detail?id=3581234567890123456',
    'https://haohuo.jinritemai.com/ecommerce/trade/detail/index.html?id=3581234567890123456',
    'https://haohuo.jinritemai.com/ecommerce/trade/detail/index.html?goods_detail=%7B%22product_id%22%3A%223581234567890123456%22%7D',
    'https://haohuo.jinritemai.com/views/order/detail?order_id=4912345678901234567',
  ],
};
