/**
 * Douyin's product responses (PLATFORMS.md "Douyin"): `POST /aweme/v2/shop/promotion/pack/h5/` and
 * `/ecom/product/detail/saas/pc/`, both in the `promotion_h5` envelope. Prices there are display strings in yuan
 * (`price_info.{discount_price|price|market_price}.{min_price|max_price|price|text}`): the first section present is
 * the price offered (discount_price 券后/到手 before price), market_price (划线) is only ever `listPrice`.
 * A masked price (`2???`, logged out) is unknown: the section is there but reads as nothing, and no later section
 * stands in for it (the price offered is what is unknown), so the response gives no snapshot.
 */
import type { Money, PageSnapshot } from '../core/model';
import { type Cand, money, product, push } from './build';
import { isObj, type Obj } from './json';
import type { ResponseReader } from './responses';

const HOST = /(^|\.)jinritemai\.com$/;
const PACK = /^\/(?:aweme\/v2\/shop\/promotion\/pack\/h5|ecom\/product\/detail\/saas\/pc)\/?$/;

function obj(o: unknown, ...path: string[]): Obj | null {
  let v: unknown = o;
  for (const k of path) {
    if (!isObj(v) || !Object.prototype.hasOwnProperty.call(v, k)) return null;
    v = v[k];
  }
  return isObj(v) ? v : null;
}

function own(o: Obj | null, k: string): unknown {
  return o && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

/** A display price in yuan ("29.9", "¥29.90", 29.9); null for a masked ("2???") or any other text. */
function yuan(v: unknown): Money | null {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 && v < 1e9 ? money(v) : null;
  if (typeof v !== 'string') return null;
  const t = v.trim().replace(/^[¥￥]\s*/, '');
  return /^\d{1,9}(?:\.\d{1,2})?$/.test(t) ? money(t) : null;
}

function section(s: Obj): { low: Money | null; high: Money | null } {
  const low = yuan(own(s, 'min_price')) ?? yuan(own(s, 'price')) ?? yuan(own(s, 'text'));
  const high = yuan(own(s, 'max_price'));
  return { low, high };
}

function idOf(v: unknown): string {
  if (typeof v === 'string' && /^\d{4,30}$/.test(v)) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return String(v);
  return '';
}

function text(v: unknown, max = 300): string {
  return typeof v === 'string' ? v.slice(0, max) : '';
}

function readPack(body: unknown, page: URL, now: number): PageSnapshot[] {
  const p = obj(body, 'promotion_h5') ?? obj(body, 'data', 'promotion_h5');
  if (!p) return [];
  const basic = obj(p, 'basic_info_data');
  const id = idOf(own(basic, 'product_id')) || idOf(own(p, 'product_id'));
  const pageId = page.searchParams.get('id') ?? page.searchParams.get('product_id');
  if (!id || (pageId && pageId !== id)) return [];
  const prices = obj(basic, 'price_info') ?? obj(p, 'price_info');
  const offered = (['discount_price', 'price'] as const).map((k) => obj(prices, k)).find((s) => s !== null);
  if (!offered) return [];
  const { low, high } = section(offered);
  if (!low) return [];
  const cands: Cand[] = [];
  push(cands, low, 'embedded', offered === obj(prices, 'discount_price') ? '到手价' : undefined, 'promotion_h5.price');
  const market = obj(prices, 'market_price');
  if (market) push(cands, section(market).low, 'embedded', '划线价', 'promotion_h5.market_price', true);
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
  return s ? [s] : [];
}

export const douyinResponses: ResponseReader = {
  id: 'douyin',
  matches: (request, page) => HOST.test(request.hostname) && HOST.test(page.hostname) && PACK.test(request.pathname),
  read: (_request, body, page, now) => readPack(body, page, now),
};
