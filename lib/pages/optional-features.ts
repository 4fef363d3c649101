/**
 * The optional permissions behind the features a shopper turns on (lib/core/permissions.ts says why each is
 * asked): automatic screenshots ("all sites") and, in Chrome, whole-page archives. Shared by the options and
 * onboarding pages; the popup reads whether automatic screenshots can happen. A request must be made straight
 * from a click: browsers refuse permissions.request without a user gesture.
 */
import { browser } from 'wxt/browser';
import type { ArchiveSupport } from '../core/options-view';
import { ARCHIVE_PREF } from '../core/storage-keys';

const ALL_URLS = { origins: ['<all_urls>'] };
const PAGE_CAPTURE = { permissions: ['pageCapture'] } as Parameters<typeof browser.permissions.request>[0];

export const optionalFeatures = {
  async hasCapturePermission(): Promise<boolean> {
    try {
      return await browser.permissions.contains(ALL_URLS);
    } catch {
      return false; // a browser without the permissions API cannot capture by itself either
    }
  },
  requestCapturePermission: (): Promise<boolean> => browser.permissions.request(ALL_URLS),
  async archiveSupport(): Promise<ArchiveSupport> {
    const m = browser.runtime.getManifest() as { permissions?: string[]; optional_permissions?: string[] };
    if (![...(m.permissions ?? []), ...(m.optional_permissions ?? [])].includes('pageCapture')) return 'unsupported';
    const on = (await browser.storage.local.get(ARCHIVE_PREF))[ARCHIVE_PREF] === true;
    return on && (await browser.permissions.contains(PAGE_CAPTURE)) ? 'granted' : 'missing';
  },
  async setArchive(on: boolean): Promise<boolean> {
    if (on) {
      // The request comes first, still inside the click's user gesture.
      if (!(await browser.permissions.request(PAGE_CAPTURE))) return false;
      await browser.storage.local.set({ [ARCHIVE_PREF]: true });
      return true;
    }
    await browser.storage.local.set({ [ARCHIVE_PREF]: false });
    await browser.permissions.remove(PAGE_CAPTURE).catch(() => false); // required in the test build
    return true;
  },
};
