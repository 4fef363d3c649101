/** Alerts and what the shopper does about them: evaluate now, dismiss or snooze, tickets, watching an order. */
import { now } from '../../store/clock';
import { evaluateAndNotify } from '../evaluate-and-notify';
import type { Handlers } from '../router';
import { onNotificationClicked } from '../open-alert';
import { dismissAlert, openAlerts, setOrderWatched } from '../watch';

export const alertHandlers: Pick<
  Handlers,
  'alerts/evaluate' | 'alert/dismiss' | 'ticket/save' | 'order/watch' | 'banner/open'
> = {
  // The phone's banner (lib/background/banner.ts) opens what a notification's click would: the alert's ticket page,
  // a reminder's 价保 page. Only pages the worker itself builds or stored; the id names, it never carries a URL.
  'banner/open': {
    from: 'content',
    changesData: false,
    async handle(m) {
      onNotificationClicked(m.id);
      return { ok: true };
    },
  },
  'alerts/evaluate': {
    from: 'page',
    changesData: true,
    async handle(_m, { db: d }) {
      await evaluateAndNotify();
      return { ok: true, alerts: (await openAlerts(d, now())).map((r) => r.alert) };
    },
  },
  'alert/dismiss': {
    from: 'page',
    changesData: true,
    async handle(m, { db: d }) {
      const ok = await dismissAlert(d, m.id, now(), m.snoozeUntil);
      await evaluateAndNotify();
      return ok ? { ok: true } : { ok: false, error: 'no such alert' };
    },
  },
  'ticket/save': {
    from: 'page',
    changesData: true,
    async handle(m, { db: d }) {
      const tx = d.transaction('tickets', 'readwrite', { durability: 'strict' });
      await tx.store.put(m.ticket);
      await tx.done;
      // Sending starts (and answering stops) the 72 h answer timer.
      await evaluateAndNotify();
      return { ok: true };
    },
  },
  'order/watch': {
    from: 'page',
    changesData: true,
    async handle(m, { db: d }) {
      await setOrderWatched(d, m.platform, m.orderId, m.watch);
      await evaluateAndNotify();
      return { ok: true };
    },
  },
};
