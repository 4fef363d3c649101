/**
 * A Douyin product page as the real one works (PLATFORMS.md "Douyin"): no price in its HTML; its own script POSTs to
 * pack/h5 with fetch and draws title and price from the answer (the price in a glyph font: no digits in the DOM), and
 * asks for SKUs with XHR. It records what its own code saw (`window.__seen`) so a test can check that the
 * extension's main-world script changed nothing: body, status, headers, a failing fetch's error, XHR states.
 * The answer is tests/fixtures/responses/douyin/pack-h5-constructed.json (constructed from PLATFORMS.md's keys).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BackupExport } from '@/lib/core/messages';
import type { ProductSnapshot } from '@/lib/core/model';
import type { SnapshotRecord } from '@/lib/core/stored';
import { ROOT } from './paths';

export const DOUYIN_ID = '3581234567890123456';
export const DOUYIN_URL = `https://haohuo.jinritemai.com/ecommerce/trade/detail/index.html?id=${DOUYIN_ID}&origin_type=604`;
export const DOUYIN_PACK = 'https://haohuo.jinritemai.com/aweme/v2/shop/promotion/pack/h5/';
/** The SKU prices (fen), on the kept list since live rooms came: the page's XHR goes there. */
export const DOUYIN_SKUS = 'https://haohuo.jinritemai.com/live/promotion/common_skus/';

export const douyinPack = (): string =>
  JSON.stringify(
    (
      JSON.parse(readFileSync(resolve(ROOT, 'tests/fixtures/responses/douyin/pack-h5-constructed.json'), 'utf8')) as {
        data: unknown;
      }
    ).data,
  );
export const DOUYIN_SKUS_BODY = JSON.stringify({ skus: { '1': { sku_id: '1', price: 7990 } } });

/** What the page's own code sees, with or without the extension (the test compares it with the expected values). */
export const DOUYIN_SEEN = {
  status: 200,
  type: 'application/json',
  title: '云南高山红茶 500g 礼盒装',
  error: 'TypeError',
  xhr: 'rsc1 rsc2 rsc3 rsc4 load loadend',
  xhrStatus: 200,
  skus: 7990,
};

export function douyinPage(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>抖音商城</title>
<script>
window.__seen = {};
fetch('/aweme/v2/shop/promotion/pack/h5/?a_bogus=x&msToken=y', { method: 'POST', body: 'product_id=${DOUYIN_ID}' })
  .then(function (r) {
    window.__seen.status = r.status;
    window.__seen.type = r.headers.get('content-type');
    return r.text();
  })
  .then(function (t) {
    window.__seen.length = t.length;
    var d = JSON.parse(t).promotion_h5;
    window.__seen.title = d.basic_info_data.title_info.title;
    document.getElementById('title').textContent = d.basic_info_data.title_info.title;
    // The price in an obfuscation font: private-use glyphs, never digits.
    document.getElementById('price').textContent = '\\ue601\\ue602\\ue603';
  });
fetch('/aweme/v2/shop/promotion/pack/h5/?fail=1').catch(function (e) { window.__seen.error = e && e.name; });
var x = new XMLHttpRequest();
var log = [];
x.onreadystatechange = function () { log.push('rsc' + x.readyState); };
x.addEventListener('load', function () { log.push('load'); });
x.addEventListener('loadend', function () {
  log.push('loadend');
  window.__seen.xhr = log.join(' ');
  window.__seen.xhrStatus = x.status;
  window.__seen.skus = JSON.parse(x.responseText).skus['1'].price;
});
x.open('POST', '/live/promotion/common_skus/');
x.send('{}');
</script></head>
<body><h1 id="title"></h1><div class="price"><span id="price"></span></div></body></html>`;
}

/**
 * The shop page's latest reading: the one a rule cites. The page is often read twice within a moment (its DOM, then
 * its own answer); the screenshot is filed under the first reading and stands for both (lib/core/ticket-facts.ts).
 */
export function latestShopReading(backup: BackupExport): SnapshotRecord & ProductSnapshot {
  const readings = backup.snapshots
    .filter((s): s is SnapshotRecord & ProductSnapshot => s.kind === 'product' && s.productId === DOUYIN_ID)
    .filter((s) => s.url === DOUYIN_URL)
    .sort((a, b) => a.capturedAt - b.capturedAt);
  const last = readings.at(-1);
  if (!last) throw new Error('no reading of the shop page');
  return last;
}
