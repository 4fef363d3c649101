/**
 * What the worker keeps between runs in the `meta` store (lib/store/meta.ts lists the keys): captures in
 * flight and parked, failures the popup reports, the re-check schedule. Plain data, no behaviour, so the
 * store can name the types without importing the worker.
 */
import type { EvidenceKind, Platform } from './model';

export type { CaptureFailure } from './stored';

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
  /**
   * 'stall': a daily capture of a logistics page while a stall alert is open. The page may look exactly as
   * yesterday; that sameness, dated, is the evidence, so the same-content rule does not apply to it.
   */
  reason?: 'stall';
}

/** Captures, stores and returns the evidence; on final failure records it and rethrows. */
export interface PendingCapture {
  key: string;
  req: CaptureRequest;
  at: number;
}

export interface ParkedCapture {
  req: CaptureRequest;
  at: number;
}

/** The last screenshot of one page (URL without its fragment): what "identical page content" is compared with. */
export interface LastShot {
  evidenceId: string;
  contentSha256: string;
}

export interface RecheckState {
  /** product key → when it may be fetched next, and consecutive failures */
  [key: string]: { nextAt: number; failures: number };
}
