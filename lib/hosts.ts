/** Shop hosts the content script runs on: one list for the manifest, the content script and tests. */
export const SHOP_MATCHES = [
  '*://*.jd.com/*',
  '*://*.taobao.com/*',
  '*://*.tmall.com/*',
  '*://*.jinritemai.com/*',
  '*://*.yangkeduo.com/*',
];
