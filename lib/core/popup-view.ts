/**
 * What the popup shows and what its actions answer: the view model shared by the popup's contract
 * (components/popup/actions.ts), its connector (lib/pages/popup-connector.ts) and the kept first screen
 * (lib/store/popup-view.ts). Types only.
 */
import type { Alert, Money, Platform, PriceSource, Settings } from './model';
import type { OrderRow } from './order-rows';
import type { PageStatus } from './page-note';
import type { ParcelAttachProblem } from './parcel-attach';

export type { PageStatus } from './page-note';

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

/**
 * A parcel read from a public tracking page whose number no order lists (lib/background/parcel-owner.ts keeps it as
 * a parcel of its own): the popup offers to attach it to one of the shopper's orders (`parcel/attach`).
 */
export interface StrayParcel {
  trackingNumber: string;
  carrier?: string;
  /** The newest event the page showed. */
  lastEvent?: { at: number; text: string };
  capturedAt: number;
}

export interface PopupData {
  products: ProductRow[];
  orders: OrderRow[];
  /** Parcels no order lists, newest read first (absent: none). */
  strayParcels?: StrayParcel[];
  captureFailures: number;
  /** Automatic screenshots skipped because a page asked for more than its budget (counted apart from failures). */
  capturesSkipped?: number;
  /** The latest capture failed because storage is full (QuotaExceededError). */
  storageFull?: boolean;
  /** Open alerts (not dismissed, not snoozed). */
  alerts: Alert[];
  settings: Settings;
  /** The background's clock (the test build can move it). */
  now: number;
  /**
   * Automatic screenshots can happen: the optional "all sites" permission is granted. Absent counts as
   * granted, for views computed before the popup asks.
   */
  captureGranted?: boolean;
  /** Trusted time, when the popup has something to say about it (absent: nothing). */
  stamping?: PopupStamping;
  /** The active tab, when it is a shop page: what we read on that shop, and why this page gave no price. */
  page?: PageStatus;
}

/** What the popup says about trusted time (lib/core/timestamp/schedule.ts decides when). */
export interface PopupStamping {
  /** Offer it once, with the reason: an order is captured, trusted time is off, the offer was never closed. */
  offer?: boolean;
  /** Records waiting longer than two intervals for a stamp (only while trusted time is on). */
  unstamped?: number;
  /** The latest token's TSA time minus the local clock at request, when more than 2 min apart (positive: slow). */
  clockDiffMs?: number;
}

/** A manual capture. `sameAs`: the page looked exactly as in the screenshot taken then (no second copy stored). */
export type CaptureNowResult = { ok: true; sameAs?: number } | { ok: false; error: string; storageFull?: boolean };

/** `parcel/attach` as the popup asks it: this parcel onto that order, as a forward or a return parcel. */
export interface ParcelAttach {
  trackingNumber: string;
  platform: Platform;
  orderId: string;
  direction?: 'forward' | 'return';
}

/** `parcel/attach`'s answer: done, or why not (`code` from lib/core/parcel-attach.ts when the background refused). */
export type AttachResult = { ok: true } | { ok: false; error: string; code?: ParcelAttachProblem };

/** Something the popup asked the background to do: done, or why not. */
export type ActionResult = { ok: true } | { ok: false; error: string };
