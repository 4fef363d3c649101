/**
 * PopupActions over the real extension: reads go straight to IndexedDB (same origin as the worker,
 * no message round trip for a thousand rows); anything that captures or writes the chain goes through
 * the background.
 */
import { browser } from 'wxt/browser';
import type { PopupActions, PopupData, ProductRow } from '@/components/actions';
import { backgroundNow } from './background-now';
import { db, getMeta, type SnapshotRecord } from './db';
import { orderRows, priceHistories } from './order-rows';
import { loadSettings } from './settings';
import { isOpen } from './watch';
import type { Evidence, ProductSnapshot } from './model';

export function productRows(snapshots: SnapshotRecord[], evidence: Evidence[]): ProductRow[] {
  const latestEvidence = new Map<string, Evidence>();
  for (const e of evidence) {
    if (!e.productId || e.kind === 'deletion') continue;
    const k = `${e.platform}:${e.productId}`;
    const prev = latestEvidence.get(k);
    if (!prev || prev.seq < e.seq) latestEvidence.set(k, e);
  }
  const rows = new Map<string, ProductRow>();
  for (const s of snapshots) {
    if (s.kind !== 'product') continue;
    const p = s as ProductSnapshot & SnapshotRecord;
    const prev = rows.get(p.key);
    const observations = (prev?.observations ?? 0) + 1;
    if (prev && prev.seenAt > p.capturedAt) {
      prev.observations = observations;
      continue;
    }
    const ev = latestEvidence.get(`${p.platform}:${p.productId}`);
    rows.set(p.key, {
      key: p.key,
      platform: p.platform,
      productId: p.productId,
      title: p.title,
      url: p.url,
      price: p.price,
      ...(p.listPrice ? { listPrice: p.listPrice } : {}),
      ...(p.priceSource ? { priceSource: p.priceSource } : {}),
      seenAt: p.capturedAt,
      observations,
      ...(ev ? { evidenceId: ev.id } : {}),
    });
  }
  return [...rows.values()].sort((a, b) => b.seenAt - a.seenAt);
}

export function createPopupActions(): PopupActions {
  const urls: string[] = [];
  addEventListener('unload', () => urls.forEach((u) => URL.revokeObjectURL(u)));
  return {
    async load(): Promise<PopupData> {
      const d = await db();
      // The background's clock (moved in the test build) decides what is open and how long is left.
      const now = await backgroundNow();
      const [snapshots, evidence, failures, alerts, settings] = await Promise.all([
        d.getAll('snapshots'),
        d.getAll('evidence'),
        getMeta<unknown[]>(d, 'captureFailures'),
        d.getAll('alerts'),
        loadSettings(),
      ]);
      const orders = orderRows(snapshots, settings);
      const products = productRows(snapshots, evidence).slice(0, 200);
      // One pass each over the snapshots: a thousand orders must not make the popup quadratic.
      const histories = priceHistories(snapshots);
      const ownerOf = new Map<string, { orderId: string; unit?: number }>();
      for (const s of snapshots) {
        if (s.kind !== 'order') continue;
        for (const i of s.items) if (i.productId) ownerOf.set(`${s.platform}:${i.productId}`, { orderId: s.orderId, ...(i.unitPrice ? { unit: i.unitPrice.amount } : {}) });
      }
      const orderById = new Map(orders.map((o) => [`${o.platform}:${o.orderId}`, o]));
      for (const p of products) {
        const key = `${p.platform}:${p.productId}`;
        p.history = histories.get(key) ?? [];
        const owner = ownerOf.get(key);
        const row = owner ? orderById.get(`${p.platform}:${owner.orderId}`) : undefined;
        if (owner?.unit !== undefined) p.paidUnit = owner.unit;
        if (row?.windowStart !== undefined && row.windowEnd !== undefined) p.window = { start: row.windowStart, end: row.windowEnd };
      }
      return {
        products,
        orders,
        captureFailures: failures?.length ?? 0,
        alerts: alerts.filter((r) => isOpen(r, now)).map((r) => r.alert),
        settings,
        now,
      };
    },
    async thumbnail(id) {
      const blob = await (await db()).get('blobs', id);
      if (!blob) return null;
      const url = URL.createObjectURL(new Blob([blob.data as Uint8Array<ArrayBuffer>], { type: blob.mime }));
      urls.push(url);
      return url;
    },
    openEvidence(id) {
      void browser.tabs.create({ url: browser.runtime.getURL(`/evidence.html#${encodeURIComponent(id)}`) });
    },
    async captureNow() {
      const r = (await browser.runtime.sendMessage({ type: 'capture/manual' })) as { ok: boolean; error?: string; evidence?: { capturedAt: number; duplicateOf?: string } };
      if (!r.ok) return { ok: false, error: r.error ?? 'unknown error' };
      return r.evidence?.duplicateOf ? { ok: true, sameAs: r.evidence.capturedAt } : { ok: true };
    },
    openOptions() {
      void browser.runtime.openOptionsPage();
    },
    async dismiss(id) {
      await browser.runtime.sendMessage({ type: 'alert/dismiss', id });
    },
    async snooze(id) {
      await browser.runtime.sendMessage({ type: 'alert/dismiss', id, snoozeUntil: (await backgroundNow()) + 24 * 3_600_000 });
    },
    ...(import.meta.env.MODE === 'test'
      ? {
          async timeTravel(hours: number) {
            await browser.runtime.sendMessage({ type: 'test/clock', now: (await backgroundNow()) + hours * 3_600_000 });
          },
        }
      : {}),
    async setLanguage(language) {
      await browser.runtime.sendMessage({ type: 'settings/save', settings: { language } });
    },
    async verifyEvidence() {
      return (await browser.runtime.sendMessage({ type: 'evidence/verify' })) as Awaited<ReturnType<PopupActions['verifyEvidence']>>;
    },
    async correctPrice(platform, productId, price) {
      const r = (await browser.runtime.sendMessage({ type: 'price/correct', platform, productId, price })) as { ok: boolean; error?: string };
      return r.ok ? { ok: true } : { ok: false, error: r.error ?? 'unknown error' };
    },
    async pickPrice() {
      try {
        const r = (await browser.runtime.sendMessage({ type: 'picker/start' })) as { ok: boolean; error?: string };
        return r.ok ? { ok: true } : { ok: false, error: r.error ?? 'unknown error' };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
    buildTicket(alert) {
      void browser.tabs.create({ url: browser.runtime.getURL(`/ticket.html?alert=${encodeURIComponent(alert.id)}`) });
    },
  };
}
