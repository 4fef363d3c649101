/**
 * The schema.org reader (lib/sites/generic.ts) on demand. Content scripts whose own reader is not a product page's
 * (orders, parcels, tracking pages) keep it only as the fallback for the other pages of their hosts, and most of
 * those pages carry no schema.org data: they hold this probe in its place. The probe runs the reader's own presence
 * checks (lib/sites/structured-guards.ts, the same ones `structured()` starts with); only when one finds data does it
 * ask the background, once per frame, to inject the reader (entrypoints/structured.content.ts), which the runner then
 * uses in the probe's place (`useReader`, lib/content/report.ts RunnerHook) and reads the page again at once. On a
 * page without such data the reader would have answered nothing: the probe answers the same.
 */
import { browser } from 'wxt/browser';
import type { SiteAdapter } from '../sites/types';
import { hasLd, hasMicrodata, hasPriceMeta } from '../sites/structured-guards';

let asked = false;

export const structuredProbe: SiteAdapter = {
  // The reader's own id and matches; the runner puts the reader in its place (`probe`).
  id: 'generic',
  probe: true,
  kinds: ['product'],
  matches: (url) => url.protocol === 'http:' || url.protocol === 'https:',
  extract(doc) {
    if (!asked && (hasLd(doc) || hasMicrodata(doc) || hasPriceMeta(doc))) {
      asked = true;
      const again = () => {
        // The worker is restarting or the extension was reloaded: the next read asks again.
        asked = false;
      };
      try {
        browser.runtime.sendMessage({ type: 'content/upgrade', reader: 'structured' }).catch(again);
      } catch {
        again();
      }
    }
    return null;
  },
  examples: [],
};
