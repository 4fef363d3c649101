/** Shop hosts the content scripts run on: one list for the manifest, the content scripts and tests. */
export const SHOP_MATCHES = [
  '*://*.jd.com/*',
  '*://*.taobao.com/*',
  '*://*.tmall.com/*',
  '*://*.jinritemai.com/*',
  '*://*.yangkeduo.com/*',
];

// One content script per shop family and page kind (entrypoints/<name>.content.ts), so a shop page
// downloads only the readers it can use plus the schema.org fallback. Product-page hosts of JD,
// Taobao, Tmall and PDD get scripts with only the product readers, Taobao's logistics hosts only the
// logistics reader; the family's other hosts get the order readers. Each entrypoint imports only its own lists (they end up in its bundle).
export const JD_ITEM = ['*://item.jd.com/*', '*://item.m.jd.com/*', '*://npcitem.jd.com/*', '*://item.jingdonghealth.jd.com/*'];
export const JD = ['*://*.jd.com/*'];
export const ALIBABA_ITEM = ['*://item.taobao.com/*', '*://world.item.taobao.com/*', '*://h5.m.taobao.com/*', '*://*.detail.tmall.com/*', '*://detail.m.tmall.com/*'];
export const ALIBABA_TRACK = ['*://market.m.taobao.com/*', '*://wuliu.taobao.com/*', '*://detail.i56.taobao.com/*'];
export const ALIBABA = ['*://*.taobao.com/*', '*://*.tmall.com/*'];
export const ALIBABA_NOT = [...ALIBABA_ITEM, ...ALIBABA_TRACK];
export const DOUYIN = ['*://*.jinritemai.com/*'];
/** PDD goods pages: /goods.html, /goods2.html… (the path pattern also covers the query string). */
export const PDD_GOODS = ['', ...'123456789'].map((n) => `*://*.yangkeduo.com/goods${n}.html*`);
export const PDD = ['*://*.yangkeduo.com/*'];

/** Every content script's matches and exclusions: together they cover SHOP_MATCHES, each URL once (unit-tested). */
export const CONTENT_SCRIPTS: Record<string, { matches: string[]; excludeMatches?: string[] }> = {
  'jd-item': { matches: JD_ITEM },
  jd: { matches: JD, excludeMatches: JD_ITEM },
  'alibaba-item': { matches: ALIBABA_ITEM },
  'alibaba-track': { matches: ALIBABA_TRACK },
  alibaba: { matches: ALIBABA, excludeMatches: ALIBABA_NOT },
  douyin: { matches: DOUYIN },
  'pdd-goods': { matches: PDD_GOODS },
  pdd: { matches: PDD, excludeMatches: PDD_GOODS },
};
