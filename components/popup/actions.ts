/**
 * What the popup may ask for: its contract. lib/pages/popup-connector.ts implements it over the extension
 * (entrypoints/popup passes the connector in, which typechecks the fit); actions.mock.ts beside this file
 * implements it with plain objects and sample data, for unit tests and for rendering the popup without the
 * extension. Components never touch browser APIs. The data it exchanges is lib/core's (lib/core/popup-view.ts).
 */
import type { Alert, EvidenceVerifyResult, Money, Platform } from '@/lib/core/model';
import type { OrderEvidenceItem, OrderRow } from '@/lib/core/order-rows';
import type { LedgerEntry, LedgerTotal } from '@/lib/core/ledger';
import type { ActionResult, AttachResult, CaptureNowResult, ParcelAttach, PopupData } from '@/lib/core/popup-view';

export type {
  ActionResult,
  AttachResult,
  CaptureNowResult,
  ParcelAttach,
  PopupData,
  PopupStamping,
  ProductRow,
  StrayParcel,
} from '@/lib/core/popup-view';

export interface RecoveredView {
  entries: LedgerEntry[];
  totals: LedgerTotal[];
}

export interface PopupActions {
  load(): Promise<PopupData>;
  /** An object/data URL for an evidence image, or null when its bytes are gone. */
  thumbnail(evidenceId: string): Promise<string | null>;
  openEvidence(evidenceId: string): void;
  /** Opens the order's evidence page in a tab: everything the order has, and where to add attachments. */
  openOrderEvidence(order: Pick<OrderRow, 'platform' | 'orderId'>): void;
  /** Opens "添加App订单" (an order placed in a phone app) on the evidence page, in a tab: a file dialog closes
   * Firefox's popup, and the form attaches the app's screenshots. */
  openAddOrder(): void;
  /** Frees an object URL `thumbnail` made, once its image is no longer shown. */
  releaseThumbnail?(url: string): void;
  /** Evidence counts of these orders, by OrderRow.key, from an index (no blobs, no other records). */
  evidenceCounts(orders: Pick<OrderRow, 'key' | 'platform' | 'orderId'>[]): Promise<Record<string, number>>;
  /** One order's evidence, newest first: facts only; images are read by `thumbnail` when shown. */
  orderEvidence(order: Pick<OrderRow, 'platform' | 'orderId'>): Promise<OrderEvidenceItem[]>;
  /** `sameAs`: the page looked exactly as in the screenshot taken then, so no second copy was stored. */
  captureNow(): Promise<CaptureNowResult>;
  openOptions(): void;
  /** Opens the onboarding page, where each optional feature is turned on from a button. */
  openOnboarding(): void;
  /** Opens Settings at its trusted time section (可信时间戳). */
  openStampSettings(): void;
  /** Closes the one-time offer of trusted time for good. */
  dismissStampOffer(): Promise<void>;
  dismiss(alertId: string): Promise<void>;
  snooze(alertId: string): Promise<void>;
  buildTicket(alert: Alert): void;
  /** "That's not the price": the shopper's own price, stored as a new snapshot with source 'user'. */
  correctPrice(platform: Platform, productId: string, price: Money): Promise<ActionResult>;
  /** Attaches a parcel no order lists to one of the shopper's orders (`parcel/attach`): new records, none rewritten. */
  attachParcel(parcel: ParcelAttach): Promise<AttachResult>;
  /** Starts the price element picker in the active shop tab. */
  pickPrice(): Promise<ActionResult>;
  verifyEvidence(): Promise<EvidenceVerifyResult>;
  /** Remembers the shopper's language choice (settings.language). */
  setLanguage?(lang: 'zh-CN' | 'en'): Promise<void>;
  /** Money recovered (lib/core/ledger.ts): every entry, newest first, and the sums per currency. */
  ledger?(): Promise<RecoveredView>;
  /** Test build only: moves the background clock forward (demo and e2e time travel). */
  timeTravel?(hours: number): Promise<void>;
}
