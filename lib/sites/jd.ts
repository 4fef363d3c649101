/**
 * JD 京东: item pages (2025–26 DOM, legacy DOM, mobile inline `_itemInfo`), order detail
 * (details.jd.com / order.jd.com) and the parcel timeline on that detail page.
 * An order page that also shows tracking gives the order as its primary snapshot (`extract`) and
 * order + parcel through `extractAll`.
 */
import type { PageSnapshot, ProductSnapshot } from '../core/model';
import { parsePrice } from '../parse/price';
import { parseShopDate } from '../parse/date';
import {
  type Cand,
  compact,
  item,
  logistics,
  money,
  order,
  product,
  push,
  pushText,
  shipByIn,
  shippedInText,
} from './build';
import { all, bodyText, boundedText, clean, firstText, inlineScripts, labeled, one, timeline } from './dom';
import { findData, get, str } from './json';
import { structured } from './generic';
import type { SiteAdapter } from './types';
import { jdOrder as isOrder } from './urls';
import {
  badgeText,
  isItem,
  ITEM_HOSTS,
  jdProductId,
  priceSlots,
  protectionDays,
  shopName,
  SLOTS,
  TITLE,
} from './jd-shape';

export { jdProductId } from './jd-shape';

function extractProduct(doc: Document, url: URL, now: number): ProductSnapshot | null {
  const productId = jdProductId(url);
  if (!productId) return null;
  const scripts = inlineScripts(doc);
  const cands: Cand[] = [];
  // Mobile: window._itemInfo holds plain prices next to the glyph-font one (PLATFORMS.md, JD).
  const info = findData(scripts, /_itemInfo\s*=\s*\(?/);
  const only = findData(scripts, /_itemOnly\s*=\s*\(?/);
  if (info) {
    const floor = get(info, 'priceFloor');
    const after = str(get(floor, 'afterDesc.text'));
    const shown = str(get(floor, 'price'));
    if (/^\d+(\.\d+)?$/.test(shown))
      push(cands, money(shown), 'embedded', after || undefined, '_itemInfo.priceFloor.price');
    push(cands, money(get(info, 'price.p')), 'embedded', '京东价', '_itemInfo.price.p');
    push(cands, money(get(floor, 'ext.jdPrice')), 'embedded', '京东价', '_itemInfo.priceFloor.ext.jdPrice');
    push(cands, money(get(floor, 'ext.realPriceExt.ORIGINAL.salePrice')), 'embedded', '京东价', 'ORIGINAL.salePrice');
    push(cands, money(get(info, 'price.m')), 'embedded', '市场价', '_itemInfo.price.m', true);
    push(cands, money(get(info, 'price.op')), 'embedded', '原价', '_itemInfo.price.op', true);
  }
  const s = structured(doc, url);
  if (s) cands.push(...s.cands);
  for (const slot of priceSlots(doc, productId)) pushText(cands, slot.text, 'dom', slot.selector, slot.label, slot.ref);
  if (!cands.some((c) => !c.ref)) {
    if (one(doc, SLOTS)) return null;
    const m = /(京东价|到手价|价\s*格)\s*[:：]?\s*[¥￥]\s*([\d,]+(?:\.\d{1,2})?)/.exec(bodyText(doc, 20_000));
    if (m) pushText(cands, `¥${m[2]}`, 'text', undefined, m[1]);
  }
  const title =
    firstText(doc, TITLE)?.text ||
    str(get(only, 'item.skuName')) ||
    str(get(findData(scripts, /pageConfig\s*=\s*/), 'product.name')) ||
    s?.title ||
    clean(doc.title).replace(/【[^】]*】|-京东.*$|-\s*京东$/g, '');
  return product({
    platform: 'jd',
    url,
    productId,
    title,
    cands,
    shop: shopName(doc),
    // The badge row, else the start of the page's text (bounded: this runs on every read of every item page).
    days: protectionDays(badgeText(doc) || boundedText(doc.body, 20_000)),
    now,
  });
}

function orderId(doc: Document, url: URL, text: string): string {
  const q = url.searchParams.get('orderid') ?? url.searchParams.get('orderId') ?? url.searchParams.get('order_id');
  if (q && /^\d{6,30}$/.test(q)) return q;
  return (
    labeled(
      clean(firstText(doc, ['.state-top', '.order-info'])?.text) + '\n' + text,
      '订单号|订单编号',
      String.raw`(\d{6,30})`,
    ) ?? ''
  );
}

const TIME = String.raw`(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*\d{1,2}:\d{2}(?::\d{2})?)`;

function orderParts(doc: Document, url: URL, now: number) {
  const text = bodyText(doc);
  const id = orderId(doc, url, text);
  const items = [];
  for (const row of all(doc, 'tr[class*="product-"], .goods-list tbody tr, .p-list .p-item', 100)) {
    const a = one(row, '.p-name a');
    if (!a) continue;
    const sku = /(\d{4,20})\.html/.exec(a.getAttribute('href') ?? '')?.[1];
    const qtyEl = one(row, '.f-num, .p-num, .goods-number');
    // Columns: 商品 | 京东价 | 京豆 | 优惠 | 数量 | 操作: the quantity is the last bare-number cell.
    const qty =
      qtyEl?.textContent ??
      all(row, 'td', 20)
        .map((td) => /^[x×]?\s*(\d{1,5})$/.exec(clean(td.textContent))?.[1])
        .filter(Boolean)
        .at(-1);
    const it = item(
      a.getAttribute('title') || a.textContent,
      qty,
      parsePrice(clean(one(row, '.f-price, .p-price')?.textContent)),
      sku,
      clean(one(row, '.p-extra')?.textContent),
    );
    if (it) items.push(it);
  }
  const paidText =
    firstText(doc, ['.goods-total .count', '.order-price .count', '.pay-amount'])?.text ??
    labeled(text, '实付款|应付总额|实付金额');
  const nodeTime = (label: RegExp) => {
    const node = all(doc, '.node', 20).find((n) => label.test(clean(n.textContent)));
    return node ? parseShopDate(clean(one(node, '.txt3')?.textContent), now) : null;
  };
  const at = (label: string) => {
    const t = labeled(text, label, TIME);
    return t ? parseShopDate(t, now) : null;
  };
  const nos = [...text.matchAll(/运单号\s*[:：]?\s*([A-Za-z0-9-]{8,30})/g)].slice(0, 20).map((m) => m[1] ?? '');
  return {
    id,
    text,
    nos,
    snapshot: order({
      platform: 'jd',
      url,
      orderId: id,
      paid: paidText ? parsePrice(paidText) : null,
      items,
      placedAt:
        at('下单时间|提交时间') ??
        parseShopDate(clean(one(doc, `#datesubmit-${id}`)?.textContent), now) ??
        nodeTime(/提交订单/),
      paidAt: at('付款时间|支付时间') ?? nodeTime(/付款成功|支付成功/),
      // A node that promises (预计/承诺/…前发货) is no shipped time.
      shippedAt: nodeTime(/^(?!.*(?:前\s*(?:完成)?发货|预计|承诺)).*(?:出库|发货)/) ?? shippedInText(text, now),
      shipBy: shipByIn([text], now),
      carrier: labeled(text, '承运人|物流公司|配送方式', '([^\\s]{2,12})'),
      shop: firstText(doc, ['.shop-name', '.shop-txt', '.order-shop'])?.text,
      status: firstText(doc, ['.state-txt', '.order-status'])?.text,
      trackingNumbers: nos,
      days: protectionDays(text),
      now,
    }),
  };
}

function orderPage(doc: Document, url: URL, now: number): PageSnapshot[] {
  const o = orderParts(doc, url, now);
  const carrier = labeled(o.text, '承运人|物流公司|配送方式', '([^\\s]{2,12})');
  const parcel = logistics(
    'jd',
    url,
    o.nos[0],
    timeline(doc, '.track-list li, .tracking-list li, .p-info li, .package-info li'),
    now,
    o.id,
    carrier,
  );
  return compact([o.snapshot, parcel]);
}

function extractAll(doc: Document, url: URL, now: number): PageSnapshot[] {
  if (ITEM_HOSTS.test(url.hostname)) {
    const p = extractProduct(doc, url, now);
    return p ? [p] : [];
  }
  return orderPage(doc, url, now);
}

export const jd: SiteAdapter = {
  id: 'jd',
  kinds: ['product', 'order', 'logistics'],
  matches: (url) => isItem(url) || isOrder(url),
  extract: (doc, url, now) => extractAll(doc, url, now)[0] ?? null,
  extractAll,
  examples: [
    'https://item.jd.com/100012043978.html',
    'https://item.m.jd.com/product/100012043978.html',
    'https://details.jd.com/normal/item.action?orderid=301234567890&PassKey=abc',
    'https://order.jd.com/center/item.action?orderid=301234567890',
  ],
};

/**
 * The halves of `jd` for the content scripts (entrypoints/jd-item.content.ts, jd.content.ts): item
 * hosts load only the product reader, the other JD hosts only the order reader.
 */
export const jdItem: SiteAdapter = {
  id: 'jd',
  kinds: ['product'],
  matches: isItem,
  extract: extractProduct,
  examples: ['https://item.jd.com/100012043978.html'],
};
export const jdOrder: SiteAdapter = {
  id: 'jd',
  kinds: ['order', 'logistics'],
  matches: isOrder,
  extract: (doc, url, now) => orderPage(doc, url, now)[0] ?? null,
  extractAll: orderPage,
  examples: ['https://details.jd.com/normal/item.action?orderid=301234567890'],
};
