/**
 * "That's not the price": the shopper picked the price element on a page once; the selector is kept
 * per site (storage.local `userSelectors`) and read first from then on. Pure functions: the content
 * script and the tests call them with a document.
 */
import type { Money, PageSnapshot, PriceCandidate, ProductSnapshot } from '../core/model';
import { parsePrice } from '../parse/price';
import { clean } from './dom';

export const USER_PRICE_LABEL = '用户指定';
export const MAX_SELECTOR = 500;
const MAX_DEPTH = 6;

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** CSS-module style `name--3xYz9` (hash after `--`): matched by prefix, `[class*="name--"]` (PLATFORMS.md). */
const HASHED_SUFFIX = /^([A-Za-z][A-Za-z0-9_-]*?--)([A-Za-z0-9_]{5,})$/;

/** A class as a selector part, or null for classes that change with each deploy. */
function classPart(c: string): string | null {
  if (!IDENT.test(c) || c.length > 60) return null;
  const m = HASHED_SUFFIX.exec(c);
  if (m && /\d/.test(m[2] ?? '')) return `[class*="${m[1]}"]`;
  if (/\d{3,}/.test(c) || /^_|_[A-Za-z0-9]{4,}_\d+$/.test(c)) return null; // generated (`_gallery_x1y2_1`, ids in names)
  return `.${c}`;
}

function stableId(id: string): boolean {
  return IDENT.test(id) && id.length <= 60 && !/\d{4,}/.test(id);
}

function part(el: Element): string {
  if (el.id && stableId(el.id)) return `#${el.id}`;
  const tag = el.localName;
  const classes = [...el.classList]
    .map(classPart)
    .filter((c): c is string => c !== null)
    .slice(0, 2);
  let s = IDENT.test(tag) ? tag : '*';
  s += classes.join('');
  const parent = el.parentElement;
  if (parent && IDENT.test(tag)) {
    const same = [...parent.children].filter((c) => c.localName === tag);
    if (same.length > 1) s += `:nth-of-type(${same.indexOf(el) + 1})`;
  }
  return s;
}

/**
 * A selector for the picked element: from the nearest stable id (or at most 6 levels up), each level
 * tag + stable classes + :nth-of-type. Null when it does not find the element again.
 */
export function selectorFor(el: Element): string | null {
  const doc = el.ownerDocument;
  const parts: string[] = [];
  let cur: Element | null = el;
  while (cur && cur !== doc.documentElement && cur !== doc.body && parts.length < MAX_DEPTH) {
    const p = part(cur);
    parts.unshift(p);
    if (p.startsWith('#')) break;
    cur = cur.parentElement;
  }
  const sel = parts.join(' > ');
  if (!sel || sel.length > MAX_SELECTOR) return null;
  try {
    return doc.querySelector(sel) === el ? sel : null;
  } catch {
    return null;
  }
}

/** The price the user's selector shows on this page, or null (no element, no price, bad selector). */
export function userPrice(doc: ParentNode, selector: string): ReturnType<typeof parsePrice> {
  if (!selector || selector.length > MAX_SELECTOR) return null;
  let el: Element | null = null;
  try {
    el = doc.querySelector(selector);
  } catch {
    return null;
  }
  const text = clean(el?.textContent).slice(0, 200);
  const price = text ? parsePrice(text) : null;
  return price && price.amount > 0 ? price : null;
}

/**
 * The snapshot with the shopper's price (priceSource 'user', label 用户指定); the previous price moves
 * into the candidates; a list price stays only when above the new price.
 */
export function withUserPrice(snapshot: ProductSnapshot, price: Money, selector?: string): ProductSnapshot {
  const own: PriceCandidate = {
    price: snapshot.price,
    source: snapshot.priceSource ?? 'dom',
    ...(snapshot.priceLabel ? { label: snapshot.priceLabel } : {}),
  };
  const user: PriceCandidate = {
    price,
    source: 'user',
    label: USER_PRICE_LABEL,
    ...(selector ? { selector: selector.slice(0, 200) } : {}),
  };
  const seen = new Set<string>();
  const candidates = [user, own, ...(snapshot.candidates ?? [])]
    .filter((c) => {
      const k = `${c.price.amount}${c.price.currency}${c.source}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .slice(0, 50);
  const { listPrice, ...rest } = snapshot;
  const out: ProductSnapshot = { ...rest, price, priceSource: 'user', priceLabel: USER_PRICE_LABEL, candidates };
  if (listPrice && listPrice.currency === price.currency && listPrice.amount > price.amount) out.listPrice = listPrice;
  return out;
}

/**
 * A product snapshot with the price the user's element shows; other snapshots, or no price there:
 * unchanged.
 */
export function applyUserSelector(
  doc: ParentNode,
  snapshot: PageSnapshot,
  selector: string | null | undefined,
): PageSnapshot {
  if (snapshot.kind !== 'product' || !selector) return snapshot;
  const price = userPrice(doc, selector);
  return price ? withUserPrice(snapshot, price, selector) : snapshot;
}
