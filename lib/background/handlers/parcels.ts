/**
 * `parcel/attach`: a parcel read from a public tracking page whose number no order lists (lib/background/
 * parcel-owner.ts kept it as a parcel of its own) is attached by the shopper to one of their orders. Nothing stored is
 * rewritten: the order gets a new snapshot, a copy of its latest one with the number appended to its
 * `trackingNumbers` (or `returnTrackingNumbers` for a return), and the parcel a new snapshot filed under that order,
 * as parcel-owner files it. Then the rules run again, as after any change of data.
 */
import type { LogisticsSnapshot, OrderSnapshot } from '../../core/model';
import { orderIndexKey } from '../../core/keys';
import { now } from '../../store/clock';
import { addSnapshot, latestSnapshot } from '../../store/db';
import { trackingKey } from '../../rules/history';
import { evaluateAndNotify } from '../evaluate-and-notify';
import { orderSnapshots, ownerOf } from '../parcel-owner';
import type { Handlers } from '../router';
import { refuseAttach as refuse } from '../../core/parcel-attach';

/** A stored record's snapshot, without the store's own fields. */
function bare<S extends object>(r: S & { id?: number; key?: string; orderKey?: string; tabTitle?: string }) {
  const { id: _id, key: _key, orderKey: _orderKey, tabTitle, ...s } = r;
  return { snapshot: s, tabTitle };
}

export const parcelHandlers: Pick<Handlers, 'parcel/attach'> = {
  'parcel/attach': {
    from: 'page',
    changesData: true,
    async handle(m, { db: d }) {
      const direction = m.direction ?? 'forward';
      const last = await latestSnapshot(d, orderIndexKey(m.platform, m.orderId));
      if (!last || last.kind !== 'order') return refuse('unknown-order');
      const parcel = await latestSnapshot(d, `logistics:${m.trackingNumber}`);
      if (!parcel || parcel.kind !== 'logistics') return refuse('unknown-parcel');
      const owner = ownerOf(await orderSnapshots(d), m.trackingNumber);
      const sameOrder = owner && owner.order.platform === m.platform && owner.order.orderId === m.orderId;
      if (owner && !sameOrder) return refuse('other-order');
      if (parcel.orderId && (parcel.orderId !== m.orderId || (parcel.platform ?? null) !== m.platform))
        return refuse('other-order');

      let orderSnapshotId: number | null = null;
      if (!owner || owner.direction !== direction) {
        const { snapshot: order, tabTitle } = bare(last as OrderSnapshot & { id?: number; key: string });
        const field = direction === 'return' ? 'returnTrackingNumbers' : 'trackingNumbers';
        const key = trackingKey(m.trackingNumber);
        const list = (order[field] ?? []).filter((n) => trackingKey(n) !== key);
        const next: OrderSnapshot = { ...order, [field]: [...list, m.trackingNumber], capturedAt: now() };
        orderSnapshotId = await addSnapshot(d, next, tabTitle);
      }

      const { snapshot: prev, tabTitle } = bare(parcel as LogisticsSnapshot & { id?: number; key: string });
      const { direction: _dir, ...rest } = prev;
      const filed: LogisticsSnapshot = {
        ...rest,
        platform: m.platform,
        orderId: m.orderId,
        ...(direction === 'return' ? { direction } : {}),
        ...(rest.carrier || !last.carrier ? {} : { carrier: last.carrier }),
      };
      const parcelSnapshotId = await addSnapshot(d, filed, tabTitle);
      await evaluateAndNotify();
      return { ok: true, orderSnapshotId, parcelSnapshotId };
    },
  },
};
