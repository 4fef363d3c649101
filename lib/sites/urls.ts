/**
 * Which shop page a URL is, from the URL alone: the adapters' URL matchers (one definition each, the
 * adapters import them from here) and the page identity a screenshot is checked against.
 *
 * `pageIdentity(url)`: two URLs are the same page when they are the same platform, page kind and id. For a
 * known shop page that is origin + path + the query parameters that name what the page shows (`?id=`,
 * `?orderid=`, `?bizOrderId=`, the selected SKU…), whatever tracking parameters (`spm`, `scm`, `utm_*`…)
 * ride along. Any other page is its full URL without the fragment. Pure, no DOM: the worker imports it
 * without the readers.
 */
import type { Platform } from '../core/model';
import { isItem as jdItem } from './jd-shape';

export { jdItem };

const JD_ORDER_HOST = /^(details|order)\.jd\.(com|hk)$/;
export const jdOrder = (u: URL) =>
  JD_ORDER_HOST.test(u.hostname) && /item\.action|orderDetail|\/normal\//i.test(u.pathname);

/** Taobao item pages: desktop, h5.m (`/awp/core/detail.htm?id=`), and the phone page main.m `/detail/index.html?id=`. */
export const taobaoItem = (u: URL) =>
  (/^(item|world\.item|h5\.m)\.taobao\.com$/.test(u.hostname) && /\/item\.htm|\/detail\//.test(u.pathname)) ||
  (u.hostname === 'h5.m.taobao.com' && u.pathname === '/awp/core/detail.htm') ||
  (u.hostname === 'main.m.taobao.com' && u.pathname === '/detail/index.html');
export const taobaoOrder = (u: URL) =>
  /^(buyertrade|trade)\.taobao\.com$/.test(u.hostname) && /\/trade\/detail\//.test(u.pathname);
export const taobaoTrack = (u: URL) =>
  (u.hostname === 'market.m.taobao.com' && u.pathname.includes('trade-logistics')) ||
  (u.hostname === 'wuliu.taobao.com' && u.pathname.startsWith('/user/')) ||
  (u.hostname === 'detail.i56.taobao.com' && u.pathname.startsWith('/call/'));

export const tmallItem = (u: URL) =>
  /^(detail|chaoshi\.detail|detail\.m|world\.detail)\.tmall\.(com|hk)$/.test(u.hostname) &&
  /item\.htm/.test(u.pathname);
export const tmallOrder = (u: URL) =>
  /^trade\.tmall\.(com|hk)$/.test(u.hostname) && /\/detail\/orderDetail/.test(u.pathname);

const DOUYIN_HOST = /(^|\.)jinritemai\.com$/;
export const DOUYIN_PRODUCT_PATH = /^\/(views\/product\/(item2?|detail)|ecommerce\/trade\/detail)/;

/**
 * The product a Douyin shop URL names: `?id=`, `?product_id=`, or a share URL's `goods_detail=` (URL-encoded JSON
 * with `product_id`/`id`; PLATFORMS.md). Digits only; '' when none. The share JSON's prices are what the sharer
 * saw: never read as the price.
 */
export function douyinProductId(u: URL): string {
  const q = u.searchParams;
  const direct = q.get('id') ?? q.get('product_id');
  if (direct !== null) return /^\d{4,30}$/.test(direct) ? direct : '';
  const share = q.get('goods_detail');
  if (!share || share.length > 8192) return '';
  let v: unknown;
  try {
    v = JSON.parse(share.trim().startsWith('%') ? decodeURIComponent(share) : share);
  } catch {
    return '';
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return '';
  const o = v as Record<string, unknown>;
  for (const k of ['product_id', 'productId', 'id', 'promotion_id']) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
    const x = o[k];
    const id = typeof x === 'number' && Number.isSafeInteger(x) ? String(x) : typeof x === 'string' ? x : '';
    if (/^\d{4,30}$/.test(id)) return id;
  }
  return '';
}

export const douyinProduct = (u: URL) =>
  DOUYIN_HOST.test(u.hostname) &&
  (DOUYIN_PRODUCT_PATH.test(u.pathname) || (u.searchParams.has('goods_detail') && douyinProductId(u) !== ''));
export const douyinOrder = (u: URL) =>
  DOUYIN_HOST.test(u.hostname) && !douyinProduct(u) && /\/order\//.test(u.pathname);
/** A live room: live.douyin.com/<web_rid> (digits). */
export const douyinLive = (u: URL) => u.hostname === 'live.douyin.com' && /^\/\d{1,30}\/?$/.test(u.pathname);
/** The video a www.douyin.com page shows: /video/<id>, or a feed's open video (`?modal_id=`); '' when none. */
export function douyinVideoId(u: URL): string {
  if (u.hostname !== 'www.douyin.com') return '';
  const m = /^\/video\/(\d{1,30})\/?$/.exec(u.pathname);
  const id = m?.[1] ?? u.searchParams.get('modal_id') ?? '';
  return /^\d{1,30}$/.test(id) ? id : '';
}

const PDD_HOST = /(^|\.)(yangkeduo|pinduoduo)\.com$/;
export const pddGoods = (u: URL) => PDD_HOST.test(u.hostname) && /^\/goods\d?\.html$/.test(u.pathname);
export const pddOrder = (u: URL) =>
  PDD_HOST.test(u.hostname) && /^\/(goods_express|order|orders)\.html$/.test(u.pathname);

/** Public tracking pages (lib/sites/tracking.ts): no shop, so their rule's platform is `generic`. */
export const kuaidi100Page = (u: URL) =>
  /^(?:m|www)\.kuaidi100\.com$/.test(u.hostname) && /^\/(?:app\/query\/?|result\.jsp|chaxun)$/.test(u.pathname);
export const cainiaoPage = (u: URL) => u.hostname === 'global.cainiao.com' && u.pathname === '/newDetail.htm';
export const track17Page = (u: URL) => u.hostname === 't.17track.net';

/** What a shop page shows, by its URL: `orders` is a list of orders, `page` anything we do not know. */
export type PageIdentityKind = 'product' | 'order' | 'logistics' | 'orders' | 'page';

interface PageRule {
  platform: Platform;
  kind: Exclude<PageIdentityKind, 'page'>;
  matches(u: URL): boolean;
  /** The query parameters that say which product, order or parcel the page shows (the readers read these). */
  ids: readonly string[];
}

/** The selected SKU is part of a product page's identity: the price on screen is that SKU's. */
const RULES: readonly PageRule[] = [
  { platform: 'jd', kind: 'product', matches: jdItem, ids: [] }, // the id is the path: /100012043978.html
  { platform: 'jd', kind: 'order', matches: jdOrder, ids: ['orderid', 'orderId', 'order_id'] },
  { platform: 'taobao', kind: 'product', matches: taobaoItem, ids: ['id', 'skuId'] },
  { platform: 'taobao', kind: 'order', matches: taobaoOrder, ids: ['bizOrderId', 'biz_order_id', 'orderId'] },
  { platform: 'taobao', kind: 'logistics', matches: taobaoTrack, ids: ['orderId', 'trade_id', 'bizOrderId'] },
  { platform: 'tmall', kind: 'product', matches: tmallItem, ids: ['id', 'skuId'] },
  { platform: 'tmall', kind: 'order', matches: tmallOrder, ids: ['bizOrderId', 'biz_order_id', 'orderId'] },
  { platform: 'douyin', kind: 'product', matches: douyinProduct, ids: ['id', 'product_id', 'goods_detail'] },
  { platform: 'douyin', kind: 'order', matches: douyinOrder, ids: ['order_id', 'orderId', 'id'] },
  { platform: 'pdd', kind: 'product', matches: pddGoods, ids: ['goods_id', 'sku_id'] },
  {
    platform: 'pdd',
    kind: 'logistics',
    matches: (u) => pddOrder(u) && u.pathname === '/goods_express.html',
    ids: ['order_sn', 'tracking_number'],
  },
  { platform: 'pdd', kind: 'orders', matches: (u) => pddOrder(u) && u.pathname === '/orders.html', ids: ['type'] },
  { platform: 'pdd', kind: 'order', matches: pddOrder, ids: ['order_sn'] },
  // Tracking pages: the number and the carrier name the page; `phone` (the last four digits SF/ZTO ask for) never does.
  { platform: 'generic', kind: 'logistics', matches: kuaidi100Page, ids: ['nu', 'postid', 'com'] },
  { platform: 'generic', kind: 'logistics', matches: cainiaoPage, ids: ['mailNoList'] },
  { platform: 'generic', kind: 'logistics', matches: track17Page, ids: [] },
];

export interface PageIdentity {
  platform: Platform | null;
  kind: PageIdentityKind;
  /** Equal keys = the same page. */
  key: string;
  /** The page's URL with only what identifies it (a known shop page), else the URL without its fragment. */
  url: string;
}

function toUrl(url: string | URL): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The page a URL shows (see the module comment); null for a string that is not a URL. */
export function pageIdentity(input: string | URL): PageIdentity | null {
  const u = toUrl(input);
  if (!u) return null;
  u.hash = '';
  const rule = u.protocol === 'http:' || u.protocol === 'https:' ? RULES.find((r) => r.matches(u)) : undefined;
  if (!rule) return { platform: null, kind: 'page', key: `page ${u.href}`, url: u.href };
  const kept = new URL(u.origin + u.pathname);
  for (const name of [...rule.ids].sort())
    for (const v of u.searchParams.getAll(name)) kept.searchParams.append(name, v);
  return {
    platform: rule.platform,
    kind: rule.kind,
    key: `${rule.platform} ${rule.kind} ${kept.href}`,
    url: kept.href,
  };
}

/** Do two URLs show the same page (same platform, kind and id; see pageIdentity)? False if either is not a URL. */
export function samePageIdentity(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = pageIdentity(a);
  const y = pageIdentity(b);
  return !!x && !!y && x.key === y.key;
}

/**
 * Query parameters that only say where a click came from (analytics, ads, A/B buckets), never which page:
 * stripped from a URL the worker fetches. Unknown parameters are kept on unknown pages.
 */
const TRACKING =
  /^(spm|scm|acm|pvid|utm_[a-z_]+|ali_refid|ali_trackid|abbucket|ns|union_lens|bxsign|tbSocialPopKey|sp_tk|ut_sk|suid|shareurl|share_crt_v|shareUniqueId|cu|ptag|jd_pop|gclid|fbclid|clickid)$/i;

/**
 * The URL to fetch for a page: a known shop page reduced to what identifies it (pageIdentity.url); any other
 * page without its fragment and without tracking parameters.
 */
export function fetchableUrl(input: string): string | null {
  const id = pageIdentity(input);
  if (!id) return null;
  if (id.kind !== 'page') return id.url;
  const u = new URL(id.url);
  for (const name of [...u.searchParams.keys()]) if (TRACKING.test(name)) u.searchParams.delete(name);
  return u.href;
}
