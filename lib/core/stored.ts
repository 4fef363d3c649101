/**
 * What the worker keeps, as every context sees it: the IndexedDB record shapes (lib/store/db.ts writes
 * them) and the answers made of them (`backup/export`, lib/core/messages.ts). Types only.
 */
import type { Alert, Evidence, EvidenceKind, PageSnapshot } from './model';

export type SnapshotRecord = PageSnapshot & {
  id?: number;
  /** product:<platform>:<productId> | order:<platform>:<orderId> | logistics:<trackingNumber> */
  key: string;
  /** order:<platform>:<orderId> for orders and linked shipments; product key for products. */
  orderKey?: string;
  tabTitle?: string;
};

export interface AlertRecord {
  id: string;
  alert: Alert;
  firstSeenAt: number;
  lastSeenAt: number;
  /** Set once a notification was shown: the same alert id never notifies twice. */
  notifiedAt?: number;
  dismissedAt?: number;
  snoozedUntil?: number;
  /** False once `evaluate` stops returning it. */
  active: boolean;
}

/** A screenshot or archive that could not be taken (meta `captureFailures`, counted in the popup). */
export interface CaptureFailure {
  at: number;
  url: string;
  kind: EvidenceKind;
  reason: string;
  /** The disk or the browser's quota is full: nothing new can be stored until space is freed. */
  full?: true;
  /**
   * Not a failure: an automatic screenshot skipped because the page asked for more than its budget
   * (lib/core/capture-budget.ts). Recorded once per page state or tab window.
   */
  rateLimited?: true;
}

/** What a capture returns: the stored evidence, or the earlier record the identical page content already has. */
export type CaptureOutcome = Evidence & { duplicateOf?: string; seenAgainAt?: number };
