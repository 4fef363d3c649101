/**
 * The first look at a JD product page, so most JD product loads pay a small script instead of the full reader. Most JD item pages have the
 * shape this reads: plain prices in the known price elements, title, shop and the 价保 badge in their
 * elements, and no embedded item JSON or schema.org data. That shape is read here, by a content
 * script a fraction of the full reader's size (entrypoints/jd-item.content.ts); everything else goes to the full reader (jdItem in
 * ./jd.ts), which the background injects when this says 'full' (lib/content/first-stage/runner.ts).
 *
 * It answers only where the full reader gives exactly the same snapshot: the same selectors, the same
 * candidate rules (`push`) and the same builder (`product`); tests/unit/content/first-stage/jd.test.ts compares
 * the two on every JD fixture, on generated heavy and hostile pages and on random price texts.
 */
import type { ProductSnapshot } from '../../core/model';
import { simpleScan } from '../../parse/price';
import { type Cand, product, push } from '../../sites/product';
import { firstText, one } from '../../sites/dom';
import { hasLd, hasMicrodata, hasPriceMeta } from '../../sites/structured-guards';
import {
  badgeText,
  isItem,
  jdProductId,
  priceSlots,
  protectionDays,
  shopName,
  SLOTS,
  TITLE,
} from '../../sites/jd-shape';

/** A snapshot; 'wait': the price slot is still empty (the full reader returns nothing either); 'full': ask the full reader. */
export type FirstLook = ProductSnapshot | 'wait' | 'full';

/** The mobile page's inline item data (./jd.ts reads `_itemInfo` and `_itemOnly` first). */
const EMBEDDED = /_itemInfo|_itemOnly/;

/** What is read of the page's address: `location` in the content script (no URL object to build), a URL in tests. */
export type PageLocation = Pick<URL, 'href' | 'protocol' | 'hostname' | 'pathname'>;

export function jdFirstLook(doc: Document, url: PageLocation, now: number): FirstLook {
  const productId = jdProductId(url);
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !isItem(url) || !productId) return 'full';
  // What the full reader would read before the price elements: schema.org data, the mobile page's item JSON.
  if (hasLd(doc) || hasMicrodata(doc) || hasPriceMeta(doc)) return 'full';
  // Every <script> (SVG ones too, as the full reader's `script:not([src])` query finds them).
  const scripts = doc.getElementsByTagName('script');
  for (let i = 0; i < scripts.length; i++) {
    const s = scripts[i] as Element;
    if (!s.hasAttribute('src') && EMBEDDED.test(s.textContent ?? '')) return 'full';
  }
  // The full reader's price elements; only plain prices are read here (pushText's full parse is not in this bundle).
  const cands: Cand[] = [];
  for (const slot of priceSlots(doc, productId)) {
    const scan = simpleScan(slot.text);
    if (scan === undefined) return 'full';
    if (scan) push(cands, { amount: scan.amount, currency: scan.currency }, 'dom', slot.label, slot.selector, slot.ref);
  }
  if (!cands.some((c) => !c.ref)) return one(doc, SLOTS) ? 'wait' : 'full';
  const title = firstText(doc, TITLE)?.text;
  const badges = badgeText(doc);
  if (!title || !badges) return 'full';
  return (
    product({
      platform: 'jd',
      url,
      productId,
      title,
      cands,
      shop: shopName(doc),
      days: protectionDays(badges),
      now,
    }) ?? 'full'
  );
}
