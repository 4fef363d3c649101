/** Small DOM readers shared by the adapters. They only read; page text is never written back. */

const MAX_TEXT = 500;

export function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
}

/** Text of the first element matching any selector that has non-empty text. */
export function firstText(root: ParentNode, selectors: readonly string[]): { text: string; selector: string } | null {
  for (const selector of selectors) {
    let el: Element | null = null;
    try {
      el = root.querySelector(selector);
    } catch {
      continue;
    }
    const text = clean(el?.textContent);
    if (text) return { text, selector };
  }
  return null;
}

export function attr(root: ParentNode, selector: string, name: string): string | null {
  try {
    const v = root.querySelector(selector)?.getAttribute(name);
    return v ? clean(v) : null;
  } catch {
    return null;
  }
}

/** Inline script bodies (page globals are invisible to an isolated-world content script). */
export function inlineScripts(doc: Document, limit = 200): string[] {
  const out: string[] = [];
  const scripts = doc.querySelectorAll('script:not([src])');
  for (let i = 0; i < scripts.length && out.length < limit; i++) {
    const t = scripts[i]?.textContent;
    if (t) out.push(t);
  }
  return out;
}

/** Every element matching a selector, capped (a hostile page may hold 50,000 price-like nodes). */
export function all(root: ParentNode, selector: string, cap = 200): Element[] {
  try {
    // Index the list up to the cap: Array.from would first wrap every match (50,000 on a hostile page).
    const list = root.querySelectorAll(selector);
    const out: Element[] = [];
    for (let i = 0; i < list.length && i < cap; i++) out.push(list[i] as Element);
    return out;
  } catch {
    return [];
  }
}

/**
 * The first element matching `selector` that is not inside `notIn` (recommendation lists copy the price
 * markup, and may come first). querySelector first: it stops at the first match, which is the answer
 * unless a list holds it; only then the first `cap` matches are looked through.
 */
export function firstOutside(root: ParentNode, selector: string, notIn: string, cap: number): Element | undefined {
  const first = one(root, selector);
  if (!first || !first.closest(notIn)) return first ?? undefined;
  return all(root, selector, cap).find((e) => !e.closest(notIn));
}

export function one(root: ParentNode, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

const SKIP_TEXT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'svg', 'IFRAME', 'OBJECT']);
const BLOCK =
  /^(?:DIV|P|LI|TR|BR|H[1-6]|UL|OL|DL|DT|DD|TABLE|TBODY|SECTION|ARTICLE|HEADER|FOOTER|MAIN|NAV|ASIDE|FORM|BLOCKQUOTE|PRE)$/;

/**
 * The first `max` characters of text under `root` in document order, without serializing the rest:
 * block elements start a line; script, style, template and `hidden` subtrees are skipped. Costs what it
 * reads, whatever the page's size (innerText lays out and copies the whole body).
 */
export function boundedText(root: Node | null | undefined, max: number): string {
  const doc = root?.ownerDocument;
  if (!root || !doc) return '';
  const walker = doc.createTreeWalker(root, 0x1 | 0x4, {
    acceptNode: (n) =>
      n.nodeType === 1 && (SKIP_TEXT.has((n as Element).tagName) || (n as Element).hasAttribute('hidden')) ? 2 : 1,
  });
  let out = '';
  for (let n = walker.nextNode(); n && out.length < max; n = walker.nextNode()) {
    if (n.nodeType === 3) out += n.nodeValue ?? '';
    else if (BLOCK.test((n as Element).tagName) && !out.endsWith('\n')) out += '\n';
  }
  return out.slice(0, max);
}

/** Past this many elements innerText costs hundreds of ms (a 20 MB page): read boundedText instead. */
const LARGE_PAGE = 20_000;

/** Visible-ish text of the page, capped: the input of the text heuristics. */
export function bodyText(doc: Document, max = 60_000): string {
  const body = doc.body as HTMLElement | null;
  if (!body) return '';
  if (doc.getElementsByTagName('*').length > LARGE_PAGE) return boundedText(body, max);
  return (body.innerText ?? body.textContent ?? '').slice(0, max);
}

/** The value after a label in page text: "订单编号：1234" → "1234". */
export function labeled(text: string, label: string, value = String.raw`([^\n]{1,60})`): string | null {
  const m = new RegExp(`(?:${label})\\s*[:：]?\\s*${value}`).exec(text);
  return m?.[1]?.trim() ?? null;
}

/** Date-and-time shapes shops print, for finding the time in a timeline row. */
export const TIME_RE =
  /\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*(?:周.|星期.)?\s*\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}[-/月]\d{1,2}日?\s*(?:周.|星期.)?\s*\d{1,2}:\d{2}(?::\d{2})?|(?:今天|昨天|前天)\s*\d{1,2}:\d{2}(?::\d{2})?/;

/**
 * Timeline rows (tracking events) read from rendered DOM: every row matching `rows` whose text holds a
 * date-time; the rest of the row is the event text. Bounded to 300 rows.
 */
export function timeline(root: ParentNode, rows: string): { time: string; text: string }[] {
  const out: { time: string; text: string }[] = [];
  for (const el of all(root, rows, 300)) {
    const t = clean((el as HTMLElement).innerText ?? el.textContent);
    const m = TIME_RE.exec(t);
    // A wrapper holding several rows is not a row.
    if (!m || TIME_RE.test(t.slice(m.index + m[0].length))) continue;
    const text = clean(t.replace(m[0], ' ').replace(/^(?:周.|星期.)\s*/, ''));
    if (text) out.push({ time: m[0].replace(/(?:周.|星期.)/, ' '), text });
  }
  return out;
}
