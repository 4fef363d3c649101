/**
 * Storage use per order and the "closed more than N days ago" choice: the shapes and the pure part.
 * lib/store/storage-usage.ts works them out from the database (which orders are closed and why, whose
 * evidence is whose); the options page shows them (lib/core/options-view.ts).
 */
import type { Platform } from './model';

export type OpenReason = 'window-open' | 'window-unknown' | 'not-delivered' | 'open-alert' | 'open-ticket' | 'no-order';

export interface OrderState {
  /** The order's `orderRef` (lib/core/keys.ts), as the popup's rows and the unwatched-orders list key it. */
  key: string;
  platform: Platform;
  orderId: string;
  title: string;
  status?: string;
  /** Latest end of the order's protection windows, when known. */
  windowEnd?: number;
  /** The latest thing known about the order: page capture, parcel scan, window end. */
  lastActivity: number;
  closed: boolean;
  /** Why the order is still open; empty when closed. */
  openReasons: OpenReason[];
}

export interface OrderUsage extends Omit<OrderState, 'platform' | 'title'> {
  /** Null for evidence naming an order no page of which was ever stored. */
  platform: Platform | null;
  title: string;
  /** Evidence records whose bytes are still stored. */
  evidence: number;
  bytes: number;
  /** Those records' ids, oldest first: what "delete without archiving" would remove. */
  ids: string[];
}

export interface StorageUsage {
  /** Orders with stored evidence bytes, largest first. */
  orders: OrderUsage[];
  /** Evidence not linked to any order. */
  other: { evidence: number; bytes: number };
  /** All evidence whose bytes are still stored. */
  total: { evidence: number; bytes: number };
  /** Evidence removed by a deletion record (bytes gone, record kept in the chain). */
  deleted: number;
}

const DAY = 86_400_000;

/** Closed orders whose last activity is at least `days` days before `now`: the "older than N days" choice. */
export function closedOlderThan(orders: readonly OrderUsage[], now: number, days: number): string[] {
  return orders.filter((o) => o.closed && o.bytes > 0 && now - o.lastActivity >= days * DAY).map((o) => o.key);
}
