/**
 * What a JD product page looks like: hosts, product id, the price, title, shop and 价保 elements.
 * Shared by the full reader (./jd.ts) and the first look (./jd-first-look.ts), which must read the
 * same elements in the same order; its own module so the first look's bundle holds only this.
 */
import { attr, clean, firstOutside, firstText } from './dom';

export const ITEM_HOSTS = /^(item|item\.m|npcitem|item\.jingdonghealth)\.jd\.(com|hk)$/;

export const TITLE = [
  '.sku-title .sku-title-name',
  '[class*="sku-title-name"]',
  '.sku-name',
  '.fn_goods_name',
  '#itemName',
];
// [selector, label, reference?]: the final price before 京东价, 京东价 before the conditional extras.
export const PRICES: [string, string?, boolean?][] = [
  ['.product-price--main .product-price--value'],
  ['[class*="product-price--main"] [class*="product-price--value"]'],
  ['#J_FinalPrice .price', '到手价'],
  ['.summary-price.J-summary-price .p-price .price', '京东价'],
  ['#jd-price', '京东价'],
  ['.J-presale-price', '预售价'],
  ['.J-plus-price .price', 'PLUS价'],
  ['#priceFloor #main_price', ''],
  ['del#page_origin_price', '原价', true],
  ['[class*="product-price--origin"]', '原价', true],
  ['.p-price-origin del', '原价', true],
];
/** A known price slot that is still empty means the page has not filled it yet: wait, do not guess. */
export const SLOTS = '[class*="product-price--main"],.summary-price .p-price,#jd-price,#priceFloor';
/** Recommendation and similar-item lists: they repeat the price markup with other products' prices. */
export const NOT_MAIN = '[class*="recommend"],[class*="similar"]';
/** The service badge row (7/15/30 天价保). */
export const SERVICES = ['.services', '[class*="service"]', '#summary-service', '#J-summary-service'];
export const SHOP = ['.top-name', '.shopName .name a', '#popbox .mt h3 a', '.J-hove-wrap .name a', '.shop-name'];

export function jdProductId(url: Pick<URL, 'pathname'>): string | null {
  return /\/(?:product\/)?(\d{4,20})\.html/.exec(url.pathname)?.[1] ?? null;
}

/** JD sells 7/15/30/90 天价保 as a service badge. */
export function protectionDays(text: string): number | undefined {
  const days = Number(/(\d{1,3})\s*天\s*价保/.exec(text)?.[1]);
  return days > 0 && days <= 365 ? days : undefined;
}

export const isItem = (url: Pick<URL, 'hostname' | 'pathname'>) =>
  ITEM_HOSTS.test(url.hostname) && jdProductId(url) !== null;

/** A price element as both readers take it: its selector, raw text, label and whether it is a reference price. */
export interface PriceSlot {
  selector: string;
  text: string;
  label: string | undefined;
  ref: boolean | undefined;
}

/**
 * The price elements with text, in the readers' order (the SKU's own element, then PRICES), each the
 * first match of its selector outside a recommendation list; the new page's label comes from beside
 * the number.
 */
export function priceSlots(doc: Document, productId: string): PriceSlot[] {
  const out: PriceSlot[] = [];
  for (const [selector, label, ref] of [[`.J-p-${productId}`, '京东价'] as [string, string], ...PRICES]) {
    const el = firstOutside(doc, selector, NOT_MAIN, 50);
    const text = el?.textContent;
    if (!el || !text) continue;
    const domLabel = selector.includes('product-price--value')
      ? clean(el.parentElement?.querySelector('[class*="product-price--label"]')?.textContent)
      : '';
    out.push({ selector, text, label: domLabel || label || undefined, ref });
  }
  return out;
}

export function shopName(doc: Document): string | undefined {
  return attr(doc, '.top-name', 'title') ?? firstText(doc, SHOP)?.text;
}

/** The service badge row's text ('' when the page has none). */
export function badgeText(doc: Document): string {
  return clean(firstText(doc, SERVICES)?.text);
}
