/**
 * Douyin's own responses (PLATFORMS.md "Douyin"), read from fixed paths with every type checked:
 * - product page: `POST /aweme/v2/shop/promotion/pack/h5/` and `/ecom/product/detail/saas/pc/`, the `promotion_h5`
 *   envelope. Prices are display strings in **yuan** (`price_info.{discount_price|price|market_price}`): the first
 *   section present is the price offered (discount_price 券后/到手 before price); with a discount, `price` is kept as
 *   the 原价 candidate; market_price (划线) is only ever `listPrice`.
 * - SKU prices: `/live/promotion/common_skus/` → `skus{<combo>: {sku_id, price, discount_price}}` (**fen**), for the
 *   product the request or the page names.
 * - live room (live.douyin.com/<room>): `/live/promotions/pop/v3/` (first item = the product being explained, the
 *   page's subject) and `/live/promotions/page/` (the cart list) → `promotions[]` (**fen**): `channel: 'live'`, roomId.
 * - a video's product card (www.douyin.com/video/<id>): `/aweme/v1/web/aweme/detail/` → `aweme_detail.anchor_info`
 *   (type 3), `extra` a JSON string (**fen**): `channel: 'video'`, videoId.
 * A masked price (`2???`, logged out) is unknown, never a number: the product gives no snapshot and the read says
 * `masked`. An endpoint of the list answering in a shape none of this knows says `unreadable` (no content kept).
 */
import type { Money, ProductSnapshot } from '../core/model';
import { type Cand, money, product, push } from './build';
import { isObj, objAt as obj, own, type Obj } from './json';
import type { ResponseRead, ResponseReader, SkuPrice } from './responses';
import { douyinLive, douyinProductId, douyinVideoId } from './urls';

const SHOP_HOST = /(^|\.)jinritemai\.com$/;
const PACK = /^\/(?:aweme\/v2\/shop\/promotion\/pack\/h5|ecom\/product\/detail\/saas\/pc)\/?$/;
const SKUS = /^\/live\/promotion\/common_skus\/?$/;
const LIVE = /^\/live\/promotions\/(pop\/v3|page)\/?$/;
const VIDEO = /^\/aweme\/v1\/web\/aweme\/detail\/?$/;

const NOTHING: ResponseRead = { snapshots: [] };
const UNREADABLE: ResponseRead = { snapshots: [], note: 'unreadable' };
const MASKED: ResponseRead = { snapshots: [], note: 'masked' };

/** A masked display price: `2???`, `¥2???`, `??`. */
const masked = (v: unknown): boolean => typeof v === 'string' && v.length <= 64 && v.includes('?');

/** An error envelope (`status_code` ≠ 0 and nothing else we know): the page got no data, nothing to say. */
const errorAnswer = (body: unknown): boolean => {
  const c = own(body, 'status_code');
  return typeof c === 'number' && c !== 0;
};

/** A display price in yuan ("29.9", "¥29.90", 29.9); null for a masked ("2???") or any other text. */
function yuan(v: unknown): Money | null {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 && v < 1e9 ? money(v) : null;
  if (typeof v !== 'string') return null;
  const t = v.trim().replace(/^[¥￥]\s*/, '');
  return /^\d{1,9}(?:\.\d{1,2})?$/.test(t) ? money(t) : null;
}

/** A price in fen (an integer, or a string of digits); null for anything else, masked included. */
function fen(v: unknown): Money | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 && v < 1e11 ? money(v, 'CNY', true) : null;
  return typeof v === 'string' && /^\d{1,11}$/.test(v.trim()) ? money(v.trim(), 'CNY', true) : null;
}

const PRICE_KEYS = ['min_price', 'price', 'text', 'max_price'] as const;

function section(s: Obj): { low: Money | null; high: Money | null; masked: boolean } {
  const low = yuan(own(s, 'min_price')) ?? yuan(own(s, 'price')) ?? yuan(own(s, 'text'));
  const high = yuan(own(s, 'max_price'));
  return { low, high, masked: PRICE_KEYS.some((k) => masked(own(s, k))) };
}

function idOf(v: unknown): string {
  if (typeof v === 'string' && /^\d{4,30}$/.test(v)) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return String(v);
  return '';
}

function text(v: unknown, max = 300): string {
  return typeof v === 'string' ? v.slice(0, max) : '';
}

function readPack(body: unknown, page: URL, now: number): ResponseRead {
  const p = obj(body, 'promotion_h5') ?? obj(body, 'data', 'promotion_h5');
  if (!p) return errorAnswer(body) ? NOTHING : UNREADABLE;
  const basic = obj(p, 'basic_info_data');
  const id = idOf(own(basic, 'product_id')) || idOf(own(p, 'product_id'));
  const pageId = douyinProductId(page);
  if (!id) return UNREADABLE;
  if (pageId && pageId !== id) return NOTHING;
  const prices = obj(basic, 'price_info') ?? obj(p, 'price_info');
  const discount = obj(prices, 'discount_price');
  const listed = obj(prices, 'price');
  const offered = discount ?? listed;
  if (!offered) return UNREADABLE;
  const { low, high, masked: hidden } = section(offered);
  // The price offered is unknown: no later section stands in for it.
  if (!low) return hidden ? MASKED : UNREADABLE;
  const cands: Cand[] = [];
  push(cands, low, 'embedded', discount ? '到手价' : undefined, 'promotion_h5.price');
  const market = obj(prices, 'market_price');
  if (market) push(cands, section(market).low, 'embedded', '划线价', 'promotion_h5.market_price', true);
  // 原价 (the price before the discount) is a candidate of its own, never the listPrice (that is 划线).
  if (discount && listed) push(cands, section(listed).low, 'embedded', '原价', 'promotion_h5.original_price', false);
  const title = text(own(obj(basic, 'title_info') ?? obj(p, 'title_info'), 'title'));
  const shop = text(own(obj(p, 'shop_info', 'basic_info'), 'shop_name'), 200);
  const s = product({
    platform: 'douyin',
    url: page,
    productId: id,
    title,
    cands,
    shop,
    now,
    range: low && high ? { low, high } : null,
  });
  return s ? { snapshots: [s], subject: true } : NOTHING;
}

function readSkus(request: URL, body: unknown, page: URL): ResponseRead {
  const skus = obj(body, 'skus') ?? obj(body, 'data', 'skus');
  if (!skus) return errorAnswer(body) ? NOTHING : UNREADABLE;
  const productId =
    idOf(request.searchParams.get('product_id')) ||
    idOf(own(body, 'product_id')) ||
    idOf(own(obj(body, 'data'), 'product_id')) ||
    douyinProductId(page);
  if (!productId) return NOTHING;
  const prices: SkuPrice[] = [];
  let hidden = false;
  for (const combo of Object.keys(skus).slice(0, 200)) {
    const s = obj(skus, combo);
    if (!s) continue;
    const price = fen(own(s, 'discount_price')) ?? fen(own(s, 'price'));
    if (!price) {
      hidden ||= masked(own(s, 'discount_price')) || masked(own(s, 'price'));
      continue;
    }
    const sku = idOf(own(s, 'sku_id')) || (typeof own(s, 'sku_id') === 'string' ? text(own(s, 'sku_id'), 200) : '');
    const name = text(own(s, 'spec_desc') ?? own(s, 'name'), 200);
    if (sku) prices.push(name ? { sku, name, price } : { sku, price });
  }
  if (prices.length === 0) return hidden ? MASKED : NOTHING;
  return { snapshots: [], skus: { productId, prices } };
}

/** One live-room promotion: null when it names no product, 'masked' when its price is hidden. */
function livePromotion(item: unknown, page: URL, roomId: string, now: number): ProductSnapshot | 'masked' | null {
  if (!isObj(item)) return null;
  const id = idOf(own(item, 'product_id'));
  if (!id) return null;
  const cands: Cand[] = [];
  const campaign = fen(own(obj(item, 'campaign_info'), 'price'));
  const min = fen(own(item, 'min_price'));
  push(cands, campaign, 'embedded', '活动价', 'promotions.campaign_info.price');
  push(cands, min, 'embedded', '直播价', 'promotions.min_price');
  push(cands, fen(own(item, 'regular_price')), 'embedded', '划线价', 'promotions.regular_price', true);
  const low = campaign ?? min;
  if (!low) {
    const hidden = ['min_price', 'max_price', 'regular_price'].some((k) => masked(own(item, k)));
    return hidden || masked(own(obj(item, 'campaign_info'), 'price')) ? 'masked' : null;
  }
  const high = fen(own(item, 'max_price'));
  const s = product({
    platform: 'douyin',
    url: page,
    productId: id,
    title: text(own(item, 'title')),
    cands,
    shop: text(own(item, 'shop_name'), 200),
    now,
    range: high ? { low, high } : null,
  });
  return s ? { ...s, channel: 'live' as const, roomId } : null;
}

function readLive(request: URL, body: unknown, page: URL, now: number): ResponseRead {
  const list = own(body, 'promotions') ?? own(obj(body, 'data'), 'promotions');
  if (!Array.isArray(list)) return errorAnswer(body) ? NOTHING : UNREADABLE;
  const roomId = /^\/(\d{1,30})\/?$/.exec(page.pathname)?.[1] ?? '';
  if (!roomId) return NOTHING;
  const snapshots: ProductSnapshot[] = [];
  let hidden = false;
  for (const item of list.slice(0, 100)) {
    const s = livePromotion(item, page, roomId, now);
    if (s === 'masked') hidden = true;
    else if (s && !snapshots.some((x) => x.productId === s.productId)) snapshots.push(s);
  }
  if (snapshots.length === 0) return hidden ? MASKED : NOTHING;
  // pop/v3's first item is the product being explained (讲解中); the cart list (page) names no subject.
  const explaining = /pop\/v3/.test(request.pathname) && isObj(list[0]) && idOf(own(list[0], 'product_id'));
  return explaining === snapshots[0]?.productId ? { snapshots, subject: true } : { snapshots };
}

function readVideo(body: unknown, page: URL, now: number): ResponseRead {
  const aweme = obj(body, 'aweme_detail');
  if (!aweme) return errorAnswer(body) ? NOTHING : UNREADABLE;
  const videoId = idOf(own(aweme, 'aweme_id'));
  const shown = douyinVideoId(page);
  if (!videoId || !shown || shown !== videoId) return NOTHING;
  const anchor = obj(aweme, 'anchor_info');
  if (!anchor || own(anchor, 'type') !== 3) return NOTHING;
  const extra = own(anchor, 'extra');
  if (typeof extra !== 'string' || extra.length > 65_536) return UNREADABLE;
  let parsed: unknown;
  try {
    parsed = JSON.parse(extra);
  } catch {
    return UNREADABLE;
  }
  const card = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!isObj(card)) return UNREADABLE;
  const id = idOf(own(card, 'product_id'));
  if (!id) return UNREADABLE;
  const price = fen(own(card, 'price'));
  if (!price) return masked(own(card, 'price')) ? MASKED : UNREADABLE;
  const cands: Cand[] = [];
  push(cands, price, 'embedded', undefined, 'anchor_info.extra.price');
  const s = product({ platform: 'douyin', url: page, productId: id, title: text(own(card, 'title')), cands, now });
  return s ? { snapshots: [{ ...s, channel: 'video' as const, videoId }], subject: true } : NOTHING;
}

export const douyinResponses: ResponseReader = {
  id: 'douyin',
  matches: (request, page) => {
    const host = request.hostname;
    if (SHOP_HOST.test(host) && SHOP_HOST.test(page.hostname) && PACK.test(request.pathname)) return true;
    if ((SHOP_HOST.test(host) || /(^|\.)douyin\.com$/.test(host)) && SKUS.test(request.pathname)) return true;
    if (host === 'live.douyin.com' && douyinLive(page) && LIVE.test(request.pathname)) return true;
    return host === 'www.douyin.com' && page.hostname === 'www.douyin.com' && VIDEO.test(request.pathname);
  },
  read: (request, body, page, now) => {
    const path = request.pathname;
    if (PACK.test(path)) return readPack(body, page, now);
    if (SKUS.test(path)) return readSkus(request, body, page);
    if (LIVE.test(path)) return readLive(request, body, page, now);
    return readVideo(body, page, now);
  },
};
