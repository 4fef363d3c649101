/** The order evidence page over the extension: the order from stored snapshots, its evidence by index, attachments chained here. */
import type { OrderPageActions } from '@/components/OrderEvidencePage';
import { attachFile } from './attach';
import { db } from './db';
import type { OrderRef } from './order-page';
import { orderEvidence, orderRows, type OrderRow } from './order-rows';
import { loadSettings } from './settings';

/** The order as its stored pages tell it (latest snapshot, paid, shop), or null when none was read. */
export async function loadOrderRow(order: OrderRef): Promise<OrderRow | null> {
  const d = await db();
  const [snaps, settings] = await Promise.all([d.getAllFromIndex('snapshots', 'byOrderKey', `order:${order.platform}:${order.orderId}`), loadSettings()]);
  return orderRows(snaps, settings).find((r) => r.platform === order.platform && r.orderId === order.orderId) ?? null;
}

export function createOrderPageActions(): OrderPageActions {
  const urls = new Set<string>();
  addEventListener('unload', () => urls.forEach((u) => URL.revokeObjectURL(u)));
  return {
    async orderEvidence(order) {
      return orderEvidence(await (await db()).getAllFromIndex('evidence', 'byOrderId', order.orderId), order.platform);
    },
    async thumbnail(id) {
      const blob = await (await db()).get('blobs', id);
      if (!blob) return null;
      const url = URL.createObjectURL(new Blob([blob.data as Uint8Array<ArrayBuffer>], { type: blob.mime }));
      urls.add(url);
      return url;
    },
    releaseThumbnail(url) {
      if (urls.delete(url)) URL.revokeObjectURL(url);
    },
    async attach(file, order) {
      await attachFile(file, order);
    },
  };
}
