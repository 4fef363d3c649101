/**
 * A JD product page that behaves like a single-page app: two seconds after it loads it switches to
 * another product with history.pushState and rewrites title and price, without a page load.
 */
export const SPA_FIRST = '100012043978';
export const SPA_SECOND = '100012043979';
export const SPA_URL = `https://item.jd.com/${SPA_FIRST}.html`;

export function spaPage(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>小熊电热水壶-京东</title></head><body>
<div class="sku-title"><span class="sku-title-name">小熊（Bear）电热水壶 1.5L</span></div>
<div class="product-price--main"><span class="product-price--label">京东价</span><span class="product-price--value">￥89.90</span></div>
<script>
setTimeout(function () {
  history.pushState({}, '', '/${SPA_SECOND}.html');
  document.querySelector('.sku-title-name').textContent = '小熊（Bear）养生壶 1.8L';
  document.querySelector('.product-price--value').textContent = '￥59.90';
  window.__switched = true;
}, 2000);
</script></body></html>`;
}
