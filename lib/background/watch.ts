/**
 * The background watch: run the pure rules over what is stored, keep alert state (first seen,
 * notified, dismissed, snoozed) in IndexedDB, and schedule the next wake-up from stored absolute
 * deadlines. Everything here is idempotent: running it twice, or after a worker restart, changes
 * nothing and notifies nobody twice.
 */
import { getMeta, setMeta, type AlertRecord, type DB } from '../store/db';
import { META } from '../store/meta';
import type { Alert, PageSnapshot, Settings } from '../core/model';
import { evaluate, nextDeadlines } from '../rules';
import { isOpen } from '../store/alert-open';
import { NO_PLATFORM, orderRef } from '../core/keys';

export interface WatchResult {
  active: AlertRecord[];
  /** Alerts to notify now: active, never notified, not dismissed, not snoozed, outside quiet hours. */
  toNotify: Alert[];
  nextWake: number | null;
}

/** True inside the shopper's quiet hours (local hours, may wrap midnight). */
export function inQuietHours(now: number, quiet: Settings['quietHours'], timeZone?: string): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) }).format(
      new Date(now),
    ),
  );
  return quiet.start < quiet.end ? hour >= quiet.start && hour < quiet.end : hour >= quiet.start || hour < quiet.end;
}

/** Orders the shopper asked us to stop watching: their snapshots and linked shipments are left out. */
async function unwatched(d: DB): Promise<Set<string>> {
  return new Set((await getMeta(d, META.unwatchedOrders)) ?? []);
}

function watched(s: PageSnapshot, stop: Set<string>): boolean {
  if (stop.size === 0) return true;
  if (s.kind === 'order') return !stop.has(orderRef(s.platform, s.orderId));
  if (s.kind === 'logistics' && s.orderId) return !stop.has(orderRef(s.platform ?? NO_PLATFORM, s.orderId));
  return true;
}

export { isOpen } from '../store/alert-open';

export async function runWatch(d: DB, now: number, settings: Settings): Promise<WatchResult> {
  const stop = await unwatched(d);
  const [snapshots, tickets] = await Promise.all([d.getAll('snapshots'), d.getAll('tickets')]);
  const history = { snapshots: snapshots.filter((s) => watched(s, stop)), tickets };
  const alerts = evaluate(history, now, settings);
  const deadlines = nextDeadlines(history, now, settings).filter((t) => t > now);

  const tx = d.transaction('alerts', 'readwrite', { durability: 'strict' });
  const existing = new Map((await tx.store.getAll()).map((r) => [r.id, r]));
  const current = new Set(alerts.map((a) => a.id));
  const quiet = inQuietHours(now, settings.quietHours);
  const toNotify: Alert[] = [];
  const active: AlertRecord[] = [];
  for (const alert of alerts) {
    const prev = existing.get(alert.id);
    const rec: AlertRecord = { ...(prev ?? { firstSeenAt: now }), id: alert.id, alert, lastSeenAt: now, active: true };
    if (isOpen(rec, now) && rec.notifiedAt === undefined && settings.notifications && !quiet) {
      rec.notifiedAt = now; // marked before the notification is shown: a crash in between never shows it twice
      toNotify.push(alert);
    }
    await tx.store.put(rec);
    active.push(rec);
  }
  for (const [id, prev] of existing) {
    if (!current.has(id) && prev.active) await tx.store.put({ ...prev, active: false });
  }
  const snoozes = active.map((r) => r.snoozedUntil ?? 0).filter((t) => t > now);
  const nextWake = [...deadlines, ...snoozes].reduce<number | null>((m, t) => (m === null || t < m ? t : m), null);
  await tx.done;
  await setMeta(d, META.nextWake, nextWake);
  return { active, toNotify, nextWake };
}

export async function dismissAlert(d: DB, id: string, now: number, snoozeUntil?: number): Promise<boolean> {
  const tx = d.transaction('alerts', 'readwrite', { durability: 'strict' });
  const rec = await tx.store.get(id);
  if (!rec) return false;
  await tx.store.put(snoozeUntil !== undefined ? { ...rec, snoozedUntil: snoozeUntil } : { ...rec, dismissedAt: now });
  await tx.done;
  return true;
}

export async function setOrderWatched(d: DB, platform: string, orderId: string, watch: boolean): Promise<void> {
  const stop = await unwatched(d);
  if (watch) stop.delete(orderRef(platform, orderId));
  else stop.add(orderRef(platform, orderId));
  await setMeta(d, META.unwatchedOrders, [...stop]);
}

export async function openAlerts(d: DB, now: number): Promise<AlertRecord[]> {
  return (await d.getAll('alerts')).filter((r) => isOpen(r, now));
}
