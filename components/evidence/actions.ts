/**
 * What the evidence page (evidence.html) may ask for: its contract, for both of its views. The order view
 * (`?order=<platform>:<orderId>`, OrderEvidencePage) lists an order's evidence and chains the shopper's own
 * files under it; the record view (`#<evidenceId>`, EvidenceView) shows one record full size and can delete
 * its bytes. lib/pages/evidence-connector.ts implements it over the extension, and entrypoints/evidence passes
 * it in, which typechecks the fit; actions.mock.ts beside this file implements it with plain objects and
 * sample data, for unit tests and for rendering the page without the extension.
 */
import type { Evidence, OrderSnapshot } from '@/lib/core/model';
import type { OrderRef } from '@/lib/core/order-page';
import type { OrderEvidenceItem, OrderRow } from '@/lib/core/order-rows';
import type { AppOrderActions } from '../shared/AppOrderForm';
import type { ThumbnailActions } from '../shared/EvidenceGallery';

export type { AppOrderActions };

/** The order view, and "添加App订单" (`?add=app-order`, and inline on an order's page). */
export interface OrderPageActions extends ThumbnailActions, AppOrderActions {
  /** The order's latest stored snapshot (to edit an order typed in by hand), or null. */
  loadOrder(order: OrderRef): Promise<OrderSnapshot | null>;
  /** The order's evidence, newest first, without deletion records (as the popup's gallery lists it). */
  orderEvidence(order: OrderRef): Promise<OrderEvidenceItem[]>;
  /** Hashes one file and appends it to the chain with the order's id and platform. */
  attach(file: File, order: OrderRef): Promise<void>;
}

/** One record as the record view shows it. */
export interface EvidenceRecordView {
  /** Null when no record has that id. */
  record: Evidence | null;
  /** An object URL for the record's bytes; null when they are gone (deleted or pruned). */
  src: string | null;
  /** Later times at which the identical page content was seen again (not stored twice). */
  seenAgain: number[];
}

export interface EvidenceActions extends OrderPageActions {
  /** The order as its stored pages tell it (latest snapshot, paid, shop), or null when none was read. */
  loadOrderRow(order: OrderRef): Promise<OrderRow | null>;
  loadRecord(evidenceId: string): Promise<EvidenceRecordView>;
  /** Deletes the record's bytes through the background (the record stays, a deletion record is chained). */
  deleteRecord(evidenceId: string): Promise<void>;
}
