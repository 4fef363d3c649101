/**
 * The popup's actions (components/popup/actions.ts, PopupActions) over the real extension: reads go straight
 * to IndexedDB (same origin as the worker, no message round trip for a thousand rows); anything that captures
 * or writes the chain goes through the background.
 *
 * The first screen reads only what it shows: evidence records are never read in bulk, only through
 * the byOrderId / byProductId indexes for the rows on screen (a thousand orders with five thousand
 * evidence records must still open fast), and image bytes only when a thumbnail scrolls into view.
 *
 * It implements the contract structurally (lib/ never imports a view): entrypoints/popup hands it to the
 * popup, which typechecks the fit; the data it returns is lib/core's (lib/core/popup-view.ts).
 */
import { browser } from 'wxt/browser';
import { optionalFeatures } from './optional-features';
import { isOpen } from '../store/alert-open';
import { backgroundNow } from './background-now';
import { send } from './send';
import { storedNow } from '../store/clock';
import { db, getMeta, type DB } from '../store/db';
import { META } from '../store/meta';
import { currentView, evidenceCounts, freshView, keepView, rawSettings, type PopupView } from '../store/popup-view';
import { storedSettings } from '../store/settings-raw';
import { isStorageFull } from '../core/storage-full';
import { thumbnails } from '../store/thumbnails';
import { orderEvidence, type OrderEvidenceItem, type OrderRow } from '../core/order-rows';
import type { Alert, EvidenceVerifyResult, Money, Platform } from '../core/model';
import type {
  ActionResult,
  AttachResult,
  CaptureNowResult,
  ParcelAttach,
  PopupData,
  PopupStamping,
} from '../core/popup-view';
import { STAMP_OFFER_DISMISSED } from '../core/storage-keys';
import { unstampedBehind, type StampingState } from '../core/timestamp/schedule';
import { ADD_ORDER_PATH, orderPagePath } from '../core/order-page';
import { loadLedger } from './ledger';
import { pageStatus, shopOfUrl, tabNoteKey, type PageStatus } from '../core/page-note';

/** The active tab, when it is a shop page, with the note its content script left (lib/background/tab-reads.ts). */
async function activePage(): Promise<PageStatus | null> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (!tab || tab.id === undefined || !shopOfUrl(tab.url)) return null;
    const key = tabNoteKey(tab.id);
    const session = (browser.storage as unknown as { session?: typeof browser.storage.local }).session;
    const kept: unknown = session ? (await session.get(key))[key] : undefined;
    return pageStatus(tab.url, kept);
  } catch {
    return null;
  }
}

export { evidenceCounts, linkLatestEvidence, productRows } from '../store/popup-view';

/**
 * The popup's view computed from every snapshot (settings validated here: zod loads only on this path),
 * kept for the next open after this one has its data (the write is not on the first frame's path).
 */
async function computedView(d: DB, stored: unknown, raw: string): Promise<PopupView> {
  const { settingsFrom } = await import('../store/settings');
  const view = await freshView(d, settingsFrom(stored), raw);
  void keepView(d, view).catch((e: unknown) => console.warn('ShopWitness: popup view not kept', e));
  return view;
}

/** What the popup says about trusted time: the one-time offer, records waiting too long, a clock that is off. */
async function stampingNotes(
  view: PopupView,
  state: StampingState | undefined,
  now: number,
  offerDismissed: Promise<boolean>,
): Promise<PopupStamping | undefined> {
  const ts = view.settings.timestamping;
  if (!ts.enabled) {
    if (view.orders.length === 0) return undefined;
    return (await offerDismissed) ? undefined : { offer: true };
  }
  const unstamped = unstampedBehind(state, ts, now);
  const notes: PopupStamping = {
    ...(unstamped > 0 ? { unstamped } : {}),
    ...(state?.clock ? { clockDiffMs: state.clock.diffMs } : {}),
  };
  return Object.keys(notes).length > 0 ? notes : undefined;
}

/**
 * Everything the popup's first screen shows, straight from IndexedDB and storage: the kept view when
 * it is current (lib/store/popup-view.ts), else computed from the snapshots (and kept for the next open).
 */
async function loadPopupData(): Promise<PopupData> {
  performance.mark('popup:load');
  const storedLoaded = storedSettings();
  // Asked for beside the other reads, not after them (a storage round trip of its own); awaited only when the
  // offer is in question, so a failed read fails the load exactly when it did before.
  const offerDismissed = browser.storage.local
    .get(STAMP_OFFER_DISMISSED)
    .then((r) => r[STAMP_OFFER_DISMISSED] === true);
  offerDismissed.catch(() => undefined);
  const d = await db();
  performance.mark('popup:db');
  const stored = await storedLoaded;
  const raw = rawSettings(stored);
  // The background's clock (moved in the test build) decides what is open and how long is left: read
  // from its stored offset, not asked of the worker (waking a sleeping worker is slow).
  const [now, failures, alerts, view, captureGranted, stampingState, page] = await Promise.all([
    storedNow(d),
    getMeta(d, META.captureFailures),
    d.getAll('alerts'),
    currentView(d, raw).then((v) => v ?? computedView(d, stored, raw)),
    optionalFeatures.hasCapturePermission(),
    getMeta(d, META.stamping),
    activePage(),
  ]);
  const stamping = await stampingNotes(view, stampingState, now, offerDismissed);
  performance.mark('popup:data');
  const failed = (failures ?? []).filter((f) => !f.rateLimited);
  const skipped = (failures ?? []).length - failed.length;
  return {
    products: view.products,
    orders: view.orders,
    ...(view.strayParcels?.length ? { strayParcels: view.strayParcels } : {}),
    captureFailures: failed.length,
    ...(skipped ? { capturesSkipped: skipped } : {}),
    // The latest failure says the disk is full: shown until a capture after it is stored again.
    ...(failed.at(-1)?.full === true ? { storageFull: true } : {}),
    alerts: alerts.filter((r) => isOpen(r, now)).map((r) => r.alert),
    settings: view.settings,
    now,
    captureGranted,
    ...(stamping ? { stamping } : {}),
    ...(page ? { page } : {}),
  };
}

export function createPopupActions() {
  const thumbs = thumbnails();
  // The first load starts now, while the page renders its first frame, not after it (an effect runs
  // only once that frame is painted).
  let first: Promise<PopupData> | null = loadPopupData();
  first.catch(() => undefined); // reported by load()'s caller, not as an unhandled rejection meanwhile
  return {
    load(): Promise<PopupData> {
      const p = first ?? loadPopupData();
      first = null;
      return p;
    },
    ...thumbs,
    async evidenceCounts(orders: Pick<OrderRow, 'key' | 'platform' | 'orderId'>[]): Promise<Record<string, number>> {
      return evidenceCounts(await db(), orders);
    },
    async orderEvidence(order: Pick<OrderRow, 'platform' | 'orderId'>): Promise<OrderEvidenceItem[]> {
      return orderEvidence(await (await db()).getAllFromIndex('evidence', 'byOrderId', order.orderId), order.platform);
    },
    openEvidence(id: string): void {
      void browser.tabs.create({ url: browser.runtime.getURL(`/evidence.html#${encodeURIComponent(id)}`) });
    },
    openOrderEvidence(order: Pick<OrderRow, 'platform' | 'orderId'>): void {
      void browser.tabs.create({ url: browser.runtime.getURL(`/${orderPagePath(order)}`) });
    },
    openAddOrder(): void {
      void browser.tabs.create({ url: browser.runtime.getURL(`/${ADD_ORDER_PATH}`) });
    },
    async captureNow(): Promise<CaptureNowResult> {
      const r = await send({ type: 'capture/manual' });
      if (!r.ok) return { ok: false, error: r.error, ...(isStorageFull(r.error) ? { storageFull: true } : {}) };
      return r.evidence.duplicateOf ? { ok: true, sameAs: r.evidence.capturedAt } : { ok: true };
    },
    openOnboarding(): void {
      // A permission prompt would close the popup: the onboarding page asks, from its own button.
      void browser.tabs.create({ url: browser.runtime.getURL('/onboarding.html') });
    },
    openOptions(): void {
      void browser.runtime.openOptionsPage();
    },
    openStampSettings(): void {
      void browser.tabs.create({ url: browser.runtime.getURL('/options.html#opt-stamp-h') });
    },
    async dismissStampOffer(): Promise<void> {
      await browser.storage.local.set({ [STAMP_OFFER_DISMISSED]: true });
    },
    async dismiss(id: string): Promise<void> {
      await send({ type: 'alert/dismiss', id });
    },
    async snooze(id: string): Promise<void> {
      await send({ type: 'alert/dismiss', id, snoozeUntil: (await backgroundNow()) + 24 * 3_600_000 });
    },
    ...(import.meta.env.MODE === 'test'
      ? {
          async timeTravel(hours: number) {
            await send({ type: 'test/clock', now: (await backgroundNow()) + hours * 3_600_000 });
          },
        }
      : {}),
    async setLanguage(language: 'zh-CN' | 'en'): Promise<void> {
      await send({ type: 'settings/save', settings: { language } });
    },
    async verifyEvidence(): Promise<EvidenceVerifyResult> {
      const r = await send({ type: 'evidence/verify' });
      // Shown by the integrity check as a failed verification.
      if ('error' in r) throw new Error(r.error);
      return r;
    },
    async correctPrice(platform: Platform, productId: string, price: Money): Promise<ActionResult> {
      const r = await send({ type: 'price/correct', platform, productId, price });
      return r.ok ? { ok: true } : { ok: false, error: r.error };
    },
    async attachParcel(parcel: ParcelAttach): Promise<AttachResult> {
      const r = await send({ type: 'parcel/attach' as const, ...parcel });
      if (r.ok) return { ok: true };
      return { ok: false, error: r.error, ...('code' in r ? { code: r.code } : {}) };
    },
    async pickPrice(): Promise<ActionResult> {
      try {
        const r = await send({ type: 'picker/start' });
        return r.ok ? { ok: true } : { ok: false, error: r.error };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
    ledger: loadLedger,
    buildTicket(alert: Alert): void {
      void browser.tabs.create({ url: browser.runtime.getURL(`/ticket.html?alert=${encodeURIComponent(alert.id)}`) });
    },
  };
}
