/**
 * Taobao and Tmall share one page generation (ICE `__ICE_APP_CONTEXT__`, hashed `xxx--` classes) and
 * the same order data; taobao.ts and tmall.ts only differ in URLs and the legacy pages.
 */
import type { Money, OrderItem, OrderSnapshot, Platform, ProductSnapshot } from '../core/model';
import { parsePrice } from '../parse/price';
import { parseShopDate } from '../parse/date';
import {
  after,
  type Cand,
  flatten,
  item,
  logistics,
  money,
  order,
  product,
  push,
  pushText,
  shipByIn,
  shippedInData,
  textOrder,
} from './build';
import { all, attr, bodyText, clean, firstOutside, firstText, inlineScripts, labeled, one, timeline } from './dom';
import { arr, findData, get, isObj, type Obj, str } from './json';
import { structured } from './generic';
import type { LogisticsSnapshot } from '../core/model';

const TITLE = [
  '[class*="mainTitle--"]',
  '[class*="ItemHeader--mainTitle--"]',
  '.tb-main-title',
  '.tb-detail-hd h1',
  '#J_Title h3',
];
const SHOP = ['[class*="shopName--"]', '.slogo-shopname', '.tb-shop-name', '.shop-name-link', '.shopLink'];
const FIXED = '[class*="ItemHeadFixed--"]';
/**
 * Not the item's own price: the sticky header (repeats it) and recommendation lists (other items, same
 * `highlightPrice--` markup, and a page may put one above the item).
 */
const NOT_MAIN = `${FIXED},[class*="Recommend"],[class*="recommend"]`;

/** The ICE loader's `res` (loaderData.<route>.data.res). */
function iceRes(scripts: string[]): Obj | null {
  const ctx = findData(scripts, /__ICE_APP_CONTEXT__\s*=\s*/);
  const loader = get(ctx, 'loaderData');
  if (!isObj(loader)) return null;
  for (const k of ['home', ...Object.keys(loader)]) {
    const res = get(loader[k], 'data.res');
    if (isObj(res)) return res;
  }
  return null;
}

/** A priceVO/sku2info entry: priceMoney is fen as a string, priceText is yuan. */
function pv(v: unknown): Money | null {
  return money(get(v, 'priceMoney'), 'CNY', true) ?? money(str(get(v, 'priceText')));
}

function fromIce(res: Obj, skuId: string, cands: Cand[]): { range: { low: Money; high: Money } | null } {
  const sku2info = get(res, 'skuCore.sku2info');
  const sel = skuId && isObj(sku2info) ? sku2info[skuId] : undefined;
  if (sel) {
    push(cands, pv(get(sel, 'price')), 'embedded', str(get(sel, 'price.priceTitle')) || undefined, `sku2info.${skuId}`);
    push(
      cands,
      pv(get(sel, 'subPrice')),
      'embedded',
      str(get(sel, 'subPrice.priceTitle')) || '优惠前',
      `sku2info.${skuId}.subPrice`,
      true,
    );
  }
  const vo = get(res, 'componentsVO.priceVO') ?? get(res, 'priceVO');
  const main = get(vo, 'price');
  push(
    cands,
    pv(main),
    'embedded',
    str(get(main, 'priceTitle')) || str(get(main, 'priceDesc')) || undefined,
    'priceVO.price',
  );
  const extra = get(vo, 'extraPrice');
  const et = str(get(extra, 'priceTitle'));
  // extraPrice is 划线 when lineThrough says so or its title reads like a former price (PLATFORMS.md).
  const ref = String(get(extra, 'lineThrough')) === 'true' || /原价|优惠前|划线|日常/.test(et);
  push(cands, pv(extra), 'embedded', et || undefined, 'priceVO.extraPrice', ref);
  const zero = isObj(sku2info) ? sku2info['0'] : undefined;
  push(cands, pv(get(zero, 'price')), 'embedded', undefined, 'sku2info.0');
  push(cands, pv(get(zero, 'subPrice')), 'embedded', '优惠前', 'sku2info.0.subPrice', true);
  const all = isObj(sku2info)
    ? Object.keys(sku2info)
        .filter((k) => k !== '0')
        .slice(0, 500)
        .map((k) => pv(get(sku2info[k], 'price')))
        .filter((m): m is Money => !!m && m.amount > 0)
    : [];
  all.sort((a, b) => a.amount - b.amount);
  const low = all[0];
  const high = all.at(-1);
  return { range: !sel && low && high ? { low, high } : null };
}

/** A detail answer's price entry (`{priceMoney?, priceText}`) as money. */
export { pv as detailPrice };

/** What a detail `res` says: its price range (no SKU selected), title and shop; its prices go to `cands`. */
export interface AlibabaResReading {
  range: { low: Money; high: Money } | null;
  title: string;
  shop: string;
}

/**
 * Reads one detail `res` (the `mtop.taobao.detail.data.get` data): the desktop page's ICE loader data, or the same
 * structure a phone page fetched (lib/sites/alibaba-m-response.ts). Candidates in the desktop order: the selected
 * SKU's price, priceVO, then sku2info "0".
 */
export function readAlibabaRes(res: Obj, skuId: string, cands: Cand[]): AlibabaResReading {
  return {
    range: fromIce(res, skuId, cands).range,
    title: str(get(res, 'item.title')) || str(get(res, 'componentsVO.titleVO.title.title')),
    shop: str(get(res, 'seller.shopName')) || str(get(res, 'componentsVO.storeCardVO.shopName')),
  };
}

/** Tmall 2015-era `TShop.Setup({...})`: prices only there, the panels are empty until script runs. */
function fromTShop(setup: Obj, skuId: string, cands: Cand[]): { range: { low: Money; high: Money } | null } {
  const skuMap = get(setup, 'valItemInfo.skuMap');
  const entries = isObj(skuMap) ? Object.values(skuMap).slice(0, 500).filter(isObj) : [];
  const sel = skuId ? entries.find((e) => str(e.skuId) === skuId) : undefined;
  if (sel) push(cands, money(sel.priceCent, 'CNY', true) ?? money(sel.price), 'embedded', undefined, 'skuMap');
  const def = str(get(setup, 'detail.defaultItemPrice'));
  const d = def ? parsePrice(def) : null;
  push(cands, d, 'embedded', undefined, 'detail.defaultItemPrice');
  push(cands, money(get(setup, 'itemDO.reservePrice')), 'embedded', '原价', 'itemDO.reservePrice', true);
  const ps = entries
    .map((e) => money(e.priceCent, 'CNY', true) ?? money(e.price))
    .filter((m): m is Money => !!m && m.amount > 0);
  ps.sort((a, b) => a.amount - b.amount);
  const low = ps[0];
  const high = ps.at(-1);
  return { range: !sel && low && high ? { low, high } : null };
}

function fromDom(doc: Document, cands: Cand[]): void {
  const main = all(doc, '[class*="highlightPrice--"]', 60)
    .filter((e) => !e.closest(NOT_MAIN))
    .slice(0, 10);
  for (const h of main) {
    const label = clean(firstText(h, ['[class*="title--"]', '[class*="desc--"]'])?.text);
    pushText(
      cands,
      one(h, '[class*="text--"]')?.textContent,
      'dom',
      '[class*="highlightPrice--"] [class*="text--"]',
      label || undefined,
    );
  }
  for (const e of all(doc, '[class*="subPrice--"]', 30)
    .filter((x) => !x.closest(NOT_MAIN))
    .slice(0, 5))
    pushText(cands, e.textContent, 'dom', '[class*="subPrice--"]', undefined, true);
  const old: [string, string | undefined, boolean?][] = [
    ['[class*="Price--priceText--"]', undefined],
    ['[class*="Price--extraPriceText--"]', undefined],
    ['[class*="Price--originPrice--"]', '原价', true],
    ['#J_PromoPrice .tm-price', '促销价'],
    ['#J_PromoPriceNum', '促销价'],
    ['#J_StrPriceModBox .tm-price', '价格'],
    ['#J_StrPrice .tb-rmb-num', '价格'],
  ];
  for (const [sel, label, ref] of old) {
    const el = firstOutside(doc, sel, NOT_MAIN, 30);
    if (el) pushText(cands, el.textContent, 'dom', sel, label, ref);
  }
}

export function alibabaProduct(platform: Platform, doc: Document, url: URL, now: number): ProductSnapshot | null {
  const productId = url.searchParams.get('id') ?? /(\d{6,20})/.exec(url.pathname)?.[1];
  if (!productId || !/^\d{4,20}$/.test(productId)) return null;
  const skuId = url.searchParams.get('skuId') ?? '';
  const scripts = inlineScripts(doc);
  const cands: Cand[] = [];
  let range: { low: Money; high: Money } | null = null;
  let title = '';
  let shop = '';
  const res = iceRes(scripts);
  if (res) ({ range, title, shop } = readAlibabaRes(res, skuId, cands));
  const setup = findData(scripts, /TShop\.Setup\(\s*/);
  if (setup) {
    range ??= fromTShop(setup, skuId, cands).range;
    title ||= str(get(setup, 'itemDO.title'));
  }
  // Pre-2023 Taobao `g_config` holds code, not data: read the two fields by pattern.
  const g = scripts.find((s) => /g_config\s*=/.test(s))?.slice(0, 200_000) ?? '';
  if (g) {
    pushText(cands, /\bprice\s*:\s*['"]?([\d.]+(?:\s*-\s*[\d.]+)?)/.exec(g)?.[1], 'embedded', 'g_config.price');
    shop ||= /shopName\s*:\s*['"]([^'"]{1,80})/.exec(g)?.[1] ?? '';
    title ||= /\btitle\s*:\s*['"]([^'"]{1,200})/.exec(g)?.[1] ?? '';
  }
  const s = structured(doc, url);
  if (s) cands.push(...s.cands);
  fromDom(doc, cands);
  if (!cands.some((c) => !c.ref)) {
    // A price slot still empty = page still loading; only a labelled number in the main area counts.
    if (one(doc, '[class*="priceWrap--"],[class*="highlightPrice--"]')) return null;
    const m = /(券后|到手价|价格|促销价)\s*[:：]?\s*[¥￥]\s*([\d,]+(?:\.\d{1,2})?)/.exec(bodyText(doc, 20_000));
    if (m) pushText(cands, `¥${m[2]}`, 'text', undefined, m[1]);
  }
  title ||=
    firstText(doc, TITLE)?.text ?? s?.title ?? clean(doc.title).replace(/[-–]\s*(淘宝网|tmall\.com天猫|天猫.*)$/i, '');
  shop ||= firstText(doc, SHOP)?.text ?? '';
  return product({ platform, url, productId, title, cands, range, sku: skuId, shop, now });
}

const DAY = 86_400_000;

/** serviceIcons 价保 "价保期 2025-11-06 23:09:33 到 2025-12-06 23:09:33" → window end and length. */
function protection(flat: string[], now: number): { until: number | null; days: number | null } {
  const t = flat.find((s) => /价保期/.test(s) && s.length < 200);
  const m = t ? /价保期\s*(.+?)\s*(?:到|至|~|-{1,2}>)\s*(.+)$/.exec(t) : null;
  const from = m?.[1] ? parseShopDate(m[1], now) : null;
  const until = m?.[2] ? parseShopDate(m[2], now) : null;
  return { until, days: from && until && until > from ? Math.round((until - from) / DAY) : null };
}

function skuText(v: unknown): string {
  return flatten(v)
    .filter((s) => s && !/^(line|namevalue|text)$/.test(s))
    .join(' ')
    .replace(/：\s/g, '：')
    .slice(0, 200);
}

function itemsOf(subOrders: unknown[], now: number): OrderItem[] {
  const out: OrderItem[] = [];
  for (const so of subOrders.slice(0, 200)) {
    const info = get(so, 'itemInfo');
    const pi = get(so, 'priceInfo');
    // Unit price paid: priceInfo string, {realTotal} (list page), or [{text}] where the lowest is the paid one.
    const prices = (
      typeof pi === 'string' ? [pi] : isObj(pi) ? [str(pi.realTotal)] : arr(pi).map((p) => str(get(p, 'text')))
    )
      .map((t) => parsePrice(t))
      .filter((m): m is Money => !!m)
      .sort((a, b) => a.amount - b.amount);
    const q = get(so, 'quantity');
    const url = str(get(info, 'itemUrl'));
    const pid = /[?&]id=(\d+)/.exec(url)?.[1] || str(get(info, 'id')) || str(get(info, 'itemId'));
    const it = item(str(get(info, 'title')), isObj(q) ? q.count : q, prices[0], pid, skuText(get(info, 'skuText')));
    if (!it) continue;
    const p = protection(flatten(get(info, 'serviceIcons')), now);
    if (p.days) it.priceProtectionDays = p.days;
    out.push(it);
  }
  return out;
}

const isDate = (s: string) => /^\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}/.test(s);
const isMoney = (s: string) => /^-?[¥￥]?\s*\d[\d,]*(\.\d+)?$/.test(s) || /^[¥￥]/.test(s);

export function alibabaOrder(platform: Platform, doc: Document, url: URL, now: number): OrderSnapshot | null {
  const scripts = inlineScripts(doc);
  const qId =
    url.searchParams.get('bizOrderId') ?? url.searchParams.get('biz_order_id') ?? url.searchParams.get('orderId');
  const data =
    findData(scripts, /var\s+(?:data|detailData)\s*=\s*/) ??
    findData(scripts, /(?:detailData|__INITIAL_DATA__)\s*=\s*/);
  if (!data) return textOrder(doc, url, platform, now, qId);
  const flat = flatten(data);
  const main = get(data, 'mainOrder');
  const at = (label: RegExp) => {
    const t = after(flat, label, isDate);
    return t ? parseShopDate(t, now) : null;
  };
  const paidText = str(get(main, 'payInfo.actualFee.value')) || after(flat, /^实付款/, isMoney);
  const nos = [
    str(get(data, 'deliveryInfo.logisticsNum')),
    ...arr(get(data, 'packageInfos.list')).map((p) => str(get(p, 'invoiceNo'))),
    ...arr(get(data, 'orders.list')).flatMap((l) => arr(get(l, 'logistic.content')).map((c) => str(get(c, 'mailNo')))),
  ];
  const subOrders = [
    ...arr(get(main, 'subOrders')),
    ...arr(get(data, 'orders.list')).flatMap((l) => arr(get(l, 'status')).flatMap((s) => arr(get(s, 'subOrders')))),
  ];
  const p = protection(flat, now);
  const status = str(get(main, 'statusInfo.text'))
    .replace(/^当前订单状态[:：]\s*/, '')
    .split(/[，,]/)[0];
  return order({
    platform,
    url,
    orderId:
      str(get(main, 'id')) ||
      str(get(data, 'orders.id')) ||
      after(flat, /^订单编号/, (s) => /^\d{8,30}$/.test(s)) ||
      qId,
    paid: paidText ? parsePrice(paidText) : null,
    items: itemsOf(subOrders, now),
    placedAt: at(/^(创建时间|下单时间|拍下宝贝|拍下商品)/),
    paidAt: at(/^(付款时间|付款到支付宝|买家付款|支付时间)/),
    // The date before its label or after it, in the data (orderBar nodes) — never a ship-by promise (shipBy).
    shippedAt: shippedInData(data, flat, now),
    shipBy: shipByIn(flat, now),
    carrier:
      str(get(data, 'deliveryInfo.logisticsName')) ||
      str(get(arr(get(data, 'orders.list'))[0], 'logistic.content.0.companyName')) ||
      after(flat, /^(物流公司|快递公司)[:：]?$/, (s) => s.length > 1),
    shop:
      str(get(main, 'seller.shopName')) ||
      after(flat, /^(商家|店铺名称|店铺)[:：]?$/, (s) => s.length > 1) ||
      str(get(main, 'seller.nick')),
    status: status || str(get(data, 'overStatus.status.content.0.text')),
    trackingNumbers: nos,
    days: p.days,
    until: p.until,
    now,
  });
}

/** The logistics page renders late inside a frame; read the rendered timeline (time + text rows). */
export function alibabaLogistics(platform: Platform, doc: Document, url: URL, now: number): LogisticsSnapshot | null {
  const text = bodyText(doc, 30_000);
  const no = labeled(text, '运单号码|运单号|快递单号|物流单号|运单编号', '([A-Za-z0-9]{8,30})');
  const carrier = labeled(text, '物流公司|快递公司|承运公司|承运商', '([^\\s:：]{2,12})');
  const rows = timeline(doc, 'li, [class*="item--"], [class*="node--"], [class*="step"], [class*="trace"], tr');
  const orderId =
    url.searchParams.get('orderId') ?? url.searchParams.get('trade_id') ?? url.searchParams.get('bizOrderId');
  return logistics(platform, url, no, rows, now, orderId, carrier ?? attr(doc, '[data-company]', 'data-company'));
}
