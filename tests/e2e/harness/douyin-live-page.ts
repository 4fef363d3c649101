/**
 * A Douyin live room as the real one works (PLATFORMS.md "Douyin", live room): no price in its HTML; its own script
 * asks `GET /live/promotions/pop/v3/` with fetch (the popup carousel, first item = the product being explained) and
 * `POST /live/promotions/page/` with XHR (the cart list 小黄车), then draws the cart from the answers. It also fetches a
 * room endpoint that is not on the kept list. The answers are tests/fixtures/responses/douyin/live-*.constructed.json
 * (constructed from PLATFORMS.md's keys: no public capture of a live room exists).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './paths';

export const LIVE_ROOM = '731234567890';
export const LIVE_URL = `https://live.douyin.com/${LIVE_ROOM}`;
export const LIVE_POP = 'https://live.douyin.com/live/promotions/pop/v3/';
export const LIVE_CART = 'https://live.douyin.com/live/promotions/page/';
/** Not on the kept list: the room's own state. */
export const LIVE_ENTER = 'https://live.douyin.com/webcast/room/web/enter/';
export const LIVE_EXPLAINED = '3581234567890123456';
export const LIVE_CART_IDS = ['3600000000000000002', '3600000000000000003'];

const fixture = (name: string): string =>
  JSON.stringify(
    (
      JSON.parse(readFileSync(resolve(ROOT, `tests/fixtures/responses/douyin/${name}`), 'utf8')) as {
        data: unknown;
      }
    ).data,
  );
export const livePop = (): string => fixture('live-pop-v3.constructed.json');
/** A pop/v3 answer in a shape the reader does not know (Douyin changed it). */
export const livePopChanged = (): string => fixture('live-pop-v3-changed.constructed.json');
/** A second room whose pop/v3 and cart list answer in the changed shape. */
export const CHANGED_ROOM_URL = 'https://live.douyin.com/731234567891';
export const CHANGED_ROOM_ID = '7000000000000000001';
export const liveCart = (): string => fixture('live-page.constructed.json');
export const LIVE_ENTER_BODY = JSON.stringify({ data: { room: { status: 2, has_commerce_goods: true } } });

/** `roomId`: the room's internal id the page asks about (the test server answers by it). */
export function livePage(roomId = '7412345678901234567'): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>直播间 - 抖音</title>
<script>
window.__seen = {};
function draw(list, id) {
  var ul = document.getElementById(id);
  list.forEach(function (p) {
    var li = document.createElement('li');
    li.setAttribute('data-e2e', 'promotion-title');
    li.textContent = p.title + ' ';
    var price = document.createElement('span');
    price.setAttribute('data-e2e', 'price-Area');
    price.textContent = '\\ue601\\ue602';
    li.appendChild(price);
    ul.appendChild(li);
  });
}
fetch('/webcast/room/web/enter/?web_rid=${LIVE_ROOM}').then(function (r) { return r.json(); })
  .then(function (d) { window.__seen.enter = d.data.room.status; });
fetch('/live/promotions/pop/v3/?room_id=${roomId}&a_bogus=x&msToken=y')
  .then(function (r) { return r.json(); })
  .then(function (d) { window.__seen.pop = d.data.promotions.length; draw(d.data.promotions.slice(0, 1), 'explaining'); });
var x = new XMLHttpRequest();
x.addEventListener('loadend', function () {
  var d = JSON.parse(x.responseText);
  window.__seen.cart = d.promotions.length;
  draw(d.promotions, 'cart');
});
x.open('POST', '/live/promotions/page/?room_id=${roomId}&a_bogus=x');
x.send('{}');
</script></head>
<body><h1>直播间</h1><p>讲解中</p><ul id="explaining"></ul>
<div data-e2e="yellowCart-container"><ul id="cart"></ul></div></body></html>`;
}

/** A video page with a product card (www.douyin.com/video/<id>): its own fetch asks aweme/detail. */
export const VIDEO_ID = '7398765432109876543';
export const VIDEO_URL = `https://www.douyin.com/video/${VIDEO_ID}`;
export const VIDEO_DETAIL = 'https://www.douyin.com/aweme/v1/web/aweme/detail/';
export const videoDetail = (): string => fixture('video-detail.constructed.json');

export function videoPage(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>红茶开箱 - 抖音</title>
<script>
window.__seen = {};
fetch('/aweme/v1/web/aweme/detail/?aweme_id=${VIDEO_ID}&a_bogus=x')
  .then(function (r) { return r.json(); })
  .then(function (d) {
    var card = JSON.parse(d.aweme_detail.anchor_info.extra)[0];
    window.__seen.card = card.product_id;
    document.getElementById('card').textContent = card.title;
  });
</script></head>
<body><h1>红茶开箱</h1><div id="card"></div></body></html>`;
}
