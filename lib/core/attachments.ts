/**
 * Attachments the shopper adds (chat logs, receipts, unboxing photos/videos, inspection reports):
 * evidence too, hashed and chained like screenshots. Limits keep one file from filling the disk.
 */
import type { EvidenceKind } from './model';

const MB = 1024 * 1024;

/**
 * The evidence allow-list, for attachments and for restored files alike: formats a viewer shows as a picture,
 * a film, a document or plain text. Never markup that runs or styles itself (`text/html`, `image/svg+xml`,
 * XML): an evidence file opened from the extension must not become a page.
 */
export const ATTACHMENT_LIMITS: { test: RegExp; max: number }[] = [
  { test: /^video\/(mp4|webm|quicktime|3gpp|x-matroska)$/, max: 200 * MB },
  { test: /^image\/(jpeg|png|webp|gif|heic|heif|avif|bmp)$/, max: 20 * MB },
  { test: /^application\/pdf$/, max: 20 * MB },
  { test: /^text\/(plain|csv)$/, max: 5 * MB },
];

/** The file picker's `accept`: the same list, so the dialog offers only what will be taken. */
export const ATTACHMENT_ACCEPT =
  'image/jpeg,image/png,image/webp,image/gif,image/heic,image/heif,image/avif,image/bmp,' +
  'video/mp4,video/webm,video/quicktime,video/3gpp,video/x-matroska,application/pdf,text/plain,text/csv';

/** What the extension itself stores: page archives (MHTML), time-stamp tokens, the chain's own records. */
const OWN_EVIDENCE_TYPES = new Set([
  'application/x-mimearchive',
  'multipart/related',
  'application/timestamp-reply',
  'application/timestamp-token',
  'application/x-shopwitness-chain',
  'application/x-shopwitness-deletion',
  'application/x-shopwitness-order-entry',
]);

/** A stored evidence file's type may be restored or bundled: the attachment list plus the extension's own. */
export function isEvidenceType(mime: string): boolean {
  const type = mime.split(';')[0]!.trim().toLowerCase();
  return OWN_EVIDENCE_TYPES.has(type) || ATTACHMENT_LIMITS.some((r) => r.test.test(type));
}

export type AttachmentCheck = { ok: true } | { ok: false; reason: 'type' | 'size'; maxBytes?: number };

export function checkAttachment(mime: string, bytes: number): AttachmentCheck {
  const type = mime.split(';')[0]!.trim().toLowerCase();
  const rule = ATTACHMENT_LIMITS.find((r) => r.test.test(type));
  if (!rule) return { ok: false, reason: 'type' };
  if (bytes > rule.max || bytes === 0) return { ok: false, reason: 'size', maxBytes: rule.max };
  return { ok: true };
}

export const ATTACHMENT_KIND: EvidenceKind = 'attachment';
