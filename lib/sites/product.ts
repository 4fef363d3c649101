/**
 * A product snapshot from what an adapter saw, with the price rules of lib/sites/README.md (the
 * rest of the builders are in ./build.ts): candidates arrive in the adapter's priority order; the
 * first non-reference candidate is the price, reference candidates (原价/划线/优惠前) give
 * `listPrice` only when higher. Its own module: a first-stage content script (lib/content/first-stage/runner.ts)
 * builds its snapshot with this alone, without the order and parcel builders' parsers.
 */
import type { Money, Platform, PriceCandidate, PriceSource, ProductSnapshot } from '../core/model';
import { clean } from './dom';

export interface Cand extends PriceCandidate {
  /** A reference price (划线/原价/优惠前): never the price, at most the listPrice. */
  ref?: boolean;
}

const REF_LABEL = /原价|划线|市场价|参考价|吊牌价|优惠前|专柜价|日常价/;

/** Adds a candidate when the value reads as a positive price; the label decides whether it is a reference. */
export function push(
  list: Cand[],
  price: Money | null,
  source: PriceSource,
  label?: string,
  selector?: string,
  ref?: boolean,
): void {
  if (!price || price.amount <= 0 || list.length >= 50) return;
  const l = label ? clean(label).slice(0, 40) : '';
  const c: Cand = { price, source };
  if (l) c.label = l;
  if (selector) c.selector = selector.slice(0, 200);
  if (ref ?? REF_LABEL.test(l)) c.ref = true;
  list.push(c);
}

export interface ProductParts {
  platform: Platform;
  url: Pick<URL, 'href'>;
  productId: string | null | undefined;
  title: string | null | undefined;
  cands: Cand[];
  now: number;
  range?: { low: Money; high: Money } | null;
  sku?: string | null;
  shop?: string | null;
  days?: number | null;
}

export function product(p: ProductParts): ProductSnapshot | null {
  const main = p.cands.find((c) => !c.ref);
  const productId = clean(p.productId).slice(0, 200);
  if (!main || !productId) return null;
  const seen = new Set<string>();
  const candidates: PriceCandidate[] = [];
  let listPrice: Money | undefined;
  for (const c of p.cands) {
    if (c.ref && c.price.currency === main.price.currency && c.price.amount > main.price.amount && !listPrice)
      listPrice = c.price;
    const k = `${c.price.amount}${c.price.currency}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const { ref: _r, ...rest } = c;
    candidates.push(rest);
  }
  const s: ProductSnapshot = {
    kind: 'product',
    platform: p.platform,
    url: p.url.href.slice(0, 4096),
    productId,
    title: clean(p.title) || productId,
    price: main.price,
    priceSource: main.source,
    candidates,
    capturedAt: p.now,
  };
  if (main.label) s.priceLabel = main.label;
  if (listPrice) s.listPrice = listPrice;
  const r = p.range;
  if (r && r.high.amount > r.low.amount && r.low.currency === r.high.currency)
    s.priceRange = { low: r.low, high: r.high };
  const sku = clean(p.sku).slice(0, 200);
  if (sku) s.sku = sku;
  const shop = clean(p.shop);
  if (shop) s.shop = shop;
  if (p.days && p.days > 0 && p.days <= 365) s.priceProtectionDays = Math.floor(p.days);
  return s;
}
