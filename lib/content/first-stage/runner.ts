/**
 * The first stage of a content script: what a shop page pays on every load (README.md here). It runs a small
 * reader of a page kind's usual shape (lib/content/first-stage/jd.ts) at idle and on the page's changes,
 * and reports what it reads. When the reader cannot answer exactly, when the shopper has picked the
 * price element on this site, or when the extension was updated under the page, it stops and asks
 * the background to inject the full runner (lib/content/runner.ts with the site's full readers),
 * which then owns the frame; the picker is started by the background through the full runner too.
 *
 * No framework, no zod, no WXT context: the fewer interfaces a content script touches on a load, the
 * less it costs (each one is set up in the content-script world on first use).
 */
import { browser } from 'wxt/browser';
import type { PageSnapshot } from '../../core/model';
import { fullRunning, selectorFrom, stateOf, watchPage } from '../report';

export type FirstLookReader = (doc: Document, loc: Location, now: number) => PageSnapshot | 'wait' | 'full';

export function runFirstLook(read: FirstLookReader): void {
  let done = false;
  let lastSent = '';
  let lastHref = location.href;

  const alive = () => !done && !fullRunning() && browser.runtime?.id != null;

  const stop = () => {
    done = true;
    page.stop();
    document.removeEventListener('click', onClick, true);
  };

  /** The full runner takes over this frame (nothing read here is lost: it reads the page again at once). */
  const upgrade = () => {
    if (done) return;
    const extensionThere = browser.runtime?.id != null;
    stop();
    if (extensionThere) browser.runtime.sendMessage({ type: 'content/upgrade' }).catch(() => undefined);
  };

  const send = (snapshot: PageSnapshot): boolean => {
    const state = stateOf(snapshot);
    if (state === lastSent) return false;
    lastSent = state;
    browser.runtime
      .sendMessage({ type: 'snapshot/report', snapshot, title: document.title.slice(0, 500), userSelector: null })
      .then(
        // The shopper picked the price element on this site: the full runner reads with it.
        (reply: unknown) => {
          if (selectorFrom(reply)) upgrade();
        },
        () => {
          // The worker is restarting or the extension was reloaded: the next change retries.
          lastSent = '';
        },
      );
    return true;
  };

  /** Reads the page and sends what is new; undefined when it handed over or stopped. */
  const scan = (): boolean | undefined => {
    if (!alive()) {
      if (!done) stop();
      return undefined;
    }
    try {
      if (location.href !== lastHref) {
        // Same-document navigation (pushState): a new page as far as the shopper is concerned.
        lastHref = location.href;
        lastSent = '';
        page.extend();
      }
      const r = read(document, location, Date.now());
      if (r === 'full') return void upgrade();
      return r !== 'wait' && send(r);
    } catch {
      // never throw into the page; the full runner decides
      return void upgrade();
    }
  };
  const page = watchPage(scan, {
    setTimeout: (handler, ms) => setTimeout(handler, ms),
    requestIdleCallback: (handler, options) => requestIdleCallback(handler, options),
    alive: () => !done,
  });

  // Clicks on SKU options change the price without a navigation: look again for a while.
  function onClick() {
    if (!page.watching && !done) page.watch();
  }
  document.addEventListener('click', onClick, { capture: true, passive: true });
  page.watch();
}
