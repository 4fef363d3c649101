/**
 * The responses a page's own `fetch`/XHR answers we keep (lib/content/page-responses/README.md): one list per site.
 * A site's main-world script keeps only its own list's responses, and its isolated listener checks each again against
 * that list (`keptBy`): a page hands over nothing another site's reader knows, and a script carries no other patterns. Paths only: a response whose URL matches none of these is never read, copied or handed over.
 * The public tracking sites' patterns (./tracking-urls.ts) and JD's 价保 answers (./urls-jd-claim.ts) are lists of
 * their own.
 */
import { TRACKING_KEPT } from './tracking-urls';
import { JD_CLAIM_RESPONSES } from './urls-jd-claim';

/** Douyin (douyin.content.ts). */
export const DOUYIN_KEPT: readonly RegExp[] = [
  // Douyin product page (PLATFORMS.md "Douyin"): the product, its title, shop and prices.
  /^https?:\/\/[^/?#]*\.jinritemai\.com\/aweme\/v2\/shop\/promotion\/pack\/h5\/?(?:[?#]|$)/,
  /^https?:\/\/[^/?#]*\.jinritemai\.com\/ecom\/product\/detail\/saas\/pc\/?(?:[?#]|$)/,
  // Its SKU prices (fen), asked by the product page and by a live room's product card.
  /^https?:\/\/[^/?#]*\.(?:jinritemai|douyin)\.com\/live\/promotion\/common_skus\/?(?:[?#]|$)/,
  // Live room (live.douyin.com/<room>): the product being explained (pop/v3, first item) and the cart list (page).
  /^https?:\/\/live\.douyin\.com\/live\/promotions\/(?:pop\/v3|page)\/?(?:[?#]|$)/,
  // A video's detail on www.douyin.com: its product card (anchor_info).
  /^https?:\/\/www\.douyin\.com\/aweme\/v1\/web\/aweme\/detail\/?(?:[?#]|$)/,
];

/** Pinduoduo's order list (H5, PLATFORMS.md "Phones"): its pages after the first (the first is in window.rawData). */
export const PDD_KEPT: readonly RegExp[] = [
  /^https:\/\/[^/?#]*\.yangkeduo\.com\/proxy\/api\/api\/aristotle\/order_list_v\d+\/?(?:[?#]|$)/,
];

/** JD's H5 order pages (trade.m.jd.com/order/…): each page of the list and an order page's order, functionId in the query. */
export const JD_M_KEPT: readonly RegExp[] = [
  /^https:\/\/api\.m\.jd\.com\/client\.action\/?\?(?:[^#]*&)?functionId=order_(?:list|detail)_m(?:[&#]|$)/,
];

/**
 * Taobao's H5 order list (main.m.taobao.com/olist/): each page of the list, asked of mtop by JSONP (a `<script>`,
 * ./jsonp.ts) or by XHR/fetch (`type=originaljson`). The api name's case varies between clients (`…queryboughtlistV2`).
 */
export const TAOBAO_M_KEPT: readonly RegExp[] = [
  /^https:\/\/h5api\.m\.taobao\.com\/h5\/mtop\.taobao\.order\.queryboughtlistv2\/\d{1,3}\.\d{1,3}\/?(?:[?#]|$)/i,
];

/**
 * Taobao/Tmall phone product pages (ALIBABA_M_ITEM): the item's own mtop detail answer, `detail.data.get` (older
 * `getdetail`), on h5api.m.taobao.com or h5api.m.tmall.com, by JSONP or XHR/fetch.
 */
export const ALIBABA_M_ITEM_KEPT: readonly RegExp[] = [
  /^https:\/\/h5api\.m\.(?:taobao|tmall)\.com\/h5\/mtop\.taobao\.detail\.(?:data\.get|getdetail)\/\d{1,3}\.\d{1,3}\/?(?:[?#]|$)/i,
];

/** Every site's list (tests check a pattern against all of them). */
export const KEPT_LISTS: readonly (readonly RegExp[])[] = [
  DOUYIN_KEPT,
  PDD_KEPT,
  JD_M_KEPT,
  TAOBAO_M_KEPT,
  ALIBABA_M_ITEM_KEPT,
  JD_CLAIM_RESPONSES,
  TRACKING_KEPT,
];

/** A response text longer than this (UTF-16 code units; bytes while streaming) is dropped, not cut. */
export const MAX_RESPONSE = 512 * 1024;

/** What the main world keeps for a late listener (the isolated script starts at document_idle): the last few. */
export const MAX_BUFFERED = 8;

/** Main world → isolated: one kept response, `detail` a JSON string `{u, s, t}`. */
export const RESPONSE_EVENT = 'shopwitness:page-response';
/** Isolated → main world: "hand me again what you kept" (the page may send it too: it only repeats its own data). */
export const REPLAY_EVENT = 'shopwitness:page-response-replay';

/** Whether one site's list keeps a response of this URL. */
export function keptBy(list: readonly RegExp[], url: string): boolean {
  return url.length <= 4096 && list.some((r) => r.test(url));
}

/** Whether any site's list keeps it. */
export function keptUrl(url: string): boolean {
  return KEPT_LISTS.some((l) => keptBy(l, url));
}
