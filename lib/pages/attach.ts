/**
 * Adding one of the shopper's own files (chat log, receipt, unboxing photo or video, inspection report)
 * to the evidence chain, from an extension page: the ticket page and the order evidence page both use it.
 * The bytes are hashed here and the record sealed onto the chain's tail (appendEvidence re-seals if the
 * worker appended meanwhile).
 */
import { backgroundNow } from './background-now';
import { db } from '../store/db';
import { ATTACHMENT_KIND, checkAttachment } from '../core/attachments';
import { appendEvidence } from '../store/evidence-store';
import { sha256Hex } from '../core/hash';
import type { Evidence, Platform } from '../core/model';

/** The order a file belongs to; an attachment without one is still chained, just not filed under an order. */
export interface AttachTarget {
  orderId?: string;
  platform?: Platform;
  /** What the file shows, when the page knows (an app order's screen: lib/core/manual-order.ts). */
  caption?: string;
}

/** Hashes and chains one file; refuses (throws) what checkAttachment refuses, so no caller can skip the limits. */
export async function attachFile(file: File, to: AttachTarget = {}): Promise<Evidence> {
  const mime = file.type || 'application/octet-stream';
  const check = checkAttachment(mime, file.size);
  if (!check.ok)
    throw new Error(
      check.reason === 'type' ? `unsupported type ${mime}` : `size ${file.size} B outside 1..${check.maxBytes ?? 0} B`,
    );
  const data = new Uint8Array(await file.arrayBuffer());
  const name = file.name.slice(0, 300);
  const d = await db();
  const capturedAt = await backgroundNow();
  return appendEvidence(
    d,
    {
      kind: ATTACHMENT_KIND,
      capturedAt,
      mime,
      bytes: data.byteLength,
      sha256: await sha256Hex(data),
      fileName: name,
      title: name,
      ...(to.orderId ? { orderId: to.orderId } : {}),
      ...(to.platform ? { platform: to.platform } : {}),
      ...(to.caption ? { caption: to.caption } : {}),
    },
    data,
  );
}
