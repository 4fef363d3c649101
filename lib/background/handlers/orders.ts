/**
 * `order/add`: an order placed in a phone app, typed in by the shopper on an extension page. Checked (lib/core/
 * manual-order.ts), stored like a captured order with `source: 'manual'`, its entry chained as an `order-entry`
 * record, and evaluated by the same rules. An edit is a new snapshot and a new entry record; nothing is rewritten.
 */
import { checkManualOrder, manualSnapshot, orderEntryDraft } from '../../core/manual-order';
import { orderIndexKey } from '../../core/keys';
import { now } from '../../store/clock';
import { addSnapshot, latestSnapshot } from '../../store/db';
import { appendEvidence } from '../../store/evidence-store';
import { evaluateAndNotify } from '../evaluate-and-notify';
import type { Handlers } from '../router';

export const orderHandlers: Pick<Handlers, 'order/add'> = {
  'order/add': {
    from: 'page',
    changesData: true,
    async handle(m, { db: d }) {
      const at = now();
      const stored = (await latestSnapshot(d, orderIndexKey(m.snapshot.platform, m.snapshot.orderId))) !== undefined;
      const edit = m.edit === true;
      const refused = checkManualOrder(m.snapshot, { now: at, stored, edit });
      if (refused) return refused;
      const snapshot = manualSnapshot(m.snapshot, at);
      const snapshotId = await addSnapshot(d, snapshot);
      const record = await appendEvidence(d, await orderEntryDraft(snapshot, snapshotId, edit), null);
      await evaluateAndNotify();
      return { ok: true, snapshotId, evidenceId: record.id };
    },
  },
};
