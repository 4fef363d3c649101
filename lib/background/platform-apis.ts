/**
 * The extension APIs a browser may lack, read only through here. Firefox for Android has no `contextMenus` and no
 * `commands`, and its `notifications` were reported not to show (PLATFORMS.md "Phones"): each is optional, and every
 * caller has a fallback that does not need it (manual capture from the popup, alerts on the badge and in the popup's
 * list, files saved through a link download). `tests/e2e/android-compat.test.ts` holds the built scripts to this.
 *
 * The test build can take them away at run time (`test/phone-surface`) so a browser test shows the fallbacks work.
 */
import { browser } from 'wxt/browser';

type Browser = typeof browser;
export interface OptionalApis {
  contextMenus?: Browser['contextMenus'];
  commands?: Browser['commands'];
  notifications?: Browser['notifications'];
}

let phoneSurface = false;

/** Test build only: behave as on a phone, where these APIs are absent. */
export function setPhoneSurface(on: boolean): void {
  if (import.meta.env.MODE === 'test') phoneSurface = on;
}

export function optionalApis(): OptionalApis {
  if (phoneSurface) return {};
  const b = browser as Partial<Browser>;
  return { contextMenus: b.contextMenus, commands: b.commands, notifications: b.notifications };
}

let android: Promise<boolean> | undefined;

/**
 * Whether a system notification will be seen: not where the API is missing, and not on Android, where Firefox lists
 * `notifications` but was reported not to show them (PLATFORMS.md "Phones"). There, lib/background/banner.ts shows
 * what a notification would have said on the next shop page.
 */
export async function notificationsShow(): Promise<boolean> {
  if (!optionalApis().notifications) return false;
  android ??= Promise.resolve()
    .then(() => browser.runtime.getPlatformInfo())
    .then((p) => p.os === 'android')
    .catch(() => false);
  return !(await android);
}
