/** The hourly price re-check (recheck-runner.ts) with the worker's HTML parser and its reminders. */
import { browser } from 'wxt/browser';
import { translator } from '../core/i18n';
import { now } from '../store/clock';
import { db, getMeta, setMeta } from '../store/db';
import { META } from '../store/meta';
import { loadSettings } from '../store/settings';
import { evaluateAndNotify } from './evaluate-and-notify';
import { showNotification, uiLang } from './notify';
import { runRechecks, type ParseHtml } from './recheck-runner';

/**
 * Server HTML → snapshot: directly where the background has a DOM (Firefox), else an offscreen document
 * (entrypoints/offscreen). What it answers is validated by runRechecks.
 */
const parseHtml: ParseHtml = async (html, url, at) => {
  if (typeof DOMParser !== 'undefined') {
    const { extractPage } = await import('../sites');
    return extractPage(new DOMParser().parseFromString(html, 'text/html'), url, at);
  }
  const offscreen = (
    browser as unknown as { offscreen?: { hasDocument(): Promise<boolean>; createDocument(o: object): Promise<void> } }
  ).offscreen;
  if (!offscreen) return null;
  if (!(await offscreen.hasDocument())) {
    await offscreen.createDocument({
      url: 'offscreen.html',
      reasons: ['DOM_PARSER'],
      justification: 'Read prices from shop product pages for price protection',
    });
  }
  const r: unknown = await browser.runtime.sendMessage({ target: 'offscreen', html, url, now: at });
  return typeof r === 'object' && r !== null && 'snapshot' in r ? (r.snapshot ?? null) : null;
};

export async function recheckPrices(): Promise<void> {
  const d = await db();
  const settings = await loadSettings();
  const outcome = await runRechecks(d, now(), settings, parseHtml);
  if (outcome.updated.length > 0) await evaluateAndNotify();
  if (!settings.notifications) return;
  const t = translator(uiLang(settings.language));
  const day = new Date(now()).toISOString().slice(0, 10);
  for (const target of outcome.remind) {
    const id = META.recheckRemind(target.key, day); // at most one reminder a day per product
    if (await getMeta(d, id)) continue;
    await setMeta(d, id, target.url);
    await showNotification(id, t('recheckRemindTitle'), t('recheckRemindBody', target.productId));
  }
}
