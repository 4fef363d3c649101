/**
 * Shop hosts the content scripts run on: one list for the manifest, the content scripts and tests.
 * Each shop family has its own content script (entrypoints/<family>.content.ts) holding only its
 * readers plus the schema.org fallback, so a shop page downloads one family's code, not all of them.
 */
export const CONTENT_MATCHES = {
  jd: ['*://*.jd.com/*'],
  alibaba: ['*://*.taobao.com/*', '*://*.tmall.com/*'],
  douyin: ['*://*.jinritemai.com/*'],
  pdd: ['*://*.yangkeduo.com/*'],
};

export type ShopFamily = keyof typeof CONTENT_MATCHES;

export const SHOP_MATCHES = [
  '*://*.jd.com/*',
  '*://*.taobao.com/*',
  '*://*.tmall.com/*',
  '*://*.jinritemai.com/*',
  '*://*.yangkeduo.com/*',
];
