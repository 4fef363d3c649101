/**
 * Taobao/Tmall phone product pages (main.m.taobao.com/detail/index.html?id=…, h5.m.taobao.com/awp/core/detail.htm?id=…,
 * detail.m.tmall.com/item.htm?id=…) draw the product from their own mtop answer,
 * `h5api.m.taobao.com|h5api.m.tmall.com/h5/mtop.taobao.detail.data.get/1.0/` (older `mtop.taobao.detail.getdetail/6.0/`):
 * `{api, v, ret: ["SUCCESS::调用成功"], data: {item: {itemId, title}, seller: {shopName, sellerType}, skuBase: {skus,
 * props}, skuCore: {sku2info: {"0": {price: {priceText, priceMoney}}, "<skuId>": …}}, apiStack: [{name, value}]}}`,
 * the same `res` as the desktop page's ICE data (lib/sites/alibaba.ts readAlibabaRes reads both). Older answers keep
 * skuCore and `price` only inside `apiStack[].value`, a JSON string (sometimes under `global.data`): read when `data`
 * has none. Public shape: tests/fixtures/responses/taobao-m-item/SOURCE.md.
 *
 * One product, the page's subject; per-SKU prices beside it. An answer that is not SUCCESS (FAIL_SYS_USER_VALIDATE,
 * RGV587, an expired session) says nothing; a SUCCESS without a price says `unreadable`; an answer about another item
 * than the page's `id` is not filed under the page. The body may arrive as JSONP text (`mtopjsonpN({…})`).
 * Page content: fixed paths, own properties only, every type checked, bounded.
 */
import type { Money, Platform } from '../core/model';
import { type Cand, product } from './build';
import { detailPrice, readAlibabaRes } from './alibaba';
import { clipped, isObj, objAt as obj, own, parseJson, unwrapJsonp, type Obj } from './json';
import type { ResponseRead, ResponseReader, SkuPrice } from './responses';
import { taobaoItem, tmallItem } from './urls';

const API_HOST = /^h5api\.m\.(taobao|tmall)\.com$/;
const API_PATH = /^\/h5\/mtop\.taobao\.detail\.(data\.get|getdetail)\/\d{1,3}\.\d{1,3}\/?$/i;
const API_NAME = /^mtop\.taobao\.detail\.(data\.get|getdetail)$/i;
const TMALL_PAGE = /(^|\.)tmall\.(com|hk)$/;
const ID = /^\d{4,30}$/;
const SKU_ID = /^\d{1,30}$/;

/** Bounds: a whole text body (JSONP), one apiStack value, how many apiStack entries and SKUs are looked at. */
const MAX_BODY = 4 * 1024 * 1024;
const MAX_STACK_VALUE = 512 * 1024;
const MAX_STACK = 5;
const MAX_SKUS = 500;
const MAX_SKU_PRICES = 200;

const NOTHING: ResponseRead = { snapshots: [] };
const UNREADABLE: ResponseRead = { snapshots: [], note: 'unreadable' };

function idOf(v: unknown): string {
  if (typeof v === 'string' && ID.test(v)) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return ID.test(String(v)) ? String(v) : '';
  return '';
}

/** The answer as an object: as handed over, or a JSON / one-wrapper JSONP text (`mtopjsonp3({…})`). */
function answerOf(body: unknown): Obj | null {
  if (isObj(body)) return body;
  if (typeof body !== 'string' || body.length > MAX_BODY) return null;
  const t = body.trim();
  // Only mtop's own callback names (mtopjsonpN); the call is taken apart as the content side does (./json.ts).
  const inner = /^mtopjsonp\d{0,10}\s*\(/.test(t) ? unwrapJsonp(t) : t;
  const v = inner === null ? undefined : parseJson(inner);
  return isObj(v) ? v : null;
}

/** `ret: ["SUCCESS::调用成功"]`; anything else (FAIL_SYS_USER_VALIDATE, RGV587_ERROR, FAIL_SYS_SESSION_EXPIRED…) is not. */
function succeeded(answer: Obj): boolean {
  const ret = own(answer, 'ret');
  return Array.isArray(ret) && ret.slice(0, 10).some((r) => typeof r === 'string' && r.startsWith('SUCCESS'));
}

/** The objects in `apiStack[].value` (JSON strings, bounded; an older answer wraps them in `global.data`). */
function stackValues(data: Obj): Obj[] {
  const stack = own(data, 'apiStack');
  if (!Array.isArray(stack)) return [];
  const out: Obj[] = [];
  for (const entry of stack.slice(0, MAX_STACK)) {
    const raw = own(entry, 'value');
    const v = typeof raw === 'string' ? (raw.length <= MAX_STACK_VALUE ? parseJson(raw) : undefined) : raw;
    if (!isObj(v)) continue;
    out.push(obj(v, 'global', 'data') ?? v);
  }
  return out;
}

/** sku2info with only SKU-id keys (digits; "0" = the item's own price), at most MAX_SKUS of them. */
function skuMap(skuCore: Obj | null): Obj | null {
  const src = obj(skuCore, 'sku2info');
  if (!src) return null;
  const out: Obj = {};
  let n = 0;
  for (const k of Object.keys(src)) {
    if (n >= MAX_SKUS) break;
    if (!SKU_ID.test(k) || !isObj(src[k])) continue;
    out[k] = src[k];
    n++;
  }
  return n > 0 ? out : null;
}

/**
 * A stack value's `price` (`{price: {priceText}, extraPrices: [{priceText, priceTitle, lineThrough}]}`) as the
 * desktop's priceVO: its price, and of the extra prices only a former one (划线/原价), never an event price such as
 * 1212价 standing in for the price.
 */
function priceVoOf(price: Obj | null): Obj | undefined {
  const main = obj(price, 'price');
  if (!main) return undefined;
  const extras = own(price, 'extraPrices');
  const former = Array.isArray(extras)
    ? extras
        .slice(0, 10)
        .find(
          (e) =>
            isObj(e) &&
            (own(e, 'lineThrough') === 'true' ||
              own(e, 'lineThrough') === true ||
              /原价|优惠前|划线|日常/.test(clipped(own(e, 'priceTitle'), 40))),
        )
    : undefined;
  return former ? { price: main, extraPrice: former } : { price: main };
}

/** The one `res` the desktop reader knows, from the answer's data and, where it has none, its apiStack values. */
function resOf(data: Obj, stack: Obj[]): Obj {
  const core = [data, ...stack].map((o) => skuMap(obj(o, 'skuCore'))).find((m) => m !== null);
  const res: Obj = {};
  const item = obj(data, 'item') ?? stack.map((v) => obj(v, 'item')).find((v) => v !== null);
  const seller = obj(data, 'seller') ?? stack.map((v) => obj(v, 'seller')).find((v) => v !== null);
  if (item) res.item = { title: clipped(own(item, 'title'), 300) };
  if (seller) res.seller = { shopName: clipped(own(seller, 'shopName'), 200) };
  if (core) res.skuCore = { sku2info: core };
  const components = obj(data, 'componentsVO');
  if (components)
    res.componentsVO = {
      priceVO: own(components, 'priceVO'),
      titleVO: { title: { title: clipped(own(obj(components, 'titleVO', 'title'), 'title'), 300) } },
      storeCardVO: { shopName: clipped(own(obj(components, 'storeCardVO'), 'shopName'), 200) },
    };
  const vo =
    obj(data, 'priceVO') ?? [data, ...stack].map((v) => priceVoOf(obj(v, 'price'))).find((v) => v !== undefined);
  if (vo) res.priceVO = vo;
  return res;
}

/** SKU id → its name from skuBase (`skus[].{skuId, propPath "pid:vid;…"}`, `props[].{pid, values[].{vid, name}}`). */
function skuNames(skuBase: Obj | null): Map<string, string> {
  const names = new Map<string, string>();
  const props = own(skuBase, 'props');
  const skus = own(skuBase, 'skus');
  if (!Array.isArray(props) || !Array.isArray(skus)) return names;
  const value = new Map<string, string>();
  for (const p of props.slice(0, 20)) {
    const pid = clipped(own(p, 'pid'), 40);
    const values = own(p, 'values');
    if (!pid || !Array.isArray(values)) continue;
    for (const v of values.slice(0, 200)) {
      const vid = clipped(own(v, 'vid'), 40);
      const name = clipped(own(v, 'name'), 100).trim();
      if (vid && name) value.set(`${pid}:${vid}`, name);
    }
  }
  for (const s of skus.slice(0, MAX_SKUS)) {
    const id = clipped(own(s, 'skuId'), 40);
    if (!SKU_ID.test(id)) continue;
    const parts = clipped(own(s, 'propPath'), 400)
      .split(';')
      .slice(0, 10)
      .map((pair) => value.get(pair.trim()))
      .filter((n): n is string => !!n);
    if (parts.length > 0) names.set(id, parts.join(' ').slice(0, 200));
  }
  return names;
}

function skuPrices(sku2info: Obj | null, names: Map<string, string>): SkuPrice[] {
  const out: SkuPrice[] = [];
  if (!sku2info) return out;
  for (const sku of Object.keys(sku2info)) {
    if (sku === '0') continue;
    const price: Money | null = detailPrice(own(sku2info[sku], 'price'));
    if (!price || price.amount <= 0) continue;
    const name = names.get(sku);
    out.push(name ? { sku, name, price } : { sku, price });
    if (out.length >= MAX_SKU_PRICES) break;
  }
  return out;
}

function read(request: URL, body: unknown, page: URL, now: number): ResponseRead {
  const answer = answerOf(body);
  if (!answer || !succeeded(answer)) return NOTHING;
  const api = own(answer, 'api');
  if (typeof api === 'string' && !API_NAME.test(api)) return NOTHING;
  const data = obj(answer, 'data');
  if (!data) return UNREADABLE;
  const stack = stackValues(data);
  const pageId = page.searchParams.get('id') ?? '';
  const shown = ID.test(pageId) ? pageId : '';
  const said =
    idOf(own(obj(data, 'item'), 'itemId')) || stack.map((v) => idOf(own(obj(v, 'item'), 'itemId'))).find(Boolean) || '';
  if (said && shown && said !== shown) return NOTHING;
  const productId = said || shown;
  if (!productId) return UNREADABLE;
  const skuParam = page.searchParams.get('skuId') ?? '';
  const skuId = SKU_ID.test(skuParam) && skuParam !== '0' ? skuParam : '';
  const res = resOf(data, stack);
  const cands: Cand[] = [];
  const { range, title, shop } = readAlibabaRes(res, skuId, cands);
  const seller = obj(data, 'seller') ?? stack.map((v) => obj(v, 'seller')).find((v) => v !== null);
  const platform: Platform = TMALL_PAGE.test(page.hostname) || own(seller, 'sellerType') === 'B' ? 'tmall' : 'taobao';
  const s = product({ platform, url: page, productId, title, cands, range, sku: skuId, shop, now });
  if (!s) return UNREADABLE;
  const skuBase = obj(data, 'skuBase') ?? stack.map((v) => obj(v, 'skuBase')).find((v) => v !== null) ?? null;
  const prices = skuPrices(obj(res, 'skuCore', 'sku2info'), skuNames(skuBase));
  return prices.length > 0
    ? { snapshots: [s], subject: true, skus: { productId, prices } }
    : { snapshots: [s], subject: true };
}

export const alibabaMobileItemResponses: ResponseReader = {
  id: 'alibaba-m-item',
  matches: (request, page) =>
    API_HOST.test(request.hostname) && API_PATH.test(request.pathname) && (taobaoItem(page) || tmallItem(page)),
  read,
};
