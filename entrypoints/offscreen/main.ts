/**
 * Chrome's service worker has no DOMParser: the background fetches a shop page's server HTML and this
 * offscreen document reads it with the same site adapters the content script uses. Scripts in the
 * fetched HTML never run (DOMParser documents are inert).
 */
import { browser } from 'wxt/browser';
import { extractPage } from '@/lib/sites';

browser.runtime.onMessage.addListener((raw: unknown) => {
  const m = raw as { target?: unknown; html?: unknown; url?: unknown; now?: unknown };
  if (m?.target !== 'offscreen' || typeof m.html !== 'string' || typeof m.url !== 'string') return undefined;
  const doc = new DOMParser().parseFromString(m.html, 'text/html');
  return Promise.resolve({ snapshot: extractPage(doc, m.url, typeof m.now === 'number' ? m.now : Date.now()) });
});
