/**
 * The content script's body, shared by the per-family entrypoints (entrypoints/*.content.ts). Runs
 * inside shop pages (hostile ground): reads the DOM through the given site adapters, sends snapshots
 * to the background, and never writes to the page or throws into it. No zod here (bundle size), and
 * `browser` is the native promise API (wxt.config.ts keeps webextension-polyfill out of content scripts).
 */
import { browser } from 'wxt/browser';
import type { ContentContext } from './context';
import type { PageSnapshot } from '../core/model';
import type { SiteAdapter } from '../sites/types';
import { extractWith } from '../sites/extract';
import { applyUserSelector } from '../sites/user-selector';
import {
  FULL_RUNNING,
  fullRunning,
  RUNNER_HOOK,
  selectorFrom,
  stateOf,
  watchPage,
  withReader,
  type RunnerHook,
} from './report';
import {
  mergeResponseRead,
  readResponseFull,
  responseSnapshots,
  withPageReading,
  type ResponseNote,
  type ResponseReader,
  type ResponseState,
} from '../sites/responses';
import { listenPageResponses } from './page-responses/listen';

/**
 * `responses`: readers of the page's own responses (lib/sites/responses.ts), handed over by a main-world script
 * (lib/content/page-responses); what they read is preferred to the DOM's reading of the same page URL. `kept`: the
 * site's list of kept response URLs (lib/content/page-responses/urls.ts), checked again on each handed-over response.
 */
export function runContentScript(
  ctx: ContentContext,
  adapters: readonly SiteAdapter[],
  responses: readonly ResponseReader[] = [],
  kept: readonly RegExp[] = [],
): void {
  // Injected again by the background (a first stage asking twice, the picker): one runner per frame.
  if (fullRunning()) return;
  (globalThis as Record<string, unknown>)[FULL_RUNNING] = true;
  let lastSent = '';
  /** The adapters, with the schema.org reader in place of its probe once the background injected it. */
  let readers = adapters;
  /** The price element the shopper picked on this site (lib/sites/user-selector.ts), as the background names it. */
  let userSelector: string | null = null;
  /** What the page's own responses said on one page URL (lib/sites/responses.ts mergeResponseRead). */
  let fromResponses: ResponseState | null = null;
  /** Notes already sent (`<note> <href>`): once per page. */
  const noted = new Set<string>();

  /** The first snapshot is the page's own (it gets the screenshot); others, like the parcel on an order page, ride along. */
  const send = (snapshots: PageSnapshot[]): boolean => {
    const state = snapshots.map(stateOf).join('\n');
    if (state === lastSent) return false;
    lastSent = state;
    const title = document.title.slice(0, 500);
    Promise.all(
      snapshots.map((snapshot, i) =>
        browser.runtime.sendMessage({
          type: 'snapshot/report',
          snapshot,
          title,
          ...(i > 0 ? { secondary: true } : { userSelector }),
        }),
      ),
    ).then(
      (replies) => {
        // Read again, at once, with the shopper's element (nothing was stored from this read).
        const sel = selectorFrom(replies[0]);
        if (sel && sel !== userSelector && !ctx.isInvalid) {
          userSelector = sel;
          lastSent = '';
          page.readNow();
        }
      },
      () => {
        // The extension was reloaded or the worker is restarting: the next mutation retries.
        lastSent = '';
      },
    );
    return true;
  };

  /** Reads the page and sends what is new; undefined once the extension is gone. */
  const read = (): boolean | undefined => {
    if (ctx.isInvalid) return undefined;
    try {
      const href = location.href;
      const state = fromResponses && fromResponses.href === href ? fromResponses : null;
      // Responses that stand for the page (Douyin's product data) are preferred to the DOM's reading of it.
      const standing = state && !state.adds ? responseSnapshots(state) : [];
      const own = standing.length > 0 ? [] : extractWith(readers, document, href, Date.now());
      // A response that adds to the page (a list's later pages) is reported beside the page's own reading.
      const found = standing.length > 0 ? standing : state?.adds ? withPageReading(state, own) : own;
      const sel = userSelector;
      const snapshots = sel ? found.map((s, i) => (i === 0 ? applyUserSelector(document, s, sel) : s)) : found;
      return snapshots.length > 0 && send(snapshots);
    } catch {
      // never throw into the page
      return false;
    }
  };
  const page = watchPage(read, {
    setTimeout: (handler, ms) => ctx.setTimeout(handler, ms),
    requestIdleCallback: (handler, options) => ctx.requestIdleCallback(handler, options),
    alive: () => !ctx.isInvalid,
  });
  // SPA navigation (URL changes without reload), and SKU switches that rewrite the URL.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    lastSent = '';
    page.watch();
  });
  // Clicks on SKU options change the price without a navigation: look again for a while.
  ctx.addEventListener(
    document,
    'click',
    () => {
      if (!page.watching) page.watch();
    },
    { capture: true, passive: true },
  );
  ctx.onInvalidated(page.stop);
  /**
   * Why a page's responses gave no price, said once per page (no content of the response goes with it): `masked`
   * only while nothing was read from them on this page, `unreadable` (a response in a shape we do not know) always.
   */
  const note = (href: string, n: ResponseNote) => {
    if (n === 'masked' && fromResponses?.href === href) return;
    const k = `${n} ${href}`;
    if (noted.has(k) || noted.size >= 100) return;
    noted.add(k);
    try {
      browser.runtime.sendMessage({ type: 'page/note', note: n }).catch(() => noted.delete(k));
    } catch {
      // the extension is gone
    }
  };
  if (responses.length > 0)
    listenPageResponses(ctx, kept, (r) => {
      if (ctx.isInvalid) return;
      const href = location.href;
      const got = readResponseFull(responses, r.url, r.body, href, Date.now());
      if (got.note) note(href, got.note);
      if (got.snapshots.length === 0 && !got.skus) return;
      fromResponses = mergeResponseRead(fromResponses, href, got);
      page.watch();
    });

  // Scripts the background injects on demand: the picker (lib/content/pick.ts, on the shopper's gesture: it picks
  // with this runner's context and hands the selector back here) and the schema.org reader (lib/content/structured.ts,
  // when the probe found such data on the page).
  const hook: RunnerHook = {
    ctx,
    picked(selector, sent) {
      userSelector = selector;
      void sent.then(() => {
        lastSent = '';
        page.watch();
      });
    },
    useReader(adapter) {
      readers = withReader(readers, adapter);
      lastSent = '';
      page.watch();
    },
  };
  (globalThis as Record<string, unknown>)[RUNNER_HOOK] = hook;

  page.watch();
}
