/**
 * JSONP answers in the main world, for a site whose list asks for it (entrypoints/taobao-m-orders-main.content.ts):
 * mtop's H5 lib asks `h5api.m.taobao.com/h5/<api>/<v>/?…&callback=mtopjsonpN` by inserting a `<script>`, and the
 * answer is a script calling `mtopjsonpN({...})`. Neither fetch nor XHR sees it (./hook.ts), so a MutationObserver
 * (started at document_start) looks at each inserted `<script>` whose `src` is on the site's kept list, and wraps the
 * page's `window[callback]` once: the wrapper copies its first argument (`JSON.stringify`, at most MAX_RESPONSE
 * characters, posted as a 200 answer of the script's URL) and calls the page's function with the same `this` and
 * arguments, returning what it returns (and throwing what it throws).
 *
 * Assumption: the page defines `window[callback]` before it inserts the script (mtop's lib does), and the script runs
 * in a task after its fetch, later than the observer's microtask: wrapping there is in time. A callback that is not a
 * function when its script is inserted is left alone (no copy). The wrapper is a Proxy of the page's function (same
 * name, length, properties); only its identity differs (`window[cb] === fn` is false after we wrapped it).
 * Nothing here throws into the page; a failure of ours only means no copy.
 */
import type { Post } from './hook';
import { keptBy, MAX_RESPONSE } from './urls';

/** A JSONP callback name as mtop makes them (`mtopjsonp12`); anything else is not ours to touch. */
export const CALLBACK_NAME = /^[A-Za-z_$][\w$]{0,63}$/;

interface JsonpWindow {
  document: Document;
  MutationObserver: typeof MutationObserver;
  URL: typeof URL;
}

/** `kept`: the site's list (./urls.ts); a script off it is never looked at further. */
export function installJsonp(win: JsonpWindow, post: Post, kept: readonly RegExp[]): void {
  try {
    const stringify = JSON.stringify;
    const owner = win as unknown as Record<string, unknown>;
    const ours = new WeakSet<object>();
    const seen = new WeakSet<object>();

    const wrap = (script: Element) => {
      try {
        if (seen.has(script)) return;
        seen.add(script);
        const src = (script as HTMLScriptElement).src;
        if (typeof src !== 'string' || !keptBy(kept, src)) return;
        const cb = new win.URL(src).searchParams.get('callback') ?? '';
        if (!CALLBACK_NAME.test(cb)) return;
        const d = Object.getOwnPropertyDescriptor(win, cb);
        const fn: unknown = d && 'value' in d ? d.value : undefined;
        if (!d || !d.writable || typeof fn !== 'function' || ours.has(fn)) return;
        const wrapped = new Proxy(fn, {
          apply(target, thisArg, args: unknown[]) {
            try {
              const text = stringify(args[0]) as string | undefined;
              if (typeof text === 'string' && text.length <= MAX_RESPONSE) post(src, 200, text);
            } catch {
              // no copy
            }
            return Reflect.apply(target, thisArg, args) as unknown;
          },
        });
        ours.add(wrapped);
        Object.defineProperty(owner, cb, { ...d, value: wrapped });
      } catch {
        // no copy
      }
    };

    const observer = new win.MutationObserver((records) => {
      try {
        for (const r of records)
          for (const n of Array.from(r.addedNodes)) if (n.nodeName === 'SCRIPT') wrap(n as Element);
      } catch {
        // no copy
      }
    });
    const doc = win.document;
    observer.observe(doc.documentElement ?? doc, { childList: true, subtree: true });
  } catch {
    // never throw into the page
  }
}
