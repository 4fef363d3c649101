/**
 * The element picker of "that's not the price" (content script, hostile page): outlines the element
 * under the mouse, a click picks it, Escape cancels. Plain DOM; it only sets/restores `style.outline`
 * on page elements and adds one overlay of its own (text via textContent). Never throws into the page.
 */

export interface PickerContext {
  onInvalidated(cb: () => void): void;
}

export interface PickerOptions {
  /** Instructions in the overlay. */
  hint: string;
  /** Shown when the clicked element is not a price. */
  notPrice: string;
  /** The clicked element: true when it was taken (the picker ends), false to keep picking. */
  onPick(el: Element): boolean;
  onEnd?(): void;
}

const OUTLINE = '2px solid #e1251b';
/**
 * The running picker's finish, in the content-script world (not this module: the background injects the picker's
 * script again on each start, lib/content/pick.ts).
 */
const ACTIVE = '__shopwitnessPicking';
const slot = globalThis as { [ACTIVE]?: (() => void) | null };

/** Starts picking (once: a second start while picking does nothing). Returns the cancel function. */
export function startPicker(doc: Document, ctx: PickerContext, opts: PickerOptions): () => void {
  const active = slot[ACTIVE];
  if (active) return active;
  const win = doc.defaultView;
  if (!win) return () => undefined;

  const overlay = doc.createElement('div');
  overlay.setAttribute('role', 'status');
  overlay.textContent = opts.hint;
  overlay.style.cssText =
    'all:initial;position:fixed;top:8px;right:8px;z-index:2147483647;pointer-events:none;max-width:320px;padding:8px 12px;' +
    'background:#111;color:#fff;font:14px/1.4 sans-serif;border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.3)';

  let current: HTMLElement | null = null;
  let saved = '';
  const unmark = () => {
    if (current) current.style.outline = saved;
    current = null;
  };
  const mark = (t: EventTarget | null) => {
    if (!(t instanceof win.HTMLElement) || t === overlay || t === current) return;
    unmark();
    current = t;
    saved = t.style.outline;
    t.style.outline = OUTLINE;
  };

  const onOver = (e: Event) => mark(e.target);
  const swallow = (e: Event) => {
    e.preventDefault();
    e.stopPropagation();
    e.stopImmediatePropagation();
  };
  const onClick = (e: Event) => {
    swallow(e);
    const t = e.target;
    if (!(t instanceof win.Element)) return;
    let taken = false;
    try {
      taken = opts.onPick(t);
    } catch {
      taken = false;
    }
    if (taken) finish();
    else overlay.textContent = opts.notPrice;
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    swallow(e);
    finish();
  };

  const opt = { capture: true } as const;
  win.addEventListener('mouseover', onOver, opt);
  win.addEventListener('click', onClick, opt);
  // The page must not act on the press that picks (menus, links, drag).
  win.addEventListener('mousedown', swallow, opt);
  win.addEventListener('pointerdown', swallow, opt);
  win.addEventListener('mouseup', swallow, opt);
  win.addEventListener('keydown', onKey, opt);
  (doc.body ?? doc.documentElement).appendChild(overlay);

  let done = false;
  function finish() {
    if (done) return;
    done = true;
    slot[ACTIVE] = null;
    win?.removeEventListener('mouseover', onOver, opt);
    win?.removeEventListener('click', onClick, opt);
    win?.removeEventListener('mousedown', swallow, opt);
    win?.removeEventListener('pointerdown', swallow, opt);
    win?.removeEventListener('mouseup', swallow, opt);
    win?.removeEventListener('keydown', onKey, opt);
    unmark();
    overlay.remove();
    opts.onEnd?.();
  }
  ctx.onInvalidated(finish);
  slot[ACTIVE] = finish;
  return finish;
}
