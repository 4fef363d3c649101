/**
 * Runs inside shop pages (hostile ground): reads the DOM through the site adapters, sends snapshots to
 * the background, and never writes to the page or throws into it. No zod here (bundle size).
 */
import { browser } from 'wxt/browser';
import type { PageSnapshot } from '@/lib/model';
import { SHOP_MATCHES } from '@/lib/hosts';
import { extractAll } from '@/lib/sites';
import { clean } from '@/lib/sites/dom';
import { applyUserSelector, MAX_SELECTOR, selectorFor } from '@/lib/sites/user-selector';
import { parsePrice } from '@/lib/parse/price';
import { startPicker } from '@/lib/picker';

/** Prices are often filled in by script after load: keep looking this long after each navigation. */
const SETTLE_MS = 12_000;
const DEBOUNCE_MS = 250;

/** storage.local `userSelectors[host]`, checked by hand (no zod here); null when none or malformed. */
async function loadUserSelector(host: string): Promise<string | null> {
  try {
    const all: unknown = (await browser.storage.local.get('userSelectors')).userSelectors;
    if (!all || typeof all !== 'object' || !Object.prototype.hasOwnProperty.call(all, host)) return null;
    const v: unknown = (all as Record<string, unknown>)[host];
    return typeof v === 'string' && v.length > 0 && v.length <= MAX_SELECTOR ? v : null;
  } catch {
    return null;
  }
}

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
    /** The price element the shopper picked on this site, read first (lib/sites/user-selector.ts). */
    let userSelector: string | null = null;

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
        const found = extractAll(document, location.href, Date.now());
        const snapshots = userSelector ? found.map((s, i) => (i === 0 ? applyUserSelector(document, s, userSelector) : s)) : found;
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

    // "That's not the price": the popup (through the background) starts the element picker.
    const onPick = (el: Element): boolean => {
      const sample = clean(el.textContent).slice(0, 200);
      const price = sample ? parsePrice(sample) : null;
      const selector = price && price.amount > 0 ? selectorFor(el) : null;
      if (!selector) return false;
      userSelector = selector;
      const host = location.hostname;
      void browser.runtime
        .sendMessage({ type: 'picker/picked', host, selector, sample })
        .catch(() => undefined)
        .then(() => {
          lastSent = '';
          watch();
        });
      return true;
    };
    const onMessage = (msg: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
      if (!msg || typeof msg !== 'object' || (msg as { type?: unknown }).type !== 'picker/start' || ctx.isInvalid) return;
      try {
        startPicker(document, ctx, { hint: browser.i18n.getMessage('pickerHint') || '点击正确的价格（Esc 取消）', notPrice: browser.i18n.getMessage('pickerNotPrice') || '这不是价格，请再选', onPick });
        sendResponse({ ok: true });
      } catch {
        sendResponse({ ok: false });
      }
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

    void loadUserSelector(location.hostname).then((sel) => {
      userSelector = sel;
      watch();
    });
  },
});
