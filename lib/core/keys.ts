/**
 * One spelling of identity. An order is `platform:orderId`, a product `platform:productId`; the snapshot
 * store indexes them with the kind in front (`order:jd:123`, `product:jd:100012043978`), and a parcel is its
 * tracking number. Every module that keys a map, an index look-up or a stored list by an order or a product
 * makes the key here, so two spellings can never disagree about which order a record belongs to.
 */
import type { PageSnapshot } from './model';

/** A logistics page that names no platform belongs to the order under this platform. */
export const NO_PLATFORM = 'generic';

/** `platform:orderId`: rows, the unwatched-orders list, storage use per order, the evidence page's `?order=`. */
export function orderRef(platform: string, orderId: string): string {
  return `${platform}:${orderId}`;
}

/** `platform:productId`: price histories and the popup's product rows. */
export function productRef(platform: string, productId: string): string {
  return `${platform}:${productId}`;
}

/** The snapshot store's `byOrderKey` index value of an order (its order page and its parcels' pages). */
export function orderIndexKey(platform: string | undefined, orderId: string): string {
  return `order:${orderRef(platform ?? NO_PLATFORM, orderId)}`;
}

/** The snapshot store's `byKey` index value of a product. */
export function productIndexKey(platform: string, productId: string): string {
  return `product:${productRef(platform, productId)}`;
}

/** The snapshot store's `byKey` index value: what the snapshot is about. */
export function snapshotKey(s: PageSnapshot): string {
  if (s.kind === 'product') return productIndexKey(s.platform, s.productId);
  if (s.kind === 'order') return orderIndexKey(s.platform, s.orderId);
  if (s.kind === 'claim') return `claim:${s.platform}:${s.orderId ?? s.productId ?? s.url}`;
  return `logistics:${s.trackingNumber}`;
}

/** The order a snapshot belongs to (`byOrderKey`): an order page, or a parcel page that names its order. */
export function snapshotOrderKey(s: PageSnapshot): string | undefined {
  if (s.kind === 'order') return orderIndexKey(s.platform, s.orderId);
  if ((s.kind === 'logistics' || s.kind === 'claim') && s.orderId) return orderIndexKey(s.platform, s.orderId);
  return undefined;
}

/** What a page state is about, for "captured once per page state": the parcel, else the order or product. */
export function subjectRef(s: PageSnapshot): string {
  if (s.kind === 'logistics') return s.trackingNumber;
  if (s.kind === 'claim') {
    if (s.orderId) return orderRef(s.platform, s.orderId);
    return s.productId ? productRef(s.platform, s.productId) : `claim:${s.url}`;
  }
  return s.kind === 'product' ? productRef(s.platform, s.productId) : orderRef(s.platform, s.orderId);
}
