/**
 * Full-page evidence beside the screenshot: an MHTML archive of the whole page (every section below the
 * fold, the text as text, its images), where the browser can make one. Chrome has `pageCapture`
 * (an optional permission the shopper grants in Settings); Firefox has no such API, and the UI says so.
 * Background only.
 */
import type { CaptureRequest } from './capture';
import type { DB } from './db';
import { appendEvidence } from './evidence-store';
import { sha256Hex } from './hash';
import type { Evidence, EvidenceKind } from './model';

export const MHTML_MIME = 'application/x-mimearchive';
/** A shop page with its images is a few MB; anything far larger is not a page worth keeping whole. */
export const MAX_ARCHIVE_BYTES = 25 * 1024 * 1024;

/** Which screenshots get an archive beside them: orders, parcels and what the shopper captured by hand. */
const ARCHIVED: ReadonlySet<EvidenceKind> = new Set(['order-screenshot', 'logistics-screenshot', 'page-screenshot']);

/**
 * storage.local key: the shopper turned archives on in Settings. Kept apart from Settings so the settings
 * form, which saves every field it loaded, can never switch it back.
 */
export const ARCHIVE_PREF = 'pageArchive';

export type SaveMhtml = (tabId: number) => Promise<Blob | ArrayBuffer | undefined>;

export type ArchiveSupport = 'granted' | 'missing' | 'unsupported';

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

/**
 * Saves the tab as MHTML and appends it to the evidence chain with the same order/parcel/product fields
 * as its screenshot. Returns null (and stores nothing) when the archive is empty or too large.
 */
export async function archivePage(d: DB, req: CaptureRequest, screenshot: Evidence, save: SaveMhtml): Promise<Evidence | null> {
  const raw = await save(req.tabId);
  if (!raw) return null;
  const data = new Uint8Array(raw instanceof Blob ? await raw.arrayBuffer() : raw);
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
