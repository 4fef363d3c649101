/**
 * The evidence page over the extension: the order from stored snapshots, its evidence by index, attachments
 * chained here; one record with its bytes, deleted through the background. createEvidenceActions implements
 * the page's contract (components/evidence/actions.ts, EvidenceActions) structurally (lib/ never imports a
 * view): entrypoints/evidence hands it to the page, which typechecks the fit.
 */
import { send } from './send';
import { attachFile } from './attach';
import { db, getMeta, latestSnapshot } from '../store/db';
import { thumbnails } from '../store/thumbnails';
import type { Evidence, OrderSnapshot } from '../core/model';
import { APP_ORDER_SCREEN_CAPTION } from '../core/manual-order';
import { backgroundNow } from './background-now';
import type { OrderRef } from '../core/order-page';
import { orderEvidence, orderRows, type OrderEvidenceItem, type OrderRow } from '../core/order-rows';
import { META } from '../store/meta';
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

/** One record, an object URL for its bytes (null when they are gone) and when its page was seen again. */
export async function loadRecord(
  id: string,
): Promise<{ record: Evidence | null; src: string | null; seenAgain: number[] }> {
  const d = await db();
  const [record, blob, seenAgain] = await Promise.all([
    d.get('evidence', id),
    d.get('blobs', id),
    getMeta(d, META.seenAgain(id)),
  ]);
  const src = blob ? URL.createObjectURL(new Blob([blob.data as Uint8Array<ArrayBuffer>], { type: blob.mime })) : null;
  return { record: record ?? null, src, seenAgain: seenAgain ?? [] };
}

export function createEvidenceActions() {
  const thumbs = thumbnails();
  return {
    loadOrderRow,
    async orderEvidence(order: OrderRef): Promise<OrderEvidenceItem[]> {
      return orderEvidence(await (await db()).getAllFromIndex('evidence', 'byOrderId', order.orderId), order.platform);
    },
    ...thumbs,
    async attach(file: File, order: OrderRef): Promise<void> {
      await attachFile(file, order);
    },
    async loadOrder(order: OrderRef): Promise<OrderSnapshot | null> {
      const last = await latestSnapshot(await db(), orderIndexKey(order.platform, order.orderId));
      if (!last || last.kind !== 'order') return null;
      const { id: _id, key: _key, orderKey: _ok, tabTitle: _t, ...snapshot } = last;
      return snapshot;
    },
    addOrder: (snapshot: OrderSnapshot, edit: boolean) => send({ type: 'order/add', snapshot, edit }),
    async attachAppScreen(file: File, order: OrderRef): Promise<void> {
      await attachFile(file, { ...order, caption: APP_ORDER_SCREEN_CAPTION });
    },
    now: backgroundNow,
    loadRecord,
    async deleteRecord(id: string): Promise<void> {
      await send({ type: 'evidence/delete', id });
    },
  };
}
