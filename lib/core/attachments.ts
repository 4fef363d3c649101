/**
 * Attachments the shopper adds (chat logs, receipts, unboxing photos/videos, inspection reports):
 * evidence too, hashed and chained like screenshots. Limits keep one file from filling the disk.
 */
import type { EvidenceKind } from './model';

const MB = 1024 * 1024;

export const ATTACHMENT_LIMITS: { test: RegExp; max: number }[] = [
  { test: /^video\//, max: 200 * MB },
  { test: /^image\//, max: 20 * MB },
  { test: /^application\/pdf$/, max: 20 * MB },
  { test: /^text\//, max: 5 * MB },
];

export type AttachmentCheck = { ok: true } | { ok: false; reason: 'type' | 'size'; maxBytes?: number };

export function checkAttachment(mime: string, bytes: number): AttachmentCheck {
  const rule = ATTACHMENT_LIMITS.find((r) => r.test.test(mime));
  if (!rule) return { ok: false, reason: 'type' };
  if (bytes > rule.max || bytes === 0) return { ok: false, reason: 'size', maxBytes: rule.max };
  return { ok: true };
}

export const ATTACHMENT_KIND: EvidenceKind = 'attachment';
