/** Screenshots of a tab: automatic ones after a content-script read, and the shopper's manual capture. */
import { browser, type Browser } from 'wxt/browser';
import { now } from '../store/clock';
import { db, type DB } from '../store/db';
import { archiveBeside } from './archive-beside';
import { captureEvidence, type CaptureOutcome, type CaptureRequest } from './capture';
import { tabRead } from './tab-reads';

/** The tab a page asked about, else the active tab of the last focused window. */
export async function targetTab(tabId?: number): Promise<Browser.tabs.Tab | undefined> {
  const [tab] =
    tabId !== undefined
      ? [await browser.tabs.get(tabId)]
      : await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab;
}

/** Automatic screenshots need `<all_urls>` (an optional permission outside the test build). */
export async function hasCapturePermission(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: ['<all_urls>'] });
  } catch {
    return false;
  }
}

/** An automatic screenshot (and archive beside it), not waited for by the report that asked for it. */
export async function captureInBackground(d: DB, req: CaptureRequest): Promise<void> {
  try {
    await archiveBeside(d, req, await captureEvidence(d, req, now));
  } catch (e) {
    // Already recorded as a capture failure (shown in the popup); the snapshot itself is stored.
    console.warn('ShopWitness: capture failed', e);
  }
}

/** Manual capture (popup button, context menu, shortcut): the user's gesture grants activeTab. */
export async function captureTab(tab: Browser.tabs.Tab | undefined): Promise<CaptureOutcome> {
  if (!tab?.id || !tab.url) throw new Error('no tab to capture');
  const d = await db();
  const about =
    (await tabRead(tab.id, tab.url)) ?? (tab.title ? { title: tab.title, caption: tab.title.slice(0, 80) } : {});
  const req: CaptureRequest = { ...about, tabId: tab.id, url: tab.url, kind: 'page-screenshot' };
  const shot = await captureEvidence(d, req, now);
  void archiveBeside(d, req, shot);
  return shot;
}
