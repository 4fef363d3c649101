/** storage.sync `settings` as stored, unvalidated and without zod (lib/store/settings.ts validates; lib/store/popup-view.ts stamps its view with it). */
import { browser } from 'wxt/browser';

export const SETTINGS_KEY = 'settings';

export async function storedSettings(): Promise<unknown> {
  try {
    return (await browser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY];
  } catch {
    return undefined;
  }
}
