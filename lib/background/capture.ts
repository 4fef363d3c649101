/**
 * Screenshot evidence (background only): captureVisibleTab → band burned in → JPEG → SHA-256 →
 * appended to the evidence chain. Runs through the CaptureQueue (Chrome's 2-per-second limit).
 */
import { isStorageFull } from '../core/storage-full';
import { browser } from 'wxt/browser';
import { bandHeight, bandLines, drawBand } from '../core/band';
import { CaptureQueue, PermanentCaptureError } from './capture-queue';
import { clearBanner } from './banner';
import { framePainted } from './frame';
import { getMeta, setMeta, updateMeta, type DB } from '../store/db';
import { META } from '../store/meta';
import { appendEvidence } from '../store/evidence-store';
import { sha256Hex } from '../core/hash';
import { samePageIdentity } from '../sites/urls';
import type { Evidence } from '../core/model';
import type { CaptureRequest, LastShot, ParkedCapture, PendingCapture } from '../core/worker-state';
import type { CaptureFailure, CaptureOutcome } from '../core/stored';

export type { CaptureRequest } from '../core/worker-state';

/** The tab exists and shows the page, but is not the one on screen (yet). */
export class NotVisibleError extends Error {}

export type { CaptureFailure, CaptureOutcome } from '../core/stored';

const queue = new CaptureQueue();

/**
 * JPEG at 0.82 (`BENCH_ONLY=format npm run bench` compares JPEG, WebP and PNG on shop pages: size, fidelity,
 * encode time). WebP is smaller at similar fidelity, yet JPEG wins for evidence: every customer-service chat,
 * the 12315 upload form and any phone or printer opens it, which is not true of WebP; it encodes several times
 * faster (the capture queue holds the 2-per-second slot meanwhile); both stay far under 500 KB.
 */
const JPEG_QUALITY = 0.82;

/**
 * Test build only (`test/capture-delay`, lib/background/test-handlers.ts): a pause between the page check and
 * the shot, so an e2e test can change the page or kill the worker while a capture is really in flight. The
 * release build compiles the pause out (`import.meta.env.MODE` is a constant).
 */
let testShotDelayMs = 0;
export function setTestShotDelay(ms: number): void {
  testShotDelayMs = ms;
}

/** The tab shows another page than the one the request is about (see pageIdentity). */
export const LEFT_PAGE = 'the tab shows another page than the one to capture';

/**
 * The picture must be of the page its record is about: the tab's URL at the moment of the shot is the same
 * page as the request's (same platform, kind and id, query included: `item.htm?id=1` is not `?id=2`),
 * looked at before and after captureVisibleTab.
 */
async function grab(req: CaptureRequest): Promise<string> {
  let tab;
  try {
    tab = await browser.tabs.get(req.tabId);
  } catch {
    throw new PermanentCaptureError('the tab was closed before it could be captured');
  }
  if (!samePageIdentity(tab.url, req.url)) throw new PermanentCaptureError(`${LEFT_PAGE} (it left the page)`);
  // captureVisibleTab takes whatever is visible: never capture a tab the shopper is not looking at.
  if (!tab.active) throw new NotVisibleError('the tab is not the visible one');
  if (import.meta.env.MODE === 'test' && testShotDelayMs > 0) await new Promise((r) => setTimeout(r, testShotDelayMs));
  await clearBanner(req.tabId); // the picture shows the shop's page, not a banner of ours over it
  await framePainted(req.tabId); // and the page as it is now, not the frame it drew before it was hidden
  const image = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
  // The check and the shot are two calls: another tab brought to the front, or this tab gone to another
  // page in between, is what the image shows. Look again; if it is not still this tab on this page, drop
  // the image (the queue retries, and the retry's first look fails for good if the page is gone).
  const [front] = await browser.tabs.query({ active: true, windowId: tab.windowId });
  if (front?.id !== req.tabId) throw new Error('another tab came to the front during the capture');
  if (!samePageIdentity(front.url, req.url)) throw new Error(`${LEFT_PAGE} (it changed during the capture)`);
  return image;
}

export function dataUrlBytes(dataUrl: string): Uint8Array {
  const comma = dataUrl.indexOf(',');
  const bin = atob(dataUrl.slice(comma + 1));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Hex digits of the page's SHA-256 printed in the band: 64 bits, enough to find the record, short enough to read aloud. */
export const BAND_HASH_DIGITS = 16;

export async function burnBand(png: Uint8Array, capturedAt: number, req: CaptureRequest, contentSha256?: string) {
  const bitmap = await createImageBitmap(new Blob([png as BlobPart], { type: 'image/png' }));
  const lines = bandLines({
    capturedAt,
    url: req.url,
    ...(req.caption ? { caption: req.caption } : {}),
    ...(contentSha256 ? { shortHash: contentSha256.slice(0, BAND_HASH_DIGITS) } : {}),
  });
  const band = bandHeight(bitmap.width, lines.length);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height + band);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(bitmap, 0, 0);
  drawBand(ctx, bitmap.height, bitmap.width, lines);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
  return {
    data: new Uint8Array(await blob.arrayBuffer()),
    width: canvas.width,
    height: canvas.height,
    mime: 'image/jpeg',
  };
}

/**
 * Captures in flight are written down first: a worker killed mid-capture leaves the request in
 * IndexedDB, and the next start either finishes it (the tab still shows that page) or reports it failed.
 * Strict durability: the marker is on disk before the capture starts, or a crash could lose it.
 */
async function markPending(d: DB, p: PendingCapture | null, removeKey?: string): Promise<void> {
  await updateMeta(
    d,
    META.pendingCaptures,
    (old) => {
      const list = (old ?? []).filter((x) => x.key !== removeKey && x.key !== p?.key);
      return p ? [...list, p] : list;
    },
    { strict: true },
  );
}

let pendingLock: Promise<unknown> = Promise.resolve();
function withPendingLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = pendingLock.then(fn);
  pendingLock = run.catch(() => undefined);
  return run;
}

export async function captureEvidence(d: DB, req: CaptureRequest, clock: () => number): Promise<CaptureOutcome> {
  const key = `${clock()}-${Math.random().toString(36).slice(2)}`;
  await withPendingLock(() => markPending(d, { key, req, at: clock() }));
  try {
    return await captureNow(d, req, clock);
  } finally {
    await withPendingLock(() => markPending(d, null, key));
  }
}

/** At worker start: finish or fail what a killed worker left half-done. Never leaves one silently lost. */
export async function recoverPendingCaptures(d: DB, clock: () => number): Promise<{ retried: number; failed: number }> {
  let pending: PendingCapture[] = [];
  await withPendingLock(() =>
    updateMeta(
      d,
      META.pendingCaptures,
      (old) => {
        pending = old ?? [];
        return pending.length ? [] : old;
      },
      { strict: true },
    ),
  );
  let retried = 0;
  let failed = 0;
  for (const p of pending) {
    try {
      await captureEvidence(d, p.req, clock);
      retried++;
    } catch {
      failed++; // captureNow already recorded the failure with its reason
    }
  }
  return { retried, failed };
}

export const pageKey = META.lastShot;

/** Later times at which a stored screenshot's exact page content was seen again (newest last, at most 200). */
export const seenAgainKey = META.seenAgain;

export async function recordSeenAgain(d: DB, evidenceId: string, at: number): Promise<void> {
  const list = (await getMeta(d, seenAgainKey(evidenceId))) ?? [];
  if (!list.includes(at)) await setMeta(d, seenAgainKey(evidenceId), [...list, at].slice(-200));
}

/**
 * Same page, same pixels as its last screenshot whose bytes are still stored: keep that one and note the time.
 * A stall capture is exempt (see CaptureRequest.reason).
 */
export async function sameContentAs(d: DB, req: CaptureRequest, contentSha256: string): Promise<Evidence | null> {
  if (req.reason === 'stall') return null;
  const last = await getMeta(d, pageKey(req.url));
  if (!last || last.contentSha256 !== contentSha256) return null;
  const [record, blobKey] = await Promise.all([d.get('evidence', last.evidenceId), d.getKey('blobs', last.evidenceId)]);
  return record && blobKey !== undefined ? record : null;
}

async function captureNow(d: DB, req: CaptureRequest, clock: () => number): Promise<CaptureOutcome> {
  try {
    return await queue.enqueue(async () => {
      const png = dataUrlBytes(await grab(req));
      const capturedAt = clock();
      const contentSha256 = await sha256Hex(png);
      const same = await sameContentAs(d, req, contentSha256);
      if (same) {
        await recordSeenAgain(d, same.id, capturedAt);
        return { ...same, duplicateOf: same.id, seenAgainAt: capturedAt };
      }
      const img = await burnBand(png, capturedAt, req, contentSha256);
      const { tabId: _tabId, reason: _reason, ...meta } = req;
      const record = await appendEvidence(
        d,
        {
          ...meta,
          capturedAt,
          mime: img.mime,
          bytes: img.data.byteLength,
          sha256: await sha256Hex(img.data),
          contentSha256,
          width: img.width,
          height: img.height,
        },
        img.data,
      );
      await setMeta(d, pageKey(req.url), { evidenceId: record.id, contentSha256 } satisfies LastShot);
      return record;
    });
  } catch (e) {
    // An automatic capture of a page opened in a background tab (a ctrl-click from the order list) waits
    // for the shopper to look at that tab instead of failing; a manual capture says why at once.
    if (e instanceof NotVisibleError && req.kind !== 'page-screenshot') await parkUntilShown(d, req, clock());
    else
      await recordFailure(d, {
        at: clock(),
        url: req.url,
        kind: req.kind,
        reason: e instanceof Error ? e.message : String(e),
        ...(isStorageFull(e) ? { full: true as const } : {}),
      });
    throw e;
  }
}

/** How long an automatic capture waits for its background tab to be shown before it is reported failed. */
export const PARK_MS = 30 * 60_000;

async function parkUntilShown(d: DB, req: CaptureRequest, at: number): Promise<void> {
  await withPendingLock(() =>
    updateMeta(
      d,
      META.parkedCaptures,
      (old) =>
        [...(old ?? []).filter((p) => !(p.req.tabId === req.tabId && p.req.url === req.url)), { req, at }].slice(-50),
      { strict: true },
    ),
  );
}

/** Takes the parked captures that `pick` selects out of the stored list (atomically, so each runs once). */
async function takeParked(d: DB, pick: (p: ParkedCapture) => boolean): Promise<ParkedCapture[]> {
  let taken: ParkedCapture[] = [];
  await withPendingLock(() =>
    updateMeta(
      d,
      META.parkedCaptures,
      (old) => {
        taken = (old ?? []).filter(pick);
        return taken.length ? (old ?? []).filter((p) => !pick(p)) : old;
      },
      { strict: true },
    ),
  );
  return taken;
}

/**
 * A tab came to the front: take the screenshots that were waiting for it (the page must still be the
 * same; captureNow checks). Those that waited longer than PARK_MS are reported failed instead.
 */
export async function resumeParkedCaptures(d: DB, tabId: number, clock: () => number): Promise<number> {
  await expireParkedCaptures(d, clock);
  const due = await takeParked(d, (p) => p.req.tabId === tabId);
  let taken = 0;
  for (const p of due) {
    try {
      await captureEvidence(d, p.req, clock);
      taken++;
    } catch {
      // recorded (or parked again) by captureNow
    }
  }
  return taken;
}

/** Reports the parked captures whose tab was never shown in time (worker start, periodic tick). */
export async function expireParkedCaptures(d: DB, clock: () => number): Promise<number> {
  const now = clock();
  const old = await takeParked(d, (p) => now - p.at > PARK_MS);
  for (const p of old)
    await recordFailure(d, {
      at: now,
      url: p.req.url,
      kind: p.req.kind,
      reason: 'the tab was not shown within 30 minutes',
    });
  return old.length;
}

export async function parkedCaptures(d: DB): Promise<number> {
  return ((await getMeta(d, META.parkedCaptures)) ?? []).length;
}

/** A failure (or a skipped automatic capture) the popup reports: written strictly, so it outlives a crash. */
export async function recordFailure(d: DB, failure: CaptureFailure): Promise<void> {
  await updateMeta(d, META.captureFailures, (old) => [...(old ?? []), failure].slice(-100), { strict: true });
}

export function pendingCaptures(): number {
  return queue.pending;
}
