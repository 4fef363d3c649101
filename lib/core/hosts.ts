/** Shop hosts the content scripts run on: one list for the manifest, the content scripts and tests. */
export const SHOP_MATCHES = [
  '*://*.jd.com/*',
  '*://*.taobao.com/*',
  '*://*.tmall.com/*',
  '*://*.jinritemai.com/*',
  '*://live.douyin.com/*',
  '*://www.douyin.com/*',
  '*://*.yangkeduo.com/*',
  // Public tracking pages (not shops): parcels of orders placed in apps (lib/sites/tracking.ts).
  '*://m.kuaidi100.com/*',
  '*://www.kuaidi100.com/*',
  '*://global.cainiao.com/*',
  '*://t.17track.net/*',
];

// One content script per shop family and page kind (entrypoints/<name>.content.ts), so a shop page
// downloads only the readers it can use plus the schema.org fallback. Product-page hosts of JD,
// Taobao, Tmall and PDD get scripts with only the product readers, Taobao's logistics hosts only the
// logistics reader; the family's other hosts get the order readers. Each entrypoint imports only its own lists (they end up in its bundle).
export const JD_ITEM = [
  '*://item.jd.com/*',
  '*://item.m.jd.com/*',
  '*://npcitem.jd.com/*',
  '*://item.jingdonghealth.jd.com/*',
];
export const JD = ['*://*.jd.com/*'];
/** JD's own 价保 pages, PC, mobile and the one-click page (PLATFORMS.md "Price protection on the platforms' own pages"). */
export const JD_CLAIM = [
  '*://pcsitepp-fm.jd.com/*',
  '*://msitepp-fm.jd.com/*',
  '*://h5.m.jd.com/babelDiy/Zeus/2RePMzTqg6UoffvMwtwVeMcnPGeg/*',
];
/**
 * JD's H5 order pages (Firefox for Android, PLATFORMS.md "Phones"): the list draws itself from the page's own
 * order_list_m answers (lib/sites/jd-m-response.ts); wqs.jd.com/order/… leads to trade.m.jd.com/order/….
 */
export const JD_M_ORDERS = ['*://trade.m.jd.com/order/*', '*://wqs.jd.com/order/*'];
export const JD_NOT = /* @__PURE__ */ JD_ITEM.concat(JD_CLAIM, JD_M_ORDERS);
/**
 * Taobao/Tmall product pages on a phone: they draw the item from their own mtop detail answer (by JSONP or XHR;
 * lib/sites/alibaba-m-response.ts), handed over by alibaba-item-main.content.ts. The desktop pages carry their data.
 */
export const ALIBABA_M_ITEM = ['*://h5.m.taobao.com/*', '*://main.m.taobao.com/detail/*', '*://detail.m.tmall.com/*'];
export const ALIBABA_ITEM = /* @__PURE__ */ [
  '*://item.taobao.com/*',
  '*://world.item.taobao.com/*',
  '*://*.detail.tmall.com/*',
].concat(ALIBABA_M_ITEM);
export const ALIBABA_TRACK = ['*://market.m.taobao.com/*', '*://wuliu.taobao.com/*', '*://detail.i56.taobao.com/*'];
/**
 * Taobao's H5 order list (Firefox for Android, PLATFORMS.md "Phones"): it draws itself from the page's own
 * queryboughtlistv2 answers, mostly by JSONP (lib/sites/taobao-m-response.ts, lib/content/page-responses/jsonp.ts).
 */
export const TAOBAO_M_ORDERS = ['*://main.m.taobao.com/olist/*'];
export const ALIBABA = ['*://*.taobao.com/*', '*://*.tmall.com/*'];
// Pure calls (not spreads or bare calls) so a content script that does not use a list does not build it.
export const ALIBABA_NOT = /* @__PURE__ */ ALIBABA_ITEM.concat(ALIBABA_TRACK, TAOBAO_M_ORDERS);
/** 抖音商城 product pages, live rooms (live.douyin.com/<room>) and videos with a product card (www.douyin.com). */
export const DOUYIN = ['*://*.jinritemai.com/*', '*://live.douyin.com/*', '*://www.douyin.com/*'];
/** PDD goods pages: /goods.html, /goods2.html… (the path pattern also covers the query string). */
export const PDD_GOODS = /* @__PURE__ */ ['', '1', '2', '3', '4', '5', '6', '7', '8', '9'].map(
  (n) => `*://*.yangkeduo.com/goods${n}.html*`,
);
export const PDD = ['*://*.yangkeduo.com/*'];
/** PDD's order list (H5): its later pages arrive as the page's own order_list_v4 answers (lib/sites/pdd-response.ts). */
export const PDD_ORDER_LIST = ['*://*.yangkeduo.com/orders.html*'];
/** Public tracking pages: kuaidi100, Cainiao global, 17TRACK (PLATFORMS.md "Public tracking pages"). */
export const TRACKING = [
  '*://m.kuaidi100.com/*',
  '*://www.kuaidi100.com/*',
  '*://global.cainiao.com/*',
  '*://t.17track.net/*',
];

/**
 * Main-world scripts (entrypoints/<name>.content.ts, world: 'MAIN', document_start) that hand the page's own responses
 * of a kept URL (lib/content/page-responses/urls.ts) to the isolated script named here, on the same hosts. Not in
 * CONTENT_SCRIPTS: they read nothing themselves.
 */
export const PAGE_RESPONSE_SCRIPTS: Record<string, string> = {
  'douyin-main': 'douyin',
  'tracking-main': 'tracking',
  'jd-claim-main': 'jd-claim',
  'pdd-main': 'pdd',
  'jd-m-orders-main': 'jd-m-orders',
  'taobao-m-orders-main': 'taobao-m-orders',
  'alibaba-item-main': 'alibaba-item',
};

/** Every content script's matches and exclusions: together they cover SHOP_MATCHES, each URL once (unit-tested). */
export const CONTENT_SCRIPTS: Record<string, { matches: string[]; excludeMatches?: string[] }> = {
  'jd-item': { matches: JD_ITEM },
  jd: { matches: JD, excludeMatches: JD_NOT },
  'jd-claim': { matches: JD_CLAIM },
  'jd-m-orders': { matches: JD_M_ORDERS },
  'alibaba-item': { matches: ALIBABA_ITEM },
  'alibaba-track': { matches: ALIBABA_TRACK },
  'taobao-m-orders': { matches: TAOBAO_M_ORDERS },
  alibaba: { matches: ALIBABA, excludeMatches: ALIBABA_NOT },
  douyin: { matches: DOUYIN },
  'pdd-goods': { matches: PDD_GOODS },
  pdd: { matches: PDD, excludeMatches: PDD_GOODS },
  tracking: { matches: TRACKING },
};

/**
 * First stages (lib/content/first-stage/runner.ts) and the full runner the background injects for each
 * (entrypoints/<full>.content.ts, `registration: 'runtime'`, built to content-scripts/<full>.js).
 */
export const FIRST_STAGES: Record<string, string> = { 'jd-item': 'jd-item-full' };

/** A manifest match pattern (`*://*.host/path*`) as a RegExp over the whole URL (the path includes the query). */
export function matchPattern(p: string): RegExp {
  const m = /^\*:\/\/(\*\.)?([^/]+)(\/.*)$/.exec(p);
  if (!m) throw new Error(`unsupported pattern ${p}`);
  const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const host = `${m[1] ? '(?:[^/]+\\.)?' : ''}${esc(m[2] ?? '')}`;
  const path = (m[3] ?? '').split('*').map(esc).join('.*');
  return new RegExp(`^https?://${host}${path}$`);
}

export function matchesAny(patterns: readonly string[] | undefined, url: string): boolean {
  return (patterns ?? []).some((p) => matchPattern(p).test(url));
}

/** The content scripts the manifest runs on a URL (one for a shop URL, none otherwise: unit-tested). */
export function scriptsFor(url: string): string[] {
  return Object.keys(CONTENT_SCRIPTS).filter(
    (n) => matchesAny(CONTENT_SCRIPTS[n]?.matches, url) && !matchesAny(CONTENT_SCRIPTS[n]?.excludeMatches, url),
  );
}

/** The full runner's file for a page whose content script is a first stage; null for any other page. */
export function fullRunnerFor(url: string | undefined): string | null {
  if (!url) return null;
  const full = scriptsFor(url)
    .map((n) => FIRST_STAGES[n])
    .find(Boolean);
  return full ? `/content-scripts/${full}.js` : null;
}
