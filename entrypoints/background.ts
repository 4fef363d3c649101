import { browser, type Browser } from 'wxt/browser';
import { expireParkedCaptures, recoverPendingCaptures, resumeParkedCaptures } from '@/lib/background/capture';
import { loadClock, now, setClock } from '@/lib/store/clock';
import { addSnapshot, db, latestSnapshot, type DB } from '@/lib/store/db';
import { pruneEvidence } from '@/lib/background/prune';
import { deleteEvidence, onEvidenceAppended, verifyStoredEvidence } from '@/lib/store/evidence-store';
import { isAllowedFrom, parseMessage, type Message } from '@/lib/core/messages';
import { loadSettings, saveSettings } from '@/lib/store/settings';
import { captureAbout, intakeSnapshot } from '@/lib/background/snapshot-intake';
import { translator } from '@/lib/core/i18n';
import type { Money, Platform, ProductSnapshot } from '@/lib/core/model';
import { withUserPrice } from '@/lib/sites/user-selector';
import { dismissAlert, openAlerts, setOrderWatched } from '@/lib/background/watch';
import { getMeta } from '@/lib/store/db';
import { RECHECK_ALARM, TICK_ALARM, WATCH_ALARM } from '@/lib/background/alarms';
import { evaluateAndNotify } from '@/lib/background/evaluate-and-notify';
import { notifyCaptured, uiLang } from '@/lib/background/notify';
import { refreshPopupView } from '@/lib/background/popup-view-refresh';
import { forgetTabRead, rememberTabRead } from '@/lib/background/tab-reads';
import { captureInBackground, captureTab, hasCapturePermission } from '@/lib/background/tab-capture';
import { rememberSelector, storedSelector } from '@/lib/background/picked-selectors';
import { injectFullRunner } from '@/lib/background/full-runner';
import { onNotificationButton, onNotificationClicked } from '@/lib/background/open-alert';
import { recheckPrices } from '@/lib/background/price-recheck';

const TEST_BUILD = import.meta.env.MODE === 'test';

/** Messages that change nothing the popup's kept view is made of. */
const READ_ONLY: ReadonlySet<Message['type']> = new Set([
  'content/hello',
  'content/upgrade',
  'backup/export',
  'evidence/verify',
  'state/summary',
  'test/clock',
]);

async function exportAll(d: DB) {
  const [snapshots, evidence, alerts, tickets, settings, captureFailures] = await Promise.all([
    d.getAll('snapshots'),
    d.getAll('evidence'),
    d.getAll('alerts'),
    d.getAll('tickets'),
    loadSettings(),
    getMeta(d, 'captureFailures'),
  ]);
  return {
    format: 'shopwitness-backup/1',
    exportedAt: now(),
    snapshots,
    evidence,
    alerts,
    tickets,
    settings,
    captureFailures: captureFailures ?? [],
  };
}

/** The shopper's own price for a product: a new snapshot from the latest one, source 'user'. */
async function correctPrice(
  d: DB,
  platform: Platform,
  productId: string,
  price: Money,
): Promise<{ ok: true; snapshotId: number } | { ok: false; error: string }> {
  const last = await latestSnapshot(d, `product:${platform}:${productId}`);
  if (!last || last.kind !== 'product') return { ok: false, error: 'no such product' };
  const {
    id: _id,
    key: _key,
    orderKey: _ok,
    tabTitle,
    ...prev
  } = last as ProductSnapshot & { id?: number; key: string; orderKey?: string; tabTitle?: string };
  // The background's clock is the one that counts (test builds move it).
  const snapshot = { ...withUserPrice(prev, price), capturedAt: now() };
  const snapshotId = await addSnapshot(d, snapshot, tabTitle);
  await evaluateAndNotify();
  return { ok: true, snapshotId };
}

async function handle(message: Message, sender: Browser.runtime.MessageSender): Promise<unknown> {
  const d = await db();
  switch (message.type) {
    case 'content/hello':
      return { ok: true };
    case 'content/upgrade': {
      // Only into the sending frame, and only the full runner of the first stage that page has.
      const tabId = sender.tab?.id;
      if (tabId === undefined || !(await injectFullRunner(tabId, sender.frameId ?? 0, sender.url)))
        return { ok: false, error: 'no full reader for this page' };
      return { ok: true };
    }
    case 'snapshot/report': {
      // Only a shop tab's content script gets an automatic screenshot; an extension page in a tab does not.
      const fromShopTab = !(sender.url ?? '').startsWith(browser.runtime.getURL('/'));
      // A product read without the price element the shopper picked on this site is not stored: the
      // content script reads again with it (it does not read storage itself, see lib/content/runner.ts).
      if (
        fromShopTab &&
        message.userSelector !== undefined &&
        !message.secondary &&
        message.snapshot.kind === 'product'
      ) {
        const wanted = await storedSelector(sender.url ?? sender.tab?.url);
        if (wanted && wanted !== message.userSelector)
          return { ok: false, error: 'read again with the chosen price element', userSelector: wanted };
      }
      // The background's clock is the one that counts (test builds move it).
      const snapshot = { ...message.snapshot, capturedAt: now() };
      const settings = await loadSettings();
      const { snapshotId, capture } = await intakeSnapshot(
        d,
        snapshot,
        message.title ?? sender.tab?.title,
        !message.secondary,
      );
      const tabId = fromShopTab ? sender.tab?.id : undefined;
      if (tabId !== undefined && !message.secondary)
        await rememberTabRead(tabId, captureAbout(snapshot, message.title ?? sender.tab?.title));
      if (capture && tabId !== undefined && settings.autoCapture && (await hasCapturePermission())) {
        void captureInBackground(d, { ...capture, tabId });
      }
      await evaluateAndNotify();
      return { ok: true, snapshotId };
    }
    case 'price/correct':
      return correctPrice(d, message.platform, message.productId, message.price);
    case 'picker/start': {
      const [tab] =
        message.tabId !== undefined
          ? [await browser.tabs.get(message.tabId)]
          : await browser.tabs.query({ active: true, lastFocusedWindow: true });
      if (tab?.id === undefined) return { ok: false, error: 'no tab' };
      // A first stage has no picker: the full runner (which has) takes over the page first.
      await injectFullRunner(tab.id, 0, tab.url);
      await browser.tabs.sendMessage(tab.id, { type: 'picker/start' });
      return { ok: true };
    }
    case 'picker/picked': {
      // A page may only set the selector of its own site.
      let pageHost = '';
      try {
        pageHost = new URL(sender.url ?? sender.tab?.url ?? '').hostname;
      } catch {
        // no URL: refused below
      }
      if (pageHost !== message.host) return { ok: false, error: 'host does not match the sending page' };
      await rememberSelector(message.host, message.selector);
      return { ok: true };
    }
    case 'capture/manual': {
      const [tab] =
        message.tabId !== undefined
          ? [await browser.tabs.get(message.tabId)]
          : await browser.tabs.query({ active: true, lastFocusedWindow: true });
      return { ok: true, evidence: await captureTab(tab) };
    }
    case 'backup/export':
      return exportAll(d);
    case 'evidence/verify':
      return verifyStoredEvidence(d);
    case 'evidence/delete':
      return { ok: true, record: await deleteEvidence(d, message.id, now(), message.note) };
    case 'evidence/prune':
      return pruneEvidence(d, { ids: message.ids, now: now(), settings: await loadSettings(), note: message.note });
    case 'state/summary':
      return { ok: true, now: now(), snapshots: await d.count('snapshots'), evidence: await d.count('evidence') };
    case 'settings/save':
      return { ok: true, settings: await saveSettings(message.settings) };
    case 'alerts/evaluate':
      await evaluateAndNotify();
      return { ok: true, alerts: (await openAlerts(d, now())).map((r) => r.alert) };
    case 'alert/dismiss': {
      const ok = await dismissAlert(d, message.id, now(), message.snoozeUntil);
      await evaluateAndNotify();
      return ok ? { ok: true } : { ok: false, error: 'no such alert' };
    }
    case 'ticket/save': {
      const tx = d.transaction('tickets', 'readwrite', { durability: 'strict' });
      await tx.store.put(message.ticket);
      await tx.done;
      // Sending starts (and answering stops) the 72 h answer timer.
      await evaluateAndNotify();
      return { ok: true };
    }
    case 'order/watch':
      await setOrderWatched(d, message.platform, message.orderId, message.watch);
      await evaluateAndNotify();
      return { ok: true };
    case 'prices/recheck':
      if (!TEST_BUILD) return { ok: false, error: 'prices/recheck is triggered by its alarm' };
      await recheckPrices();
      return { ok: true };
    case 'test/clock':
      if (!TEST_BUILD) return { ok: false, error: 'test/clock exists only in the test build' };
      await setClock(d, message.now);
      await evaluateAndNotify();
      return { ok: true, now: now() };
  }
}

export default defineBackground(() => {
  const ready = db().then(loadClock);

  if (TEST_BUILD && import.meta.env.FIREFOX) {
    // Firefox e2e drives the browser over WebDriver BiDi, which cannot open moz-extension:// pages:
    // the test build opens the popup in a background tab for the tests to talk through.
    browser.runtime.onInstalled.addListener(() => {
      void browser.tabs.create({ url: browser.runtime.getURL('/popup.html?e2e=1'), active: false });
    });
  }

  // Every start of the worker: rebuild alarms from what is stored, and catch up on missed deadlines.
  void ready.then(evaluateAndNotify);
  void ready.then(async () => recoverPendingCaptures(await db(), now));
  void ready.then(async () => expireParkedCaptures(await db(), now));
  void browser.alarms.create(TICK_ALARM, { periodInMinutes: 30 });
  void browser.alarms.create(RECHECK_ALARM, { periodInMinutes: 60 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WATCH_ALARM || alarm.name === TICK_ALARM) void ready.then(evaluateAndNotify);
    if (alarm.name === TICK_ALARM) void ready.then(async () => expireParkedCaptures(await db(), now));
    if (alarm.name === RECHECK_ALARM)
      void ready.then(recheckPrices).catch((e: unknown) => console.warn('ShopWitness: re-check failed', e));
  });
  browser.runtime.onInstalled.addListener(() => {
    const t = translator(uiLang());
    browser.contextMenus.create(
      { id: 'capture-now', title: t('captureNow'), contexts: ['page', 'image', 'selection', 'link'] },
      () => void browser.runtime.lastError,
    );
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    forgetTabRead(tabId);
    void ready.then(async () => resumeParkedCaptures(await db(), tabId, now)); // reported: the tab was closed
  });
  // A shop page opened in a background tab gets its automatic screenshot once the shopper looks at it.
  browser.tabs.onActivated.addListener(({ tabId }) => {
    void ready
      .then(() => new Promise((r) => setTimeout(r, 300))) // let the tab paint first
      .then(async () => resumeParkedCaptures(await db(), tabId, now))
      .catch((e: unknown) => console.warn('ShopWitness: parked capture failed', e));
  });
  browser.contextMenus.onClicked.addListener((_info, tab) => {
    void ready
      .then(() => captureTab(tab))
      .then(
        (e) => notifyCaptured(true, e.url ?? '', e),
        (e: unknown) => notifyCaptured(false, e instanceof Error ? e.message : String(e)),
      );
  });
  browser.commands.onCommand.addListener((command) => {
    if (command !== 'capture-now') return;
    void ready
      .then(() => browser.tabs.query({ active: true, lastFocusedWindow: true }))
      .then(([tab]) => captureTab(tab))
      .then(
        (e) => notifyCaptured(true, e.url ?? '', e),
        (e: unknown) => notifyCaptured(false, e instanceof Error ? e.message : String(e)),
      );
  });
  browser.notifications.onButtonClicked?.addListener(onNotificationButton);
  browser.notifications.onClicked.addListener(onNotificationClicked);

  onEvidenceAppended(refreshPopupView);
  browser.runtime.onMessage.addListener((raw: unknown, sender: Browser.runtime.MessageSender) => {
    const parsed = parseMessage(raw);
    if (!parsed.ok) return Promise.resolve({ ok: false, error: parsed.error });
    if (!isAllowedFrom(parsed.message.type, sender, browser.runtime.id, browser.runtime.getURL('/'))) {
      return Promise.resolve({ ok: false, error: 'sender not allowed' });
    }
    return ready
      .then(() => handle(parsed.message, sender))
      .finally(() => {
        if (!READ_ONLY.has(parsed.message.type)) refreshPopupView();
      })
      .catch((e: unknown) => ({ ok: false, error: e instanceof Error ? e.message : String(e) }));
  });
});
