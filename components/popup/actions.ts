/**
 * What the UI may ask for. Popup/options implement it over the extension (lib/pages/popup-connector.ts);
 * tests implement it with plain objects. Components never touch browser APIs.
 */
import type { Alert, Money, Platform, PriceSource, Settings } from '@/lib/core/model';
import type { OrderEvidenceItem, OrderRow } from '@/lib/core/order-rows';

export interface ProductRow {
  key: string;
  platform: Platform;
  productId: string;
  title: string;
  url: string;
  price: Money;
  listPrice?: Money;
  /** Which layer gave the price ('user' when the shopper corrected or picked it). */
  priceSource?: PriceSource;
  seenAt: number;
  observations: number;
  evidenceId?: string;
  /** Oldest first, thinned; with the paid unit price and window when the product is in an order. */
  history?: { at: number; amount: number }[];
  paidUnit?: number;
  window?: { start: number; end: number };
}

export interface PopupData {
  products: ProductRow[];
  orders: OrderRow[];
  captureFailures: number;
  /** The latest capture failed because storage is full (QuotaExceededError). */
  storageFull?: boolean;
  /** Open alerts (not dismissed, not snoozed). */
  alerts: Alert[];
  settings: Settings;
  /** The background's clock (the test build can move it). */
  now: number;
}

export interface PopupActions {
  load(): Promise<PopupData>;
  /** An object/data URL for an evidence image, or null when its bytes are gone. */
  thumbnail(evidenceId: string): Promise<string | null>;
  openEvidence(evidenceId: string): void;
  /** Opens the order's evidence page in a tab: everything the order has, and where to add attachments. */
  openOrderEvidence(order: Pick<OrderRow, 'platform' | 'orderId'>): void;
  /** Frees an object URL `thumbnail` made, once its image is no longer shown. */
  releaseThumbnail?(url: string): void;
  /** Evidence counts of these orders, by OrderRow.key, from an index (no blobs, no other records). */
  evidenceCounts(orders: Pick<OrderRow, 'key' | 'platform' | 'orderId'>[]): Promise<Record<string, number>>;
  /** One order's evidence, newest first: facts only; images are read by `thumbnail` when shown. */
  orderEvidence(order: Pick<OrderRow, 'platform' | 'orderId'>): Promise<OrderEvidenceItem[]>;
  /** `sameAs`: the page looked exactly as in the screenshot taken then, so no second copy was stored. */
  captureNow(): Promise<{ ok: true; sameAs?: number } | { ok: false; error: string; storageFull?: boolean }>;
  openOptions(): void;
  dismiss(alertId: string): Promise<void>;
  snooze(alertId: string): Promise<void>;
  buildTicket(alert: Alert): void;
  /** "That's not the price": the shopper's own price, stored as a new snapshot with source 'user'. */
  correctPrice(
    platform: Platform,
    productId: string,
    price: Money,
  ): Promise<{ ok: true } | { ok: false; error: string }>;
  /** Starts the price element picker in the active shop tab. */
  pickPrice(): Promise<{ ok: true } | { ok: false; error: string }>;
  verifyEvidence(): Promise<{ ok: boolean; records: number; problems: { evidenceId: string; reason: string }[] }>;
  /** Remembers the shopper's language choice (settings.language). */
  setLanguage?(lang: 'zh-CN' | 'en'): Promise<void>;
  /** Test build only: moves the background clock forward (demo and e2e time travel). */
  timeTravel?(hours: number): Promise<void>;
}
