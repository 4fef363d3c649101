/**
 * Runs inside shop pages (hostile ground): reads the DOM through the site adapters, sends snapshots to
 * the background, and never writes to the page or throws into it. No zod here (bundle size).
 */
import { browser } from 'wxt/browser';
import type { PageSnapshot } from '@/lib/model';
import { SHOP_MATCHES } from '@/lib/hosts';
import { extractAll } from '@/lib/sites';

/** Prices are often filled in by script after load: keep looking this long after each navigation. */
const SETTLE_MS = 12_000;
const DEBOUNCE_MS = 250;

function stateOf(s: PageSnapshot): string {
  const { capturedAt: _at, ...rest } = s;
  return JSON.stringify(rest);
}

export default defineContentScript({
  matches: SHOP_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    let lastSent = '';
    let observer: MutationObserver | null = null;
    let timer: number | undefined;
    let deadline = 0;

    /** The first snapshot is the page's own (it gets the screenshot); others, like the parcel on an order page, ride along. */
    const send = (snapshots: PageSnapshot[]) => {
      const state = snapshots.map(stateOf).join('\n');
      if (state === lastSent) return;
      lastSent = state;
      const title = document.title.slice(0, 500);
      Promise.all(
        snapshots.map((snapshot, i) => browser.runtime.sendMessage({ type: 'snapshot/report', snapshot, title, ...(i > 0 ? { secondary: true } : {}) })),
      ).catch(() => {
        // The extension was reloaded or the worker is restarting: the next mutation retries.
        lastSent = '';
      });
    };

    const scan = () => {
      if (ctx.isInvalid) return;
      try {
        const snapshots = extractAll(document, location.href, Date.now());
        if (snapshots.length > 0) send(snapshots);
      } catch {
        // never throw into the page
      }
      if (Date.now() > deadline) stopWatching();
    };

    const schedule = () => {
      if (timer !== undefined) return;
      timer = ctx.setTimeout(() => {
        timer = undefined;
        scan();
      }, DEBOUNCE_MS);
    };

    function stopWatching() {
      observer?.disconnect();
      observer = null;
    }

    const watch = () => {
      deadline = Date.now() + SETTLE_MS;
      scan();
      if (!observer && !ctx.isInvalid) {
        observer = new MutationObserver(schedule);
        observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
      }
    };

    // SPA navigation (URL changes without reload), and SKU switches that rewrite the URL.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      lastSent = '';
      watch();
    });
    // Clicks on SKU options change the price without a navigation: look again for a while.
    ctx.addEventListener(document, 'click', () => {
      if (!observer) watch();
    }, { capture: true, passive: true });
    ctx.onInvalidated(stopWatching);
    watch();
  },
});
