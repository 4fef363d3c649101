/** The order evidence page over the extension: the order from stored snapshots, its evidence by index, attachments chained here. */
import type { OrderPageActions } from '@/components/evidence/OrderEvidencePage';
import { attachFile } from './attach';
import { db } from '../store/db';
import { thumbnails } from '../store/thumbnails';
import type { OrderRef } from '../core/order-page';
import { orderEvidence, orderRows, type OrderRow } from '../core/order-rows';
import { loadSettings } from '../store/settings';
import { orderIndexKey } from '../core/keys';

/** The order as its stored pages tell it (latest snapshot, paid, shop), or null when none was read. */
export async function loadOrderRow(order: OrderRef): Promise<OrderRow | null> {
  const d = await db();
  const [snaps, settings] = await Promise.all([
    d.getAllFromIndex('snapshots', 'byOrderKey', orderIndexKey(order.platform, order.orderId)),
    loadSettings(),
  ]);
  return orderRows(snaps, settings).find((r) => r.platform === order.platform && r.orderId === order.orderId) ?? null;
}

export function createOrderPageActions(): OrderPageActions {
  const thumbs = thumbnails();
  return {
    async orderEvidence(order) {
      return orderEvidence(await (await db()).getAllFromIndex('evidence', 'byOrderId', order.orderId), order.platform);
    },
    ...thumbs,
    async attach(file, order) {
      await attachFile(file, order);
    },
  };
}
