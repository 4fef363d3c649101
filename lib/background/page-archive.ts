/**
 * Full-page evidence beside the screenshot: an MHTML archive of the whole page (every section below the
 * fold, the text as text, its images), where the browser can make one. Chrome has `pageCapture`
 * (an optional permission the shopper grants in Settings); Firefox has no such API, and the UI says so.
 * Background only.
 */
import type { CaptureRequest } from './capture';
import type { DB } from '../store/db';
import { appendEvidence } from '../store/evidence-store';
import { sha256Hex } from '../core/hash';
import type { Evidence, EvidenceKind } from '../core/model';

export const MHTML_MIME = 'application/x-mimearchive';
/** A shop page with its images is a few MB; anything far larger is not a page worth keeping whole. */
export const MAX_ARCHIVE_BYTES = 25 * 1024 * 1024;

/** Which screenshots get an archive beside them: orders, parcels and what the shopper captured by hand. */
const ARCHIVED: ReadonlySet<EvidenceKind> = new Set([
  'order-screenshot',
  'logistics-screenshot',
  'claim-screenshot',
  'page-screenshot',
]);

export { ARCHIVE_PREF } from '../core/storage-keys';

export type SaveMhtml = (tabId: number) => Promise<Blob | ArrayBuffer | undefined>;

export type { ArchiveSupport } from '../core/options-view';

export function wantsArchive(kind: EvidenceKind): boolean {
  return ARCHIVED.has(kind);
}

function fileNameOf(req: CaptureRequest): string {
  let host = 'page';
  try {
    host = new URL(req.url).hostname;
  } catch {
    // keep 'page'
  }
  const id = (req.orderId ?? req.trackingNumber ?? req.productId ?? host).replace(/[^\w.-]+/g, '_').slice(0, 80);
  return `${id}.mhtml`;
}

const SAVE_ATTEMPTS = 3;

/**
 * Chrome hands the MHTML over as a Blob backed by a temporary file, which is sometimes gone before it can
 * be read ("A requested file or directory could not be found"): save again rather than lose the archive.
 */
async function savedBytes(tabId: number, save: SaveMhtml): Promise<Uint8Array | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      const raw = await save(tabId);
      if (!raw) return null;
      return new Uint8Array(raw instanceof Blob ? await raw.arrayBuffer() : raw);
    } catch (e) {
      if (attempt >= SAVE_ATTEMPTS || !(e instanceof Error) || e.name !== 'NotFoundError') throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/**
 * Saves the tab as MHTML and appends it to the evidence chain with the same order/parcel/product fields
 * as its screenshot. Returns null (and stores nothing) when the archive is empty or too large.
 */
export async function archivePage(
  d: DB,
  req: CaptureRequest,
  screenshot: Evidence,
  save: SaveMhtml,
): Promise<Evidence | null> {
  const data = await savedBytes(req.tabId, save);
  if (!data) return null;
  if (data.byteLength === 0 || data.byteLength > MAX_ARCHIVE_BYTES) return null;
  const { tabId: _tabId, reason: _reason, kind: _kind, ...meta } = req;
  return appendEvidence(
    d,
    {
      ...meta,
      kind: 'page-archive',
      capturedAt: screenshot.capturedAt,
      mime: MHTML_MIME,
      bytes: data.byteLength,
      sha256: await sha256Hex(data),
      fileName: fileNameOf(req),
      note: `MHTML of the page in screenshot ${screenshot.id}`,
    },
    data,
  );
}
