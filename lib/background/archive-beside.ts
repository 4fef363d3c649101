/** The whole page as MHTML beside a new order, parcel or manual screenshot, where the browser can (page-archive.ts). */
import { browser } from 'wxt/browser';
import { now } from '../store/clock';
import type { DB } from '../store/db';
import { recordFailure, type CaptureOutcome, type CaptureRequest } from './capture';
import { ARCHIVE_PREF, archivePage, wantsArchive } from './page-archive';

type PageCaptureApi = { saveAsMHTML(details: { tabId: number }): Promise<Blob | ArrayBuffer | undefined> };

/** Chrome, archives turned on in Settings and the optional `pageCapture` permission granted; Firefox has no such API. */
async function pageCaptureApi(): Promise<PageCaptureApi | null> {
  try {
    if ((await browser.storage.local.get(ARCHIVE_PREF))[ARCHIVE_PREF] !== true) return null;
    if (!(await browser.permissions.contains({ permissions: ['pageCapture'] }))) return null;
  } catch {
    return null; // Firefox: not a permission it knows
  }
  return (browser as unknown as { pageCapture?: PageCaptureApi }).pageCapture ?? null;
}

/** A failure is recorded as a capture failure (shown in the popup), never thrown: the screenshot is stored. */
export async function archiveBeside(d: DB, req: CaptureRequest, shot: CaptureOutcome): Promise<void> {
  if (shot.duplicateOf || !wantsArchive(req.kind)) return;
  const api = await pageCaptureApi();
  if (!api) return;
  try {
    await archivePage(d, req, shot, (tabId) => api.saveAsMHTML({ tabId }));
  } catch (e) {
    await recordFailure(d, {
      at: now(),
      url: req.url,
      kind: 'page-archive',
      reason: e instanceof Error ? e.message : String(e),
    });
  }
}
