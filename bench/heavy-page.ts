/**
 * A heavy JD-like item page: the product block of tests/fixtures/e2e/jd-item.html with the price
 * already in the HTML (so the content script extracts at document_idle), plus `extraNodes` elements of
 * the usual clutter — recommendation grids with prices, comments, navigation — generated from a seed.
 */
import { int, rng } from './util';

export const HEAVY_PRODUCT_ID = '100012043978';
export const HEAVY_URL = `https://item.jd.com/${HEAVY_PRODUCT_ID}.html`;

const WORDS = [
  '电饭煲',
  '养生壶',
  '空气炸锅',
  '豆浆机',
  '破壁机',
  '电压力锅',
  '榨汁机',
  '咖啡机',
  '电炖锅',
  '微波炉',
  '烤箱',
  '净水器',
];

export function heavyJdPage(extraNodes = 5000, seed = 8, price = '89.90', productId = HEAVY_PRODUCT_ID): string {
  const r = rng(seed);
  const parts: string[] = [];
  let nodes = 0;
  // Recommendation grid: li > a + span.p-price + em — 4 elements per item.
  parts.push('<div class="recommend"><h3>为你推荐</h3><ul class="goods-list">');
  while (nodes < extraNodes * 0.6) {
    const w = WORDS[int(r, 0, WORDS.length - 1)];
    const yuan = int(r, 19, 2999);
    parts.push(
      `<li class="gl-item"><a href="//item.jd.com/${int(r, 10000, 99999999)}.html" title="${w}">${w} ${int(r, 1, 9)}L</a><span class="p-price">￥${yuan}.${int(r, 0, 99).toString().padStart(2, '0')}</span><em>${int(r, 10, 99999)}+条评价</em></li>`,
    );
    nodes += 4;
  }
  parts.push('</ul></div><div class="comments">');
  // Comments: div > p + span + span — 4 elements per comment.
  while (nodes < extraNodes) {
    parts.push(
      `<div class="comment-item"><p class="comment-con">${WORDS[int(r, 0, WORDS.length - 1)]}很好用，物流很快，第${int(r, 1, 30)}天就到了。</p><span class="user">jd_${int(r, 1000, 9999)}***</span><span class="date">2026-0${int(r, 1, 9)}-1${int(r, 0, 9)}</span></div>`,
    );
    nodes += 4;
  }
  parts.push('</div>');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>【京东】小熊 电热水壶 1.5L 304不锈钢 ZDH-Q15X1【行情 报价 价格 评测】-京东</title>
<script>var pageConfig = { compatible: true, product: { skuid: ${productId}, name: '小熊电热水壶', venderId: 1000001, shopId: 1000001, cat: [737, 752, 758] } };</script>
<style>body{font-family:"WenQuanYi Micro Hei",sans-serif;margin:0}.top{background:#e1251b;color:#fff;padding:12px 24px;font-size:20px}.main{display:flex;gap:24px;padding:24px}.product-price--value{color:#e1251b;font-size:32px;font-weight:700}.gl-item{display:inline-block;width:220px;margin:4px}</style>
</head>
<body>
<div class="top">京东 JD.COM</div>
<div class="main">
  <div class="_gallery_x1y2_1 gallery">商品图片</div>
  <div class="info">
    <div class="sku-title"><span class="sku-title-name">小熊（Bear）电热水壶 1.5L 304不锈钢 家用烧水壶 ZDH-Q15X1</span></div>
    <div class="product-price--main"><span class="product-price--label">京东价</span><span class="product-price--value">￥${price}</span></div>
    <div class="product-price--origin">￥<del id="page_origin_price">129.00</del></div>
    <div class="services">支持7天无理由退货 · 30天价保 · 京东发货</div>
    <div class="top-name" title="小熊电器京东自营旗舰店">小熊电器京东自营旗舰店</div>
  </div>
</div>
${parts.join('\n')}
</body>
</html>`;
}
