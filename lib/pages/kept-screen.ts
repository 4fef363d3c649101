/**
 * The popup's kept first screen (an app shell with the last rows in it): after each render with data the popup
 * writes what its first screen showed (headings and the first rows' visible texts and classes, nothing
 * interactive) to the extension pages' localStorage; on the next open a tiny classic script
 * (entrypoints/popup-kept.ts) paints it synchronously, before the popup's modules and its IndexedDB read, marked
 * as the last screen kept (dimmed, `aria-busy`, `inert`, "正在更新…"), and the popup removes it the moment its
 * live data is in (entrypoints/popup/mount.tsx). Measured in build/speed.md.
 *
 * Stored text is shop-page text: it is only ever written with text nodes, never parsed as HTML; classes are
 * checked against a plain pattern; everything is bounded. A record that fails any check paints nothing.
 *
 * This module imports nothing but a key name and `ellipsis`: it is bundled into the classic painter script.
 */
import { ellipsis } from '../core/ellipsis';
import { KEPT_SCREEN_KEY } from '../core/storage-keys';

/** Bumped whenever the shape below changes: a kept screen of another version is never painted. */
export const KEPT_SCREEN_VERSION = 1;
/** The stored JSON's length at most, in characters; the writer drops rows from the end until it fits. */
export const KEPT_SCREEN_MAX_CHARS = 20_000;
/** The painted container's id (the popup removes it once its live data is in). */
export const KEPT_SCREEN_ID = 'kept-screen';
/** Rows kept at most, over all sections: about what a 600 px popup shows. */
export const KEPT_ROWS = 12;
const MAX_TEXT = 200;
const MAX_NODES_PER_ROW = 40;
const MAX_DEPTH = 5;
const MAX_SECTIONS = 6;

type Tag = 'div' | 'span' | 'strong' | 'del';
/** A text, or an element: tag, classes, children, and (progress bars only) a width in percent. */
export type KeptNode = string | { g: Tag; c?: string; k?: KeptNode[]; w?: number };
export type KeptList = 'alerts' | 'orders' | 'products';
export interface KeptSection {
  /** The section's heading. */
  h: string;
  list?: KeptList;
  /** Each row's children. */
  rows?: KeptNode[][];
  /** The section's "nothing here" line, when it had no rows. */
  empty?: string;
}
export interface KeptScreen {
  v: typeof KEPT_SCREEN_VERSION;
  /** When it was written (epoch ms). */
  at: number;
  /** The language it was rendered in. */
  lang: 'zh-CN' | 'en';
  /** navigator.language when it was written: another browser language paints nothing. */
  nav: string;
  title: string;
  /** The line that says this is the last screen, being updated ("正在更新…"), in `lang`. */
  note: string;
  sections: KeptSection[];
}

const LISTS: Record<KeptList, { row: string }> = {
  alerts: { row: 'alert' },
  orders: { row: 'order' },
  products: { row: 'product' },
};
const CLASS = /^[a-z][a-z0-9_-]{0,40}$/;
/** Never painted: a kept row must not be taken for a live one (tests and the bench wait for li.order etc.). */
const LIVE_ROW_CLASSES = new Set(['alert', 'order', 'product']);
const TAGS = new Set<string>(['div', 'span', 'strong', 'del']);

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown, max = MAX_TEXT): x is string => typeof x === 'string' && x.length <= max;

function classes(c: unknown): string {
  if (typeof c !== 'string' || c.length > 200) return '';
  return c
    .split(' ')
    .filter((x) => CLASS.test(x) && !LIVE_ROW_CLASSES.has(x))
    .slice(0, 6)
    .join(' ');
}

// ---------------------------------------------------------------------------------------------------------------
// Painting (runs in the classic script before anything else of the popup's).

/** Appends `nodes` to `parent`, text as text nodes only; false when anything is not of the kept shape. */
function paintNodes(doc: Document, parent: Element, nodes: unknown, depth: number, budget: { n: number }): boolean {
  if (!Array.isArray(nodes) || depth > MAX_DEPTH) return false;
  for (const n of nodes) {
    if (--budget.n < 0) return false;
    if (typeof n === 'string') {
      if (!str(n)) return false;
      parent.append(doc.createTextNode(n));
      continue;
    }
    if (!isObj(n) || typeof n.g !== 'string' || !TAGS.has(n.g)) return false;
    const el = doc.createElement(n.g);
    const c = classes(n.c);
    if (c) el.className = c;
    if (n.w !== undefined) {
      if (typeof n.w !== 'number' || !(n.w >= 0 && n.w <= 100)) return false;
      el.style.width = `${Math.round(n.w)}%`;
    }
    if (n.k !== undefined && !paintNodes(doc, el, n.k, depth + 1, budget)) return false;
    parent.append(el);
  }
  return true;
}

function div(doc: Document, className: string, text?: string): HTMLElement {
  const el = doc.createElement('div');
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * The kept screen as an element (not yet in the document), or null when `kept` is not a kept screen of this
 * version in every part.
 */
export function buildKeptScreen(doc: Document, kept: unknown): HTMLElement | null {
  if (!isObj(kept) || kept.v !== KEPT_SCREEN_VERSION) return null;
  if (kept.lang !== 'zh-CN' && kept.lang !== 'en') return null;
  if (typeof kept.at !== 'number' || !Number.isFinite(kept.at)) return null;
  if (!str(kept.title) || !str(kept.note) || !Array.isArray(kept.sections)) return null;
  if (kept.sections.length > MAX_SECTIONS) return null;
  const root = div(doc, 'popup kept');
  root.id = KEPT_SCREEN_ID;
  root.lang = kept.lang;
  // The last screen, not live data: announced as busy, out of the tab order and the accessibility tree.
  root.setAttribute('aria-busy', 'true');
  root.setAttribute('inert', '');
  const header = div(doc, 'popup__header kept__header');
  header.append(div(doc, 'kept__h1', kept.title));
  root.append(header, div(doc, 'kept__note', kept.note));
  let rows = 0;
  for (const s of kept.sections) {
    if (!isObj(s) || !str(s.h)) return null;
    const section = div(doc, 'kept__section');
    section.append(div(doc, 'kept__h2', s.h));
    if (s.list !== undefined) {
      if (typeof s.list !== 'string' || !Object.hasOwn(LISTS, s.list) || !Array.isArray(s.rows)) return null;
      const kind = LISTS[s.list as KeptList].row;
      const list = div(doc, `kept__list kept__list--${s.list}`);
      for (const r of s.rows) {
        if (++rows > KEPT_ROWS) return null;
        const row = div(doc, `kept__row kept__row--${kind}`);
        if (!paintNodes(doc, row, r, 0, { n: MAX_NODES_PER_ROW })) return null;
        list.append(row);
      }
      section.append(list);
    } else if (s.empty !== undefined) {
      if (!str(s.empty)) return null;
      section.append(div(doc, 'empty', s.empty));
    }
    root.append(section);
  }
  return rows > 0 ? root : null;
}

/**
 * Paints the kept screen from `store` right after `#app`, when there is one of this version, written under
 * the same browser language, that passes every check. Never throws; returns whether it painted.
 */
export function paintStoredScreen(doc: Document, store: () => Pick<Storage, 'getItem'>, nav: string): boolean {
  try {
    const raw = store().getItem(KEPT_SCREEN_KEY);
    if (!raw || raw.length > KEPT_SCREEN_MAX_CHARS) return false;
    const kept: unknown = JSON.parse(raw);
    if (!isObj(kept) || kept.nav !== nav) return false;
    const app = doc.getElementById('app');
    const el = buildKeptScreen(doc, kept);
    if (!app || !el) return false;
    app.after(el);
    return true;
  } catch {
    return false;
  }
}

/** A module chunk's path as the build writes it into the painter's tag (build/speed.ts keptScreenFirst). */
const CHUNK = /^\/chunks\/[\w.-]+\.js$/;

/**
 * Starts the popup's modules once the kept screen is painted (or found absent): the build moves the module entry
 * and its preloads out of popup.html into the painter's `data-entry` and `data-preload` (build/speed.ts), so the
 * painter's file and the stylesheet are not queued behind two dozen module chunks. Does nothing when the tag has
 * no `data-entry` (`wxt dev`, where the HTML keeps its module script).
 */
export function startPopupModules(doc: Document, tag: Element | null): void {
  const entry = tag?.getAttribute('data-entry') ?? '';
  if (!CHUNK.test(entry)) return;
  const preload = (tag?.getAttribute('data-preload') ?? '').split(' ').filter((f) => CHUNK.test(f));
  for (const f of preload) {
    const link = doc.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = f;
    doc.head.append(link);
  }
  const script = doc.createElement('script');
  script.type = 'module';
  script.crossOrigin = '';
  script.src = entry;
  doc.head.append(script);
}

// ---------------------------------------------------------------------------------------------------------------
// Keeping (runs in the popup after it rendered its data).

const SKIP = new Set(['button', 'input', 'select', 'textarea', 'form', 'img', 'svg', 'script', 'style', 'template']);
/** Links and labels styled as buttons: a kept screen shows nothing that looks like it could be pressed. */
const BUTTON_LIKE = ['btn', 'link-btn'];
const INLINE = new Set(['span', 'a', 'em', 'small', 'time', 'code', 'label', 'abbr', 'b', 'i', 'mark', 'del', 's']);

function tagOf(el: Element): Tag {
  const t = el.localName;
  if (t === 'strong' || t === 'b') return 'strong';
  if (t === 'del' || t === 's') return 'del';
  return INLINE.has(t) ? 'span' : 'div';
}

const clip = (s: string) => ellipsis(s, MAX_TEXT);

/** What of `el`'s children is visible, as kept nodes: no controls, images or visually hidden text. */
function describeNodes(el: Element, depth: number, budget: { n: number }): KeptNode[] {
  const out: KeptNode[] = [];
  for (const n of Array.from(el.childNodes)) {
    if (budget.n <= 0) break;
    if (n.nodeType === 3) {
      const t = (n.textContent ?? '').replace(/\s+/g, ' ');
      if (t.trim()) {
        out.push(clip(t));
        budget.n--;
      }
      continue;
    }
    if (n.nodeType !== 1) continue;
    const e = n as Element;
    // A thumbnail (a button with an image) keeps its place as an empty box.
    if (e.classList.contains('thumb')) {
      out.push({ g: 'div', c: 'thumb thumb--empty' });
      budget.n--;
      continue;
    }
    if (
      SKIP.has(e.localName) ||
      BUTTON_LIKE.some((c) => e.classList.contains(c)) ||
      e.classList.contains('visually-hidden') ||
      e.getAttribute('aria-hidden') === 'true' ||
      (e as HTMLElement).hidden
    )
      continue;
    budget.n--;
    const node: Exclude<KeptNode, string> = { g: tagOf(e) };
    const c = classes(e.getAttribute('class') ?? '');
    if (c) node.c = c;
    if (e.classList.contains('bar__fill')) {
      const w = Number.parseFloat((e as HTMLElement).style?.width ?? '');
      if (w >= 0 && w <= 100) node.w = w;
    }
    if (depth + 1 < MAX_DEPTH) {
      const k = describeNodes(e, depth + 1, budget);
      if (k.length) node.k = k;
    } else {
      const t = (e.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (t) node.k = [clip(t)];
    }
    // What held only controls (a row's actions) is left out, not kept as an empty box.
    if (!node.k && node.w === undefined && !e.classList.contains('bar')) continue;
    out.push(node);
  }
  return out;
}

const text = (el: Element | null | undefined) => clip((el?.textContent ?? '').replace(/\s+/g, ' ').trim());

/**
 * What `main` (the popup's live `<main>`) shows on its first screen, as a kept screen; null when it shows no
 * rows. `fold`: rows and sections starting below it are left out (the popup's height).
 */
export function describeScreen(
  main: Element,
  o: { lang: KeptScreen['lang']; nav: string; note: string; at: number; fold: number },
): KeptScreen | null {
  const top = main.getBoundingClientRect().top;
  const below = (el: Element) => el.getBoundingClientRect().top - top > o.fold;
  const sections: KeptSection[] = [];
  let rows = 0;
  for (const sec of Array.from(main.querySelectorAll(':scope > section'))) {
    if (rows >= KEPT_ROWS || sections.length >= MAX_SECTIONS || below(sec)) break;
    const h = text(sec.querySelector('h2'));
    const ul = sec.querySelector(':scope > ul.alerts, :scope > ul.orders, :scope > ul.products');
    if (!ul) {
      const empty = sec.querySelector(':scope > p.empty');
      if (h && empty) sections.push({ h, empty: text(empty) });
      continue;
    }
    const list = (['alerts', 'orders', 'products'] as const).find((l) => ul.classList.contains(l)) as KeptList;
    const kept: KeptNode[][] = [];
    for (const li of Array.from(ul.children)) {
      if (rows >= KEPT_ROWS || below(li)) break;
      kept.push(describeNodes(li, 0, { n: MAX_NODES_PER_ROW }));
      rows++;
    }
    if (kept.length) sections.push({ h, list, rows: kept });
  }
  if (rows === 0) return null;
  const screen: KeptScreen = {
    v: KEPT_SCREEN_VERSION,
    at: o.at,
    lang: o.lang,
    nav: o.nav,
    title: text(main.querySelector('h1')),
    note: clip(o.note),
    sections,
  };
  // Within the size: rows dropped from the end (a section left without rows goes too).
  while (JSON.stringify(screen).length > KEPT_SCREEN_MAX_CHARS) {
    const last = screen.sections.at(-1);
    if (!last) return null;
    if (last.rows && last.rows.length > 1) last.rows.pop();
    else screen.sections.pop();
  }
  return screen.sections.some((s) => s.rows?.length) ? screen : null;
}

/**
 * Keeps what `main` shows for the next open, or forgets the kept screen when it shows no rows. Never throws:
 * a full or unavailable localStorage only means no kept screen.
 */
export function keepScreen(
  main: Element,
  o: { lang: KeptScreen['lang']; note: string },
  env: { store: () => Pick<Storage, 'setItem' | 'removeItem'>; nav: string; now: number; fold: number } = {
    store: () => localStorage,
    nav: navigator.language,
    now: Date.now(),
    fold: window.innerHeight || 600,
  },
): void {
  try {
    const kept = describeScreen(main, { ...o, nav: env.nav, at: env.now, fold: env.fold });
    if (kept) env.store().setItem(KEPT_SCREEN_KEY, JSON.stringify(kept));
    else env.store().removeItem(KEPT_SCREEN_KEY);
  } catch {
    try {
      env.store().removeItem(KEPT_SCREEN_KEY);
    } catch {
      // No storage at all: nothing is kept, nothing to forget.
    }
  }
}

/** Forgets the kept screen (data erased or replaced): an erased list must never be painted again. */
export function clearKeptScreen(store: () => Pick<Storage, 'removeItem'> = () => localStorage): void {
  try {
    store().removeItem(KEPT_SCREEN_KEY);
  } catch {
    // No storage: nothing was kept.
  }
}
