/**
 * The popup's kept first screen (lib/store/popup-view.ts) is rebuilt after every change, coalesced: one run at
 * a time, one more if something changed meanwhile. A killed worker or a failed run only means the next
 * popup finds it stale and computes it itself.
 */
import { db } from '../store/db';
import { rawSettings, rebuildView } from '../store/popup-view';
import { settingsFrom, storedSettings } from '../store/settings';

let viewDirty = false;
let viewRunning = false;

export function refreshPopupView(): void {
  viewDirty = true;
  if (viewRunning) return;
  viewRunning = true;
  void (async () => {
    try {
      while (viewDirty) {
        viewDirty = false;
        const stored = await storedSettings();
        await rebuildView(await db(), settingsFrom(stored), rawSettings(stored));
      }
    } catch (e) {
      console.warn('ShopWitness: popup view not rebuilt', e);
    } finally {
      viewRunning = false;
    }
  })();
}
