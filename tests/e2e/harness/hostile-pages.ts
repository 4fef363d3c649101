/**
 * Seeded hostile shop pages: given a seed and a platform, a product page whose true
 * price, title and shop are known, with hostile content mixed in at random — markup in the title, price
 * and shop text (escaped, as a real page shows it), price-like decoys with class names like the real
 * one, an optional ~20 MB DOM, `__proto__`/`constructor.prototype` keys in the embedded data, huge and
 * malformed inline JSON, JSON-LD with wrong price types, and RTL/zero-width/full-width characters.
 *
 * The true price sits where a real page of that shop puts it (lib/sites/*.ts, tests/fixtures/sites).
 * Every page also carries its own script: it sets `window.__pageOk`, counts setInterval ticks in
 * `window.__ticks` (and in #hostile-tick) and counts clicks on #hostile-buy in `window.__clicks`, so a
 * test can tell the page's own code still runs after the content script did.
 *
 * Pure string building, no DOM and no Node API: importable by unit tests, e2e tests and bench code.
 */
import { int, rng } from '../../../bench/rng';

export const HOSTILE_PLATFORMS = ['jd', 'taobao', 'tmall', 'pdd', 'douyin', 'generic'] as const;
export type HostilePlatform = (typeof HOSTILE_PLATFORMS)[number];

export interface HostileOptions {
  /** Price-like decoy nodes (recommendations); default a few hundred. The issue's number is 50,000. */
  decoys?: number;
  /** Add ~20 MB of DOM: big visible text, big comments, deep nesting, ~200k nodes. */
  big?: boolean;
  /** Host for the generic (schema.org) page; default a host no platform adapter claims. */
  genericHost?: string;
  /** Entries in the huge inline JSON (~40 bytes each); default up to 40,000 (~1.6 MB). Unit tests use fewer: happy-dom parses slowly. */
  jsonEntries?: number;
}

export interface HostilePage {
  seed: number;
  platform: HostilePlatform;
  url: string;
  html: string;
  productId: string;
  /** The true price, fen (CNY). */
  price: number;
  /** The title as the shopper reads it (markup characters included), whitespace collapsed. */
  title: string;
  shop: string;
  /** Which hostile variants this page holds, for failure messages. */
  tricks: string[];
  /** `platform seed=N [tricks]`: put it in test names and assertion messages. */
  label: string;
}

type Rand = ReturnType<typeof rng>;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const chance = (r: Rand, p: number) => r() < p;

/** What a page's author might have pasted, or an attacker planted, in shop-controlled text. */
export const MARKUP = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '<svg onload="window.__pwned=3"></svg>',
  '<a href="javascript:window.__pwned=4">点我</a>',
  '"><iframe srcdoc="<script>parent.__pwned=5</script>"></iframe>',
  "'><body onload=window.__pwned=6>",
  '<style>*{display:none}</style>',
  '{{constructor.constructor("window.__pwned=7")()}}',
  '${window.__pwned=8}',
  '</title></script><script>window.__pwned=9</script>',
  '<!-- --><img src=x onerror=window.__pwned=10>',
] as const;

const WEIRD = [
  '\u202E',
  '\u202D',
  '\u200B',
  '\u200D',
  '\u2060',
  '\u0301',
  '１２３',
  'ＡＢＣ',
  '\u{1F525}',
  '\u3000',
] as const;
const WORDS = [
  '电热水壶',
  '羊羔绒外套',
  '洗衣液 3kg*2瓶',
  '每日坚果',
  '蓝牙耳机',
  '电饭煲 4L',
  '保温杯',
  'Anvil 2000',
  '手机壳',
  '纸巾 24包',
] as const;
const SHOPS = ['美的京东自营旗舰店', '暖暖衣橱旗舰店', '蓝月亮官方旗舰店', '三只松鼠官方旗舰店', 'ACME Store'] as const;

/** Text as HTML shows it: the page escaped it, so the markup is text, not elements. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON for an inline <script>, escaped as real pages do (no literal `<`, so `</script>` cannot end it). */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Whitespace collapsed and trimmed, as every reader cleans page text (lib/sites/dom.ts `clean`). */
export function shown(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function yuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

const FULL = (s: string) => s.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** The price as a shop prints it, sometimes in full-width digits or with a zero-width space inside. */
function priceText(r: Rand, fen: number, tricks: string[]): string {
  const y = yuan(fen);
  const v = int(r, 0, 3);
  if (v === 1) {
    tricks.push('full-width-price');
    return FULL(y);
  }
  if (v === 2) {
    tricks.push('zero-width-price');
    return y.replace(/(\d)(?=\d)/, '$1\u200B');
  }
  return y;
}

function hostileText(r: Rand, base: string, tricks: string[], what: string): string {
  let s = base;
  const n = int(r, 1, 3);
  for (let i = 0; i < n; i++) {
    const m = pick(r, MARKUP);
    s = chance(r, 0.5) ? `${m}${s}` : `${s} ${m}`;
  }
  if (chance(r, 0.6)) {
    const w = pick(r, WEIRD);
    s = `${s.slice(0, 3)}${w}${s.slice(3)}`;
    tricks.push(`unicode-${what}`);
  }
  tricks.push(`markup-${what}`);
  return shown(s).slice(0, 300);
}

/** Objects that pollute Object.prototype if someone merges them naively. */
function pollution(): Record<string, unknown> {
  const o = JSON.parse(
    '{"__proto__": {"polluted": "proto"}, "constructor": {"prototype": {"polluted": "ctor"}}, "prototype": {"polluted": "prototype"}}',
  ) as Record<string, unknown>;
  return o;
}

/** JSON-LD whose prices are no price at all: every reader must refuse each one. */
function wrongLd(r: Rand): unknown {
  const bad = pick(r, [
    { amount: 12 },
    -5,
    '-5.00',
    'NaN',
    1e308,
    '1e308',
    '<img src=x onerror=alert(1)>',
    '<b>12.00</b>',
    [12],
    true,
    '9999999999999999999',
    '',
  ]);
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: '<script>window.__pwned=11</script>',
    offers: { '@type': 'Offer', price: bad, priceCurrency: 'CNY' },
    ...pollution(),
  };
}

interface Decoys {
  before: string;
  after: string;
}

/** How a platform marks up its real price; decoys copy it (the same selector inside a recommendation list). */
type Near = (priceHtml: string) => string;

/**
 * Recommendation lists full of price-like nodes: every fifth one uses the real price's markup (`near`),
 * the rest class names like it. A few come before the real price, most after it.
 */
function decoys(r: Rand, n: number, near: Near, trueFen: number): Decoys {
  const item = (i: number) => {
    let fen = 100 + ((i * 7919 + 13) % 99_900);
    if (fen === trueFen) fen += 1;
    const p = `￥${yuan(fen)}`;
    const priced =
      i % 5 === 0
        ? near(p)
        : `<span class="${pick(r, ['p-price', 'price', `J-p-1000${i % 97}`, 'product-price--value-mini', 'goods-price', 'sale-price'])}">${p}</span>`;
    return `<li><a href="#r${i}"><span class="p-name">推荐${i}</span>${priced}</a></li>`;
  };
  const nBefore = Math.min(n, int(r, 0, 20));
  const before = Array.from({ length: nBefore }, (_, i) => item(i)).join('');
  const after = Array.from({ length: n - nBefore }, (_, i) => item(i + nBefore)).join('');
  return {
    before: nBefore ? `<div class="recommend-top similar-items RecommendItems--top"><ul>${before}</ul></div>` : '',
    after:
      n > nBefore ? `<div class="recommend-list RecommendItems--list"><h3>猜你喜欢</h3><ul>${after}</ul></div>` : '',
  };
}

/** ~20 MB: visible long text, comments, deep nesting and ~200k small nodes. */
function bigDom(r: Rand): string {
  const para = '这款产品采用优质材料，做工精细，¥ 不是价格的描述文字。'.repeat(20);
  const text = Array.from({ length: 6000 }, (_, i) => `<p class="desc-${i % 7}">${para}</p>`).join(''); // ~6 MB visible text
  const comment = `<!-- ${'x'.repeat(4_000_000)} -->`;
  let deep = '';
  for (let i = 0; i < 400; i++) deep += `<div class="n${i}">`;
  deep += '深';
  for (let i = 0; i < 400; i++) deep += '</div>';
  const nodes = Array.from({ length: 60_000 }, (_, i) => `<i class="s${i % 13}"><b>${i % 10}</b>·</i>`).join(''); // 120k elements + text
  return `<div class="detail-desc">${text}</div>${comment}${comment}<div class="deep">${deep}</div><div class="grid">${nodes}</div><div class="more">${'<span>规格参数</span>'.repeat(40_000)}</div>${int(r, 0, 1) ? comment : ''}`;
}

/** The page's own code: it must keep working whatever the extension does. */
const PAGE_SCRIPT = `<button id="hostile-buy" type="button">加入购物车</button><span id="hostile-tick">0</span>
<script>
window.__pageOk = true; window.__ticks = 0; window.__clicks = 0;
setInterval(function () { window.__ticks++; document.getElementById('hostile-tick').textContent = String(window.__ticks); }, 100);
document.getElementById('hostile-buy').addEventListener('click', function () { window.__clicks++; });
window.__protoClean = ({}).polluted === undefined;
</script>`;

function doc(title: string, head: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${head}</head><body>${body}${PAGE_SCRIPT}</body></html>`;
}

interface Parts {
  r: Rand;
  id: string;
  fen: number;
  title: string;
  shop: string;
  tricks: string[];
  /** The decoys, built with the platform's own price markup. */
  dec: (near: Near) => Decoys;
  extra: string;
  /** Scripts and JSON-LD every platform may carry. */
  noise: string;
}

function jd(p: Parts): { url: string; html: string } {
  const { r, id, fen, title, shop, tricks } = p;
  const variant = pick(r, ['2026', 'legacy', 'mobile'] as const);
  tricks.push(`jd-${variant}`);
  const d = p.dec((x) =>
    variant === '2026'
      ? `<div class="product-price--main"><span class="product-price--value">${x}</span></div>`
      : variant === 'legacy'
        ? `<span class="price J-p-${id}">${x}</span>`
        : `<span class="p-price">${x}</span>`,
  );
  const price = escapeHtml(priceText(r, fen, tricks));
  const config = `<script>var pageConfig = ${scriptJson({ compatible: true, product: { skuid: Number(id), name: title, ...pollution() } })};</script>`;
  const shopEl = `<div class="top-name" title="${escapeHtml(shop)}">${escapeHtml(shop)}</div>`;
  if (variant === 'mobile') {
    const info = {
      priceFloor: { price: yuan(fen), afterDesc: { text: '' }, ext: { jdPrice: yuan(fen) } },
      ...pollution(),
    };
    const head = `<script>window._itemOnly = ${scriptJson({ item: { skuId: id, skuName: title, ...pollution() } })};</script><script>window._itemInfo = ${scriptJson(info)};</script>${p.noise}`;
    const body = `${d.before}<div id="priceFloor"><span id="main_price" style="font-family:JDZH-Regular-Price">\uE601\uE602.\uE603</span></div>${shopEl}${p.extra}${d.after}`;
    return { url: `https://item.m.jd.com/product/${id}.html`, html: doc(title, head, body) };
  }
  const main =
    variant === '2026'
      ? `<div class="product-price"><div class="product-price--main"><span class="product-price--symbol">￥</span><span class="product-price--value">${price}</span><span class="product-price--label">京东价</span></div><div class="product-price--origin">￥<del id="page_origin_price">${yuan(fen * 2 + 100)}</del></div></div>`
      : `<div class="summary-price J-summary-price"><div class="p-price"><span>￥</span><span class="price J-p-${id}">${price}</span></div></div>`;
  const body = `<div class="sticky-header"><span class="product-price--value-mini">￥${yuan(fen + 700)}</span></div>${d.before}<div class="sku-title"><span class="sku-title-name">${escapeHtml(title)}</span></div>${main}${shopEl}${p.extra}${d.after}`;
  return { url: `https://item.jd.com/${id}.html`, html: doc(title, config + p.noise, body) };
}

function alibaba(p: Parts, tmall: boolean): { url: string; html: string } {
  const { r, id, fen, title, shop, tricks } = p;
  const variant = pick(r, ['ice', 'dom'] as const);
  tricks.push(`alibaba-${variant}`);
  const d = p.dec((x) => `<div class="highlightPrice--Rec9x"><span class="text--LP7Wf49z">${x}</span></div>`);
  const price = escapeHtml(priceText(r, fen, tricks));
  const fixed = `<div class="ItemHeadFixed--k3Ab9x1"><span class="ItemHeadFixed--title--u8H2">${escapeHtml(title)}</span><div class="highlightPrice--LlVWiXXs"><span class="text--LP7Wf49z">${yuan(fen + 900)}</span></div></div>`;
  const mainDom = `<h1 class="mainTitle--R75fTcZL">${escapeHtml(title)}</h1><div class="priceWrap--Q0Dn7pN3"><div class="highlightPrice--LlVWiXXs"><span class="symbol--VDfbBrvf">￥</span><span class="text--LP7Wf49z">${price}</span></div><div class="subPrice--KfQ0yn4v"><span class="text--LP7Wf49z">优惠前￥${yuan(fen * 2 + 100)}</span></div></div><div class="ShopHeader--shopName--zdQ"><span class="shopName--cSjM9uKk">${escapeHtml(shop)}</span></div>`;
  let head = p.noise;
  if (variant === 'ice') {
    const res = {
      item: { itemId: id, title, ...pollution() },
      seller: { shopName: shop, ...pollution() },
      skuCore: { sku2info: { '0': { price: { priceText: yuan(fen), priceMoney: String(fen) } } } },
      componentsVO: {
        priceVO: {
          price: { priceText: yuan(fen) },
          extraPrice: { priceText: yuan(fen * 2 + 100), priceTitle: '优惠前', lineThrough: 'true' },
        },
        ...pollution(),
      },
      ...pollution(),
    };
    head += `<script>window.__ICE_APP_CONTEXT__ = ${scriptJson({ appData: {}, loaderData: { home: { data: { res } } }, routePath: '/item.htm', ...pollution() })};</script>`;
  }
  const body = `${fixed}${d.before}<div id="ice-container">${mainDom}</div>${p.extra}${d.after}`;
  const url = tmall ? `https://detail.tmall.com/item.htm?id=${id}` : `https://item.taobao.com/item.htm?id=${id}`;
  return { url, html: doc(title, head, body) };
}

function pdd(p: Parts): { url: string; html: string } {
  const { r, id, fen, title, shop, tricks } = p;
  const d = p.dec((x) => `<span class="_1kT2">${x}</span>`);
  const asString = chance(r, 0.3);
  if (asString) tricks.push('pdd-yuan-string');
  const g = {
    goodsID: Number(id),
    goodsName: title,
    minOnSaleGroupPrice: asString ? yuan(fen) : fen,
    minGroupPrice: asString ? yuan(fen) : fen,
    minOnSaleNormalPrice: asString ? yuan(fen + 500) : fen + 500,
    marketPrice: fen * 2 + 100,
    ...pollution(),
  };
  const raw = { store: { initDataObj: { goods: g, mall: { mallName: shop, ...pollution() } } }, ...pollution() };
  let head = p.noise;
  if (chance(r, 0.5)) {
    tricks.push('pdd-malformed-rawData-first');
    head += `<script type="text/x-cache">window.rawData = {"store": {"initDataObj": {"goods": {"goodsID": 1, "minGroupPrice": 1, </script>`;
  }
  const body = `${d.before}<div id="main"><div class="_2b9p"><span class="_3Ab1">¥</span><span class="_1kT2">${escapeHtml(priceText(r, fen, tricks))}</span><span>拼单价</span></div><div class="goods-name">${escapeHtml(title)}</div></div>${p.extra}${d.after}<script>window.rawData=${scriptJson(raw)};</script>`;
  return { url: `https://mobile.yangkeduo.com/goods.html?goods_id=${id}`, html: doc(`${title} - 拼多多`, head, body) };
}

function douyin(p: Parts): { url: string; html: string } {
  const { r, id, fen, title, shop, tricks } = p;
  const d = p.dec((x) => `<span class="price">${x}</span>`);
  const product = {
    product_id: id,
    name: title,
    discount_price: fen,
    market_price: fen * 2 + 100,
    shop_name: shop,
    ...pollution(),
  };
  const rec = Array.from({ length: 20 }, (_, i) => ({
    product_id: `358000000000000${1000 + i}`,
    name: `推荐${i}`,
    price: 100 + i,
  }));
  const data = { app: { product, recommend: rec, ...pollution() }, ...pollution() };
  let head = p.noise;
  if (chance(r, 0.5)) {
    tricks.push('douyin-render-data');
    head += `<script id="RENDER_DATA" type="application/json">${encodeURIComponent(JSON.stringify(data))}</script>`;
  } else {
    tricks.push('douyin-router-data');
    head += `<script>window._ROUTER_DATA = ${scriptJson(data)};</script>`;
  }
  const body = `${d.before}<div id="root"><h1 class="title">${escapeHtml(title)}</h1><div class="price-wrap"><span class="price" style="font-family:dy-num">\uE001\uE002.\uE003</span></div></div>${p.extra}${d.after}`;
  return {
    url: `https://haohuo.jinritemai.com/views/product/item2?id=${id}`,
    html: doc(`${title} - 抖音商城`, head, body),
  };
}

function generic(p: Parts, host: string): { url: string; html: string } {
  const { r, id, fen, title, shop, tricks } = p;
  const d = p.dec((x) => `<p class="price">${x}</p>`);
  const asNumber = chance(r, 0.5);
  if (asNumber) tricks.push('ld-price-number');
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: title,
    sku: id,
    offers: {
      '@type': 'Offer',
      price: asNumber ? fen / 100 : yuan(fen),
      priceCurrency: 'CNY',
      seller: { '@type': 'Organization', name: shop },
    },
    ...pollution(),
  };
  const head = `${p.noise}<script type="application/ld+json">${scriptJson(ld)}</script>`;
  const body = `${d.before}<main><h1>${escapeHtml(title)}</h1><p class="price">¥${escapeHtml(priceText(r, fen, tricks))}</p></main>${p.extra}${d.after}`;
  return { url: `https://${host}/products/hostile-${id}`, html: doc(title, head, body) };
}

/** Scripts and structured data that can appear on any platform's page. */
function noise(r: Rand, tricks: string[], platform: HostilePlatform, maxEntries: number): string {
  let out = '';
  if (chance(r, 0.5)) {
    tricks.push('huge-json');
    const big = {
      list: Array.from({ length: int(r, Math.min(5_000, maxEntries), maxEntries) }, (_, i) => ({
        id: i,
        price: i % 1000,
        name: `x${i}`,
        ...(i % 1000 === 0 ? pollution() : {}),
      })),
    };
    out += `<script>window.__APOLLO_STATE__ = ${scriptJson(big)};</script>`;
  }
  if (chance(r, 0.5)) {
    tricks.push('malformed-json');
    out += `<script type="application/json" id="broken">{"a": [1, 2, {"b": "unterminated</script><script type="text/x-template">var data = JSON.parse('{\\"mainOrder\\": ');</script>`;
  }
  // A platform adapter reads schema.org too; for generic pages the wrong-typed block comes first.
  if (chance(r, 0.6)) {
    tricks.push('ld-wrong-types');
    out += `<script type="application/ld+json">${scriptJson(wrongLd(r))}</script>`;
  }
  if (chance(r, 0.3)) {
    tricks.push('ld-malformed');
    out += `<script type="application/ld+json">{"@type": "Product", "offers": {"price": </script>`;
  }
  if (chance(r, 0.4)) {
    tricks.push('deep-json');
    out += `<script type="application/ld+json">${'['.repeat(5000)}${']'.repeat(5000)}</script><script type="application/json">{"a":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}</script>`;
  }
  if (platform !== 'generic' && chance(r, 0.3)) {
    tricks.push('prototype-json-parse');
    out += `<script>window.__INIT__ = JSON.parse(${scriptJson(JSON.stringify(pollution()))});</script>`;
  }
  return out;
}

/** One hostile product page. Same seed and options, same page. */
export function hostilePage(seed: number, platform: HostilePlatform, opts: HostileOptions = {}): HostilePage {
  const r = rng(seed ^ (HOSTILE_PLATFORMS.indexOf(platform) * 0x9e3779b1));
  const tricks: string[] = [];
  const id =
    platform === 'douyin'
      ? `35${String(int(r, 1e9, 9e9))}${String(int(r, 1e6, 9e6))}`
      : String(int(r, 10_000_000, 9_999_999_999));
  const fen = pick(r, [int(r, 1, 99), int(r, 100, 99_999), int(r, 100_000, 9_999_999)]);
  const title = hostileText(r, `${pick(r, WORDS)} ${pick(r, WORDS)}`, tricks, 'title');
  const shop = hostileText(r, pick(r, SHOPS), tricks, 'shop');
  const n = opts.decoys ?? int(r, 0, 300);
  if (n) tricks.push(`decoys-${n}`);
  const extra = opts.big ? bigDom(r) : '';
  if (opts.big) tricks.push('big-dom');
  const parts: Parts = {
    r,
    id,
    fen,
    title,
    shop,
    tricks,
    dec: (near) => decoys(r, n, near, fen),
    extra,
    noise: noise(r, tricks, platform, opts.jsonEntries ?? 40_000),
  };
  const page =
    platform === 'jd'
      ? jd(parts)
      : platform === 'taobao' || platform === 'tmall'
        ? alibaba(parts, platform === 'tmall')
        : platform === 'pdd'
          ? pdd(parts)
          : platform === 'douyin'
            ? douyin(parts)
            : generic(parts, opts.genericHost ?? 'www.hostile-shop.example');
  return {
    seed,
    platform,
    ...page,
    productId: id,
    price: fen,
    title,
    shop,
    tricks,
    label: `${platform} seed=${seed} [${tricks.join(' ')}]`,
  };
}

/**
 * Seeds for a run: HOSTILE_SEED (comma list) when set, else a fixed list plus one derived from
 * today's date, so new pages are seen over time. Print them: a failure names its seed.
 */
export function hostileSeeds(fixed: readonly number[] = [1, 2, 3, 42, 20260916]): number[] {
  const env = typeof process !== 'undefined' ? process.env.HOSTILE_SEED : undefined;
  if (env)
    return env
      .split(',')
      .map((s) => Number(s.trim()))
      .filter((n) => Number.isInteger(n));
  const day = new Date().toISOString().slice(0, 10);
  let h = 2166136261;
  for (const c of day) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return [...fixed, h % 1_000_000_007];
}
