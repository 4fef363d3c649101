/**
 * Alerts on a phone: Firefox for Android shows no notifications, so what would have been one waits in `meta` and is
 * shown as a banner in the next shop page the extension reads (`snapshot/report` or `page/note` from its top frame,
 * after that page's automatic screenshot), then leaves the queue. The popup's list and the badge hold every alert
 * regardless; the banner only points there. At least once: a worker killed between painting and forgetting shows the
 * same banner once more, never none. Before any screenshot of a tab with a banner, the banner goes.
 */
import { browser } from 'wxt/browser';
import { bannersToShow, queueBanner, withoutShown } from '../core/banners';
import { translator } from '../core/i18n';
import { db, getMeta, updateMeta } from '../store/db';
import { META } from '../store/meta';
import { now } from '../store/clock';
import { loadSettings } from '../store/settings';
import { paintBanner } from './banner-paint';
import { uiLang } from './ui-lang';

/** Keeps what a notification would have said for the next shop page. A manual capture's outcome is not kept. */
export async function holdAsBanner(id: string, title: string, message: string): Promise<void> {
  if (id.startsWith('capture-')) return;
  try {
    const d = await db();
    await updateMeta(d, META.pendingBanners, (list = []) => queueBanner(list, { id, title, message, at: now() }));
  } catch (e) {
    console.warn('ShopWitness: banner not kept', e);
  }
}

/** Shows what waits in the shop tab's top frame; true when a banner was painted. */
export async function showBanners(tabId: number): Promise<boolean> {
  const d = await db();
  const shown = bannersToShow((await getMeta(d, META.pendingBanners)) ?? []);
  if (shown.length === 0) return false;
  const t = translator(uiLang((await loadSettings()).language));
  const lines = shown.map(({ id, title, message }) => ({ id, title, message }));
  const labels = { heading: t('bannerHeading'), open: t('bannerOpen'), close: t('bannerClose') };
  const [result] = await browser.scripting.executeScript({
    target: { tabId, frameIds: [0] },
    func: paintBanner,
    args: [lines, labels],
  });
  if (result?.result !== true) return false;
  await updateMeta(d, META.pendingBanners, (list = []) => withoutShown(list, shown));
  await updateMeta(d, META.bannerTabs, (tabs = []) => (tabs.includes(tabId) ? tabs : [...tabs, tabId].slice(-20)));
  return true;
}

/**
 * Before a screenshot of a tab that got a banner: the banner goes, so the picture shows the shop's page and nothing
 * of ours over it (a tab closed or navigated meanwhile has nothing to remove; that is not an error).
 */
export async function clearBanner(tabId: number): Promise<void> {
  const d = await db();
  if (!((await getMeta(d, META.bannerTabs)) ?? []).includes(tabId)) return;
  await browser.scripting
    .executeScript({
      target: { tabId, frameIds: [0] },
      func: () => void document.getElementById('shopwitness-banner')?.remove(),
    })
    .catch(() => undefined);
  await updateMeta(d, META.bannerTabs, (tabs = []) => tabs.filter((t) => t !== tabId));
}

/**
 * From a content script's message: the top frame of a shop tab gets what waits, after `first` (the page's automatic
 * screenshot, which must not show the banner); a failure is only logged.
 */
export function showBannersFor(
  sender: { tab?: { id?: number }; frameId?: number; url?: string },
  first: Promise<unknown> = Promise.resolve(),
): void {
  const tabId = sender.tab?.id;
  if (tabId === undefined || (sender.frameId ?? 0) !== 0) return;
  if ((sender.url ?? '').startsWith(browser.runtime.getURL('/'))) return;
  void first
    .catch(() => undefined)
    .then(() => showBanners(tabId))
    .catch((e: unknown) => console.warn('ShopWitness: banner not shown', e));
}
