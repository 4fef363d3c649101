/**
 * Any shop that publishes schema.org data: JSON-LD (Product/ProductGroup with Offer/AggregateOffer,
 * @graph, arrays, @type arrays, capitalised keys, several blocks, trailing commas and comments),
 * microdata (itemprop=price/priceCurrency/lowPrice/highPrice, content attribute before text) and
 * OpenGraph/product meta. The platform adapters reuse `structured()` as their structured layer.
 */
import type { Money } from '../core/model';
import { type Cand, money, product, push } from './build';
import { all, attr, clean, one } from './dom';
import { arr, isObj, type Obj, parseAll, str } from './json';
import type { SiteAdapter } from './types';
import { hasLd, hasMicrodata, hasPriceMeta } from './structured-guards';

export interface Structured {
  title: string;
  productId: string;
  sku: string;
  shop: string;
  cands: Cand[];
  range: { low: Money; high: Money } | null;
}

/** Case-insensitive key read: `offers`, `Offers`, `schema:offers`. */
function prop(o: Obj, name: string): unknown {
  if (name in o) return o[name];
  const want = name.toLowerCase();
  for (const k of Object.keys(o).slice(0, 100)) {
    const key = k.toLowerCase().replace(/^(?:schema:|https?:\/\/schema\.org\/)/, '');
    if (key === want) return o[k];
  }
  return undefined;
}

function types(o: Obj): string[] {
  return arr(prop(o, '@type')).map((t) =>
    str(t)
      .replace(/^.*[/:#]/, '')
      .toLowerCase(),
  );
}

const PRODUCT_TYPES = new Set([
  'product',
  'productgroup',
  'individualproduct',
  'productmodel',
  'vehicle',
  'car',
  'book',
  'someproducts',
]);

function nameOf(v: unknown): string {
  if (isObj(v)) return str(prop(v, 'name'));
  return str(arr(v)[0]);
}

/** Products anywhere in the JSON-LD (top level, @graph, nested values), bounded. */
function ldProducts(doc: Document): Obj[] {
  const out: Obj[] = [];
  const stack: unknown[] = [];
  for (const s of all(doc, 'script', 400)) {
    if (!/ld\+json/i.test(s.getAttribute('type') ?? '')) continue;
    stack.push(...parseAll((s.textContent ?? '').slice(0, 1_000_000)));
  }
  let budget = 5000;
  while (stack.length && budget-- > 0 && out.length < 30) {
    const v = stack.shift();
    if (Array.isArray(v)) stack.push(...v.slice(0, 200));
    else if (isObj(v)) {
      if (types(v).some((t) => PRODUCT_TYPES.has(t))) out.push(v);
      for (const k of Object.keys(v).slice(0, 60)) {
        const c = v[k];
        if (typeof c === 'object' && c && !/^(?:offers|review|aggregaterating)$/i.test(k)) stack.push(c);
      }
    }
  }
  return out;
}

/** An ISO 4217 code as pages write it (' usd ', 'Usd'), else `fallback`: a stated currency is never dropped for CNY. */
function currencyOf(v: unknown, fallback: string): string {
  const code = str(v).trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : fallback;
}

/** A PriceSpecification for the struck-through or list price (划线价), not the price the offer asks. */
const LIST_PRICE = /(?:ListPrice|StrikethroughPrice|MSRP|SRP)$/i;

/**
 * The price an offer asks: its own `price`, else the first PriceSpecification that states one (not a list price).
 * Each price keeps the currency of the object it was read from: a specification states its own `priceCurrency`,
 * and only without one does the offer's (then the page's) apply.
 */
function askedPrice(offer: Obj, cur: string): Money | null {
  const own = money(prop(offer, 'price'), cur);
  if (own) return own;
  for (const spec of arr(prop(offer, 'priceSpecification')).filter(isObj).slice(0, 20)) {
    if (LIST_PRICE.test(str(prop(spec, 'priceType')))) continue;
    const specCur = currencyOf(prop(spec, 'priceCurrency'), cur);
    const price = money(prop(spec, 'price'), specCur) ?? money(prop(spec, 'minPrice'), specCur);
    if (price) return price;
  }
  return null;
}

function offerPrices(offer: Obj, cands: Cand[], fallbackCur: string, variant: string): { low?: Money; high?: Money } {
  const cur = currencyOf(prop(offer, 'priceCurrency'), fallbackCur);
  const price = askedPrice(offer, cur);
  const low = money(prop(offer, 'lowPrice'), cur);
  const high = money(prop(offer, 'highPrice'), cur);
  const picked = !!variant && (str(prop(offer, 'url')).includes(variant) || str(prop(offer, 'sku')) === variant);
  if (picked && price) cands.unshift({ price, source: 'structured', label: 'selected offer' });
  push(cands, price, 'structured', types(offer).includes('aggregateoffer') ? 'AggregateOffer' : undefined);
  push(cands, low, 'structured', 'lowPrice');
  for (const sub of arr(prop(offer, 'offers')).slice(0, 50)) if (isObj(sub)) offerPrices(sub, cands, cur, variant);
  return { low: low ?? undefined, high: high ?? undefined };
}

/**
 * The currency of a microdata price: the priceCurrency of the nearest item scope around it that states one (a
 * nested PriceSpecification's own, else its Offer's), never a sibling offer's.
 */
function scopeCurrency(el: Element, doc: Document): string {
  for (let scope = el.closest('[itemscope]'); scope; scope = scope.parentElement?.closest('[itemscope]') ?? null) {
    const curEl = one(scope, '[itemprop~="priceCurrency"]');
    if (curEl && curEl.closest('[itemscope]') === scope)
      return currencyOf(curEl.getAttribute('content') ?? clean(curEl.textContent), '');
  }
  const any = one(doc, '[itemprop~="priceCurrency"]');
  return any ? currencyOf(any.getAttribute('content') ?? clean(any.textContent), '') : '';
}

function fromLd(doc: Document, url: URL): Structured | null {
  // Most shop pages carry no JSON-LD: a presence check instead of compiling and running the reader.
  if (!hasLd(doc)) return null;
  const variant = url.searchParams.get('variant') ?? url.searchParams.get('sku') ?? '';
  let best: Structured | null = null;
  for (const p of ldProducts(doc)) {
    const cands: Cand[] = [];
    let range: Structured['range'] = null;
    const offers = arr(prop(p, 'offers')).filter(isObj).slice(0, 100);
    for (const o of offers) {
      const r = offerPrices(o, cands, 'CNY', variant);
      if (r.low && r.high && !range) range = { low: r.low, high: r.high };
    }
    // ProductGroup: variants carry the offers.
    for (const v of arr(prop(p, 'hasVariant')).filter(isObj).slice(0, 100)) {
      for (const o of arr(prop(v, 'offers')).filter(isObj).slice(0, 5)) offerPrices(o, cands, 'CNY', variant);
    }
    if (!cands.length) continue;
    const id =
      ['sku', 'productID', 'gtin13', 'gtin14', 'gtin12', 'gtin8', 'gtin', 'mpn']
        .map((k) => str(prop(p, k)))
        .find(Boolean) ?? '';
    const s: Structured = {
      title: str(prop(p, 'name')),
      productId: id.replace(/^isbn:/i, ''),
      sku: variant,
      shop: '',
      cands,
      range,
    };
    const seller = offers.map((o) => nameOf(prop(o, 'seller'))).find(Boolean);
    if (seller) s.shop = seller;
    if (!best) best = s;
    const pageUrl = str(prop(p, 'url')) || str(prop(p, '@id'));
    if (pageUrl && pageUrl.includes(url.pathname) && url.pathname.length > 1) return s;
  }
  return best;
}

function content(el: Element | null | undefined): string {
  if (!el) return '';
  return clean(
    el.getAttribute('content') ?? el.getAttribute('value') ?? (el as HTMLElement).innerText ?? el.textContent,
  );
}

/** Microdata: props whose nearest itemscope is `scope` (a nested Organization's name is not the product's). */
function own(scope: ParentNode, scopeEl: Element | null, name: string): Element[] {
  return all(scope, `[itemprop~="${name}"]`, 100).filter(
    (el) => (el.parentElement?.closest('[itemscope]') ?? null) === scopeEl,
  );
}

function fromMicrodata(doc: Document): Structured | null {
  // Most shop pages have no microdata: one cheap presence check instead of the itemprop~= list scan.
  if (!hasMicrodata(doc)) return null;
  const scope = one(doc, '[itemscope][itemtype*="schema.org/Product" i]');
  const root: ParentNode = scope ?? doc;
  const priceEls = all(root, '[itemprop~="price"],[itemprop~="lowPrice"],[itemprop~="highPrice"]', 40);
  if (!priceEls.length) return null;
  const cands: Cand[] = [];
  let low: Money | null = null;
  let high: Money | null = null;
  // content="155.55" beats the rendered text: it is the machine value.
  const ordered = [
    ...priceEls.filter((e) => e.hasAttribute('content')),
    ...priceEls.filter((e) => !e.hasAttribute('content')),
  ];
  const curOf = new Map<ParentNode, string>();
  for (const el of ordered.slice(0, 20)) {
    const offer: ParentNode = el.closest('[itemscope]') ?? doc;
    let cur = curOf.get(offer);
    if (cur === undefined) {
      cur = scopeCurrency(el, doc);
      curOf.set(offer, cur);
    }
    const kind = el.getAttribute('itemprop') ?? '';
    const m = money(content(el), /^[A-Z]{3}$/.test(cur) ? cur : 'CNY');
    if (/lowPrice/i.test(kind)) low = m;
    else if (/highPrice/i.test(kind)) high = m;
    else push(cands, m, 'structured', undefined, '[itemprop=price]');
  }
  if (low) push(cands, low, 'structured', 'lowPrice', '[itemprop=lowPrice]');
  if (!cands.length) return null;
  const name = scope ? own(scope, scope, 'name')[0] : null;
  const idEl = scope
    ? ['sku', 'productID', 'gtin13', 'gtin', 'mpn'].map((k) => own(scope, scope, k)[0]).find(Boolean)
    : null;
  return {
    title: content(name),
    productId: content(idEl),
    sku: '',
    shop: '',
    cands,
    range: low && high ? { low, high } : null,
  };
}

/**
 * `<meta property|name>` → the first such element's content, like `meta[property="p"],meta[name="p"]`
 * but one pass over the meta elements instead of one document scan per key.
 */
function metas(doc: Document): (key: string) => string {
  const first = new Map<string, Element>();
  const list = doc.getElementsByTagName('meta');
  for (let i = 0; i < list.length && i < 300; i++) {
    const el = list[i] as Element;
    for (const k of [el.getAttribute('property'), el.getAttribute('name')]) if (k && !first.has(k)) first.set(k, el);
  }
  return (key) => clean(first.get(key)?.getAttribute('content'));
}

function fromMeta(doc: Document): Structured | null {
  // Every key read below ends in price:amount; a page without one has no product price meta.
  if (!hasPriceMeta(doc)) return null;
  const m = metas(doc);
  const cur = (m('product:price:currency') || m('og:price:currency')).toUpperCase() || 'CNY';
  const cands: Cand[] = [];
  push(
    cands,
    money(m('product:sale_price:amount'), cur),
    'structured',
    'sale_price',
    'meta[property="product:sale_price:amount"]',
  );
  push(cands, money(m('product:price:amount'), cur), 'structured', undefined, 'meta[property="product:price:amount"]');
  push(cands, money(m('og:price:amount'), cur), 'structured', undefined, 'meta[property="og:price:amount"]');
  if (!cands.length) return null;
  return {
    title: m('og:title'),
    productId: m('product:retailer_item_id'),
    sku: '',
    shop: m('og:site_name'),
    cands,
    range: null,
  };
}

/** The page's schema.org data, JSON-LD first, then microdata, then product meta. */
export function structured(doc: Document, url: URL): Structured | null {
  const parts = [fromLd(doc, url), fromMicrodata(doc), fromMeta(doc)].filter((s): s is Structured => !!s);
  const first = parts[0];
  if (!first) return null;
  for (const p of parts.slice(1)) {
    first.cands.push(...p.cands);
    first.title ||= p.title;
    first.productId ||= p.productId;
    first.shop ||= p.shop;
    first.range ??= p.range;
  }
  return first;
}

/** A stable id from the URL when the data carries none: the path (and product-ish query ids). */
export function urlId(url: URL): string {
  const q = ['id', 'product_id', 'productId', 'pid', 'goods_id', 'item_id']
    .map((k) => url.searchParams.get(k))
    .find(Boolean);
  return `${url.hostname}${url.pathname.replace(/\/+$/, '')}${q ? `?${q}` : ''}`;
}

export const generic: SiteAdapter = {
  id: 'generic',
  kinds: ['product'],
  matches: (url) => url.protocol === 'http:' || url.protocol === 'https:',
  extract(doc, url, now) {
    const s = structured(doc, url);
    if (!s) return null;
    const title =
      s.title ||
      attr(doc, 'meta[property="og:title"]', 'content') ||
      clean(one(doc, 'h1')?.textContent) ||
      clean(doc.title);
    return product({
      platform: 'generic',
      url,
      productId: s.productId || urlId(url),
      title,
      cands: s.cands,
      range: s.range,
      sku: s.sku,
      shop: s.shop || attr(doc, 'meta[property="og:site_name"]', 'content'),
      now,
    });
  },
  examples: ['https://shop.example.com/products/anvil', 'https://www.example.org/p/123?variant=9'],
};
