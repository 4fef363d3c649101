/** Where a click on a notification leads: the ticket page for an alert, its shop page, a re-check reminder's page. */
import { browser } from 'wxt/browser';
import { db, getMeta } from '../store/db';
import { META } from '../store/meta';
import { orderIndexKey, productIndexKey } from '../core/keys';
import { claimPageFor } from '../core/claim-pages';
import { isClaimReminderId } from '../core/claim-reminders';
import { openClaimReminder } from './claims';

async function openForAlert(id: string, target: 'ticket' | 'page'): Promise<void> {
  const d = await db();
  const a = (await d.get('alerts', id))?.alert;
  let url = browser.runtime.getURL(`/ticket.html?alert=${encodeURIComponent(id)}`);
  if (target === 'page' && a?.orderId) {
    const snaps = await d.getAllFromIndex('snapshots', 'byOrderKey', orderIndexKey(a.platform, a.orderId));
    const order = snaps.find((s) => s.kind === 'order');
    if (order) url = order.url;
  } else if (target === 'page' && a?.productId && a.platform) {
    const snaps = await d.getAllFromIndex('snapshots', 'byKey', productIndexKey(a.platform, a.productId));
    if (snaps[0]) url = snaps[0].url;
  }
  await browser.tabs.create({ url });
}

/**
 * Chrome's notification buttons: 0 builds the ticket, 1 opens the shop page; a price alert on a platform with its own
 * 价保 page has that page first (lib/background/notify.ts), the others after it.
 */
export function onNotificationButton(id: string, index: number): void {
  void db()
    .then((d) => d.get('alerts', id))
    .then(async (rec) => {
      const claim = rec ? claimPageFor(rec.alert) : null;
      if (claim && index === 0) return void (await browser.tabs.create({ url: claim.url }));
      await openForAlert(id, index === (claim ? 1 : 0) ? 'ticket' : 'page');
    });
}

export function onNotificationClicked(id: string): void {
  const remind = META.recheckRemindOf(id);
  if (remind) {
    void db()
      .then((d) => getMeta(d, remind))
      .then(async (url) => {
        if (url) await browser.tabs.create({ url });
      });
    return;
  }
  if (id.startsWith('capture-') || id.startsWith('claim-ok:')) return;
  if (isClaimReminderId(id)) return void openClaimReminder(id);
  void openForAlert(id, 'ticket');
}
