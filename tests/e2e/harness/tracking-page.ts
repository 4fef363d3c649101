/**
 * A parcel looked up on kuaidi100 (PLATFORMS.md "Public tracking pages"), for the Chromium and Firefox e2e: the Tmall
 * order fixture (tests/fixtures/sites/tmall/order-detail.html, on its real URL) lists SF1234567890123; its kuaidi100
 * page, on the real URL, POSTs `/query` itself (form fields as the site sends them, `phone` empty) and draws the rows
 * with textContent. The answer is constructed in the shape of tests/fixtures/responses/kuaidi100 (values invented):
 * one 揽收-less line (the seller's "waiting for the courier"), state 0.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './paths';

export const H = 3_600_000;
const expected = JSON.parse(
  readFileSync(resolve(ROOT, 'tests/fixtures/sites/tmall/order-detail.expected.json'), 'utf8'),
) as { url: string; snapshot: { orderId: string; paidAt: number } };
export const ORDER_URL = expected.url;
export const ORDER_ID = expected.snapshot.orderId;
export const PAID = expected.snapshot.paidAt;
export const orderHtml = (): string =>
  readFileSync(resolve(ROOT, 'tests/fixtures/sites/tmall/order-detail.html'), 'utf8');

export const NUMBER = 'SF1234567890123';
export const KUAIDI100_URL = `https://m.kuaidi100.com/app/query/?nu=${NUMBER}&com=shunfeng`;
export const KUAIDI100_QUERY = 'https://m.kuaidi100.com/query';
/** The one line: 2025-11-07 12:40:00 Shanghai. */
export const EVENT_AT = Date.UTC(2025, 10, 7, 4, 40);

export const queryAnswer = (): string =>
  JSON.stringify({
    message: 'ok',
    nu: NUMBER,
    ischeck: '0',
    com: 'shunfeng',
    status: '200',
    condition: 'F00',
    state: '0',
    data: [
      { time: '2025-11-07 12:40:00', ftime: '2025-11-07 12:40:00', context: '【深圳市】卖家已发货，等待快递员揽收' },
    ],
  });

export function kuaidi100Page(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>快递100-查快递</title>
<script>
fetch('/query', {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: 'postid=${NUMBER}&type=shunfeng&phone=&temp=0.5&token=&platform=MWWW',
})
  .then(function (r) { return r.json(); })
  .then(function (d) {
    var ul = document.getElementById('rows');
    d.data.forEach(function (row) {
      var li = document.createElement('li');
      li.textContent = row.ftime + ' ' + row.context;
      ul.appendChild(li);
    });
  });
</script></head>
<body><h1>${NUMBER}</h1><label>手机尾号 <input id="phone" value="" maxlength="4"></label><ul id="rows" class="result-list"></ul></body></html>`;
}
