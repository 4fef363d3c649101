/**
 * Screenshot evidence (background only): captureVisibleTab → band burned in → JPEG → SHA-256 →
 * appended to the evidence chain. Runs through the CaptureQueue (Chrome's 2-per-second limit).
 */
import { browser } from 'wxt/browser';
import { bandHeight, bandLines, drawBand } from './band';
import { CaptureQueue, PermanentCaptureError } from './capture-queue';
import { getMeta, setMeta, type DB } from './db';
import { appendEvidence } from './evidence-store';
import { sha256Hex } from './hash';
import type { Evidence, EvidenceKind, Platform } from './model';

export interface CaptureRequest {
  tabId: number;
  url: string;
  title?: string;
  kind: EvidenceKind;
  snapshotId?: number;
  platform?: Platform;
  productId?: string;
  orderId?: string;
  trackingNumber?: string;
  caption?: string;
}

export interface CaptureFailure {
  at: number;
  url: string;
  kind: EvidenceKind;
  reason: string;
}

const queue = new CaptureQueue();

/** JPEG at 0.82: text stays legible and a 1280×800 shop page lands around 150–250 KB. */
const JPEG_QUALITY = 0.82;

function samePage(a: string | undefined, b: string): boolean {
  if (!a) return false;
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.origin === y.origin && x.pathname === y.pathname;
  } catch {
    return false;
  }
}

async function grab(req: CaptureRequest): Promise<string> {
  let tab;
  try {
    tab = await browser.tabs.get(req.tabId);
  } catch {
    throw new PermanentCaptureError('the tab was closed before it could be captured');
  }
  if (!samePage(tab.url, req.url)) throw new PermanentCaptureError('the tab left the page before it could be captured');
  // captureVisibleTab takes whatever is visible: never capture a tab the shopper is not looking at.
  if (!tab.active) throw new Error('the tab is not the visible one');
  return browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
}

export async function burnBand(dataUrl: string, capturedAt: number, req: CaptureRequest) {
  const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
  const lines = bandLines({ capturedAt, url: req.url, ...(req.caption ? { caption: req.caption } : {}) });
  const band = bandHeight(bitmap.width, lines.length);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height + band);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(bitmap, 0, 0);
  drawBand(ctx, bitmap.height, bitmap.width, lines);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
  return { data: new Uint8Array(await blob.arrayBuffer()), width: canvas.width, height: canvas.height, mime: 'image/jpeg' };
}

/** Captures, stores and returns the evidence; on final failure records it and rethrows. */
interface PendingCapture {
  key: string;
  req: CaptureRequest;
  at: number;
}

/**
 * Captures in flight are written down first: a worker killed mid-capture leaves the request in
 * IndexedDB, and the next start either finishes it (the tab still shows that page) or reports it failed.
 */
async function markPending(d: DB, p: PendingCapture | null, removeKey?: string): Promise<void> {
  const list = ((await getMeta<PendingCapture[]>(d, 'pendingCaptures')) ?? []).filter((x) => x.key !== removeKey && x.key !== p?.key);
  await setMeta(d, 'pendingCaptures', p ? [...list, p] : list);
}

let pendingLock: Promise<unknown> = Promise.resolve();
function withPendingLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = pendingLock.then(fn);
  pendingLock = run.catch(() => undefined);
  return run;
}

export async function captureEvidence(d: DB, req: CaptureRequest, clock: () => number): Promise<Evidence> {
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
  const pending = await withPendingLock(async () => {
    const list = (await getMeta<PendingCapture[]>(d, 'pendingCaptures')) ?? [];
    await setMeta(d, 'pendingCaptures', []);
    return list;
  });
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

async function captureNow(d: DB, req: CaptureRequest, clock: () => number): Promise<Evidence> {
  try {
    return await queue.enqueue(async () => {
      const dataUrl = await grab(req);
      const capturedAt = clock();
      const img = await burnBand(dataUrl, capturedAt, req);
      const { tabId: _tabId, ...meta } = req;
      return appendEvidence(
        d,
        { ...meta, capturedAt, mime: img.mime, bytes: img.data.byteLength, sha256: await sha256Hex(img.data), width: img.width, height: img.height },
        img.data,
      );
    });
  } catch (e) {
    await recordFailure(d, { at: clock(), url: req.url, kind: req.kind, reason: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

export async function recordFailure(d: DB, failure: CaptureFailure): Promise<void> {
  const list = (await getMeta<CaptureFailure[]>(d, 'captureFailures')) ?? [];
  await setMeta(d, 'captureFailures', [...list, failure].slice(-100));
}

export function pendingCaptures(): number {
  return queue.pending;
}
