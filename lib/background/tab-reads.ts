/**
 * What the content script last read in each tab, in storage.session (survives a worker restart, gone
 * when the browser closes). A manual capture of that page then belongs to its order/product and its band
 * shows the order id or price.
 */
import { browser, type Browser } from 'wxt/browser';
import type { captureAbout } from './snapshot-intake';
import { tabNoteKey, type PageNote } from '../core/page-note';

export type PageAbout = ReturnType<typeof captureAbout>;

const tabReadKey = (tabId: number) => `tabRead:${tabId}`;
const sessionArea = () => (browser.storage as unknown as { session?: Browser.storage.StorageArea }).session;

export async function rememberTabRead(tabId: number, about: PageAbout): Promise<void> {
  await sessionArea()
    ?.set({ [tabReadKey(tabId)]: about })
    .catch(() => undefined);
}

/** What was read in this tab, if the tab still shows the page it was read on. */
export async function tabRead(tabId: number, url: string): Promise<PageAbout | null> {
  const got = (
    await sessionArea()
      ?.get(tabReadKey(tabId))
      .catch(() => undefined)
  )?.[tabReadKey(tabId)] as PageAbout | undefined;
  return got && got.url === url ? got : null;
}

/** The tab was closed. */
export function forgetTabRead(tabId: number): void {
  void sessionArea()
    ?.remove([tabReadKey(tabId), tabNoteKey(tabId)])
    .catch(() => undefined);
}

/**
 * Why the page in a tab gave no price (lib/core/page-note.ts): the popup reads it for the active tab, if the tab
 * still shows that page.
 */
export async function rememberTabNote(tabId: number, note: PageNote): Promise<void> {
  await sessionArea()
    ?.set({ [tabNoteKey(tabId)]: note })
    .catch(() => undefined);
}
