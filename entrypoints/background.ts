import { browser, type Browser } from 'wxt/browser';
import {
  captureEvidence,
  expireParkedCaptures,
  recordFailure,
  recoverPendingCaptures,
  resumeParkedCaptures,
  type CaptureOutcome,
  type CaptureRequest,
} from '@/lib/background/capture';
import { ARCHIVE_PREF, archivePage, wantsArchive } from '@/lib/background/page-archive';
import { loadClock, now, setClock } from '@/lib/store/clock';
import { addSnapshot, db, getMeta, latestSnapshot, setMeta, type DB } from '@/lib/store/db';
import { META } from '@/lib/store/meta';
import { pruneEvidence } from '@/lib/background/prune';
import { deleteEvidence, onEvidenceAppended, verifyStoredEvidence } from '@/lib/store/evidence-store';
import { isAllowedFrom, parseMessage, UserSelectorsSchema, type Message } from '@/lib/core/messages';
import { fullRunnerFor } from '@/lib/core/hosts';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { loadSettings, saveSettings, settingsFrom, storedSettings } from '@/lib/store/settings';
import { rawSettings, rebuildView } from '@/lib/store/popup-view';
import { captureAbout, intakeSnapshot } from '@/lib/background/snapshot-intake';
import { alertDetail, alertTitle } from '@/lib/core/alert-text';
import { formatDateTime } from '@/lib/core/format';
import { detectLang, translator, type Lang } from '@/lib/core/i18n';
import type { Alert, Money, PageSnapshot, Platform, ProductSnapshot, Settings } from '@/lib/core/model';
import { withUserPrice } from '@/lib/sites/user-selector';
import { dismissAlert, openAlerts, runWatch, setOrderWatched } from '@/lib/background/watch';
import { runRechecks, type ParseHtml } from '@/lib/background/recheck-runner';

const TEST_BUILD = import.meta.env.MODE === 'test';

async function hasCapturePermission(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: ['<all_urls>'] });
  } catch {
    return false;
  }
}

type PageCaptureApi = { saveAsMHTML(details: { tabId: number }): Promise<Blob | ArrayBuffer | undefined> };

/** Chrome, archives turned on in Settings and the optional `pageCapture` permission granted; Firefox has no such API. */
async function pageCaptureApi(): Promise<PageCaptureApi | null> {
  try {
    if ((await browser.storage.local.get(ARCHIVE_PREF))[ARCHIVE_PREF] !== true) return null;
    if (!(await browser.permissions.contains({ permissions: ['pageCapture'] }))) return null;
  } catch {
    return null; // Firefox: not a permission it knows
  }
  return (browser as unknown as { pageCapture?: PageCaptureApi }).pageCapture ?? null;
}

/** The whole page as MHTML beside a new order, parcel or manual screenshot, where the browser can. */
async function archiveBeside(d: DB, req: CaptureRequest, shot: CaptureOutcome): Promise<void> {
  if (shot.duplicateOf || !wantsArchive(req.kind)) return;
  const api = await pageCaptureApi();
  if (!api) return;
  try {
    await archivePage(d, req, shot, (tabId) => api.saveAsMHTML({ tabId }));
  } catch (e) {
    await recordFailure(d, {
      at: now(),
      url: req.url,
      kind: 'page-archive',
      reason: e instanceof Error ? e.message : String(e),
    });
  }
}

async function exportAll(d: DB) {
  const [snapshots, evidence, alerts, tickets, settings, captureFailures] = await Promise.all([
    d.getAll('snapshots'),
    d.getAll('evidence'),
    d.getAll('alerts'),
    d.getAll('tickets'),
    loadSettings(),
    getMeta(d, META.captureFailures),
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

async function captureInBackground(d: DB, req: CaptureRequest): Promise<void> {
  try {
    await archiveBeside(d, req, await captureEvidence(d, req, now));
  } catch (e) {
    // Already recorded as a capture failure (shown in the popup); the snapshot itself is stored.
    console.warn('ShopWitness: capture failed', e);
  }
}

const RECHECK_ALARM = 'price-recheck';

/** Server HTML → snapshot: directly where the background has a DOM (Firefox), else an offscreen document. */
const parseHtml: ParseHtml = async (html, url, at) => {
  if (typeof DOMParser !== 'undefined') {
    const { extractPage } = await import('@/lib/sites');
    return extractPage(new DOMParser().parseFromString(html, 'text/html'), url, at);
  }
  const offscreen = (
    browser as unknown as { offscreen?: { hasDocument(): Promise<boolean>; createDocument(o: object): Promise<void> } }
  ).offscreen;
  if (!offscreen) return null;
  if (!(await offscreen.hasDocument())) {
    await offscreen.createDocument({
      url: 'offscreen.html',
      reasons: ['DOM_PARSER'],
      justification: 'Read prices from shop product pages for price protection',
    });
  }
  const r = (await browser.runtime.sendMessage({ target: 'offscreen', html, url, now: at })) as
    { snapshot?: PageSnapshot | null } | undefined;
  return r?.snapshot ?? null;
};

/** The shopper's language for notifications: the setting, else the browser's UI language. */
function uiLang(pref: Settings['language'] = 'auto'): Lang {
  return detectLang(pref, browser.i18n.getUILanguage());
}

/** One system notification with our icon; a failure to show it is logged, never thrown. */
function showNotification(
  id: string,
  title: string,
  message: string,
  extra: { buttons?: { title: string }[] } = {},
): Promise<unknown> {
  return browser.notifications
    .create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message, ...extra })
    .catch((e: unknown) => console.warn('ShopWitness: notification failed', e));
}

async function recheckPrices(): Promise<void> {
  const d = await db();
  const settings = await loadSettings();
  const outcome = await runRechecks(d, now(), settings, parseHtml);
  if (outcome.updated.length > 0) await evaluateAndNotify();
  if (!settings.notifications) return;
  const t = translator(uiLang(settings.language));
  const day = new Date(now()).toISOString().slice(0, 10);
  for (const target of outcome.remind) {
    const id = META.recheckRemind(target.key, day); // at most one reminder a day per product
    if (await getMeta(d, id)) continue;
    await setMeta(d, id, target.url);
    await showNotification(id, t('recheckRemindTitle'), t('recheckRemindBody', target.productId));
  }
}

const WATCH_ALARM = 'watch';
const TICK_ALARM = 'watch-tick';

/** Shows one notification per alert id (the id is the notification id: a repeat replaces, never adds). */
async function notify(alerts: Alert[], settings: Settings): Promise<void> {
  const lang = uiLang(settings.language);
  const t = translator(lang);
  // Firefox has no notification buttons; clicking the notification opens the ticket page there.
  const extra = import.meta.env.FIREFOX
    ? {}
    : { buttons: [{ title: t('notifyButtonTicket') }, { title: t('notifyButtonOpen') }] };
  for (const a of alerts)
    await showNotification(a.id, alertTitle(a, t, settings), alertDetail(a, t, now(), lang) || a.message, extra);
}

/** Messages that change nothing the popup's kept view is made of. */
const READ_ONLY: ReadonlySet<Message['type']> = new Set([
  'content/hello',
  'content/upgrade',
  'backup/export',
  'evidence/verify',
  'state/summary',
  'test/clock',
]);

/**
 * The popup's kept first screen (lib/store/popup-view.ts) is rebuilt after every change, coalesced: one run at
 * a time, one more if something changed meanwhile. A killed worker or a failed run only means the next
 * popup finds it stale and computes it itself.
 */
let viewDirty = false;
let viewRunning = false;
function refreshPopupView(): void {
  viewDirty = true;
  if (viewRunning) return;
  viewRunning = true;
  void (async () => {
    try {
      while (viewDirty) {
        viewDirty = false;
        const stored = await storedSettings();
        await rebuildView(await db(), settingsFrom(stored), rawSettings(stored));
      }
    } catch (e) {
      console.warn('ShopWitness: popup view not rebuilt', e);
    } finally {
      viewRunning = false;
    }
  })();
}

/** Evaluate, persist alert state, notify, badge, and set the next alarm from stored absolute deadlines. */
let watchRun: Promise<unknown> = Promise.resolve();
function evaluateAndNotify(): Promise<unknown> {
  watchRun = watchRun
    .catch(() => undefined)
    .then(async () => {
      const d = await db();
      const at = now();
      const settings = await loadSettings();
      const result = await runWatch(d, at, settings);
      await notify(result.toNotify, settings);
      await updateBadge(d);
      if (result.nextWake !== null) {
        // Alarms run on the real clock; the test build's moved clock is an offset from it.
        await browser.alarms.create(WATCH_ALARM, {
          when: Math.max(Date.now() + 1000, result.nextWake - (at - Date.now())),
        });
      } else {
        await browser.alarms.clear(WATCH_ALARM);
      }
      return result;
    });
  return watchRun;
}

async function updateBadge(d: DB): Promise<void> {
  const open = (await openAlerts(d, now())).length;
  await browser.action.setBadgeText({ text: open > 0 ? String(open) : '' });
  await browser.action.setBadgeBackgroundColor({ color: '#b91c1c' });
}

async function alertById(id: string): Promise<Alert | undefined> {
  return (await (await db()).get('alerts', id))?.alert;
}

async function openForAlert(id: string, target: 'ticket' | 'page'): Promise<void> {
  const a = await alertById(id);
  const d = await db();
  let url = browser.runtime.getURL(`/ticket.html?alert=${encodeURIComponent(id)}`);
  if (target === 'page' && a?.orderId) {
    const snaps = await d.getAllFromIndex('snapshots', 'byOrderKey', `order:${a.platform ?? 'generic'}:${a.orderId}`);
    const order = snaps.find((s) => s.kind === 'order');
    if (order) url = order.url;
  } else if (target === 'page' && a?.productId && a.platform) {
    const snaps = await d.getAllFromIndex('snapshots', 'byKey', `product:${a.platform}:${a.productId}`);
    if (snaps[0]) url = snaps[0].url;
  }
  await browser.tabs.create({ url });
}

/**
 * What the content script last read in each tab, in storage.session (survives a worker restart, gone
 * when the browser closes). A manual capture of that page then belongs to its order/product and its band
 * shows the order id or price.
 */
type PageAbout = ReturnType<typeof captureAbout>;
const tabReadKey = (tabId: number) => `tabRead:${tabId}`;
const sessionArea = () => (browser.storage as unknown as { session?: Browser.storage.StorageArea }).session;

async function rememberTabRead(tabId: number, about: PageAbout): Promise<void> {
  await sessionArea()
    ?.set({ [tabReadKey(tabId)]: about })
    .catch(() => undefined);
}

async function tabRead(tabId: number, url: string): Promise<PageAbout | null> {
  const got = (
    await sessionArea()
      ?.get(tabReadKey(tabId))
      .catch(() => undefined)
  )?.[tabReadKey(tabId)] as PageAbout | undefined;
  return got && got.url === url ? got : null;
}

/** Manual capture (popup button, context menu, shortcut): the user's gesture grants activeTab. */
async function captureTab(tab: Browser.tabs.Tab | undefined) {
  if (!tab?.id || !tab.url) throw new Error('no tab to capture');
  const d = await db();
  const about =
    (await tabRead(tab.id, tab.url)) ?? (tab.title ? { title: tab.title, caption: tab.title.slice(0, 80) } : {});
  const req: CaptureRequest = { ...about, tabId: tab.id, url: tab.url, kind: 'page-screenshot' };
  const shot = await captureEvidence(d, req, now);
  void archiveBeside(d, req, shot);
  return shot;
}

async function notifyCaptured(ok: boolean, detail: string, sameAs?: CaptureOutcome) {
  const settings = await loadSettings();
  const lang = uiLang(settings.language);
  const t = translator(lang);
  const title = !ok
    ? t('captureFailed', detail)
    : sameAs?.duplicateOf
      ? t('captureSame', formatDateTime(sameAs.capturedAt, undefined, lang))
      : t('captureDone');
  await showNotification(`capture-${Date.now()}`, title, detail);
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

/**
 * Injects the full runner into one frame of a page whose content script is a first stage
 * (lib/content/first-stage/runner.ts); false, and nothing injected, for any other page.
 */
async function injectFullRunner(tabId: number, frameId: number, pageUrl: string | undefined): Promise<boolean> {
  const file = fullRunnerFor(pageUrl);
  if (!file) return false;
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [file as ScriptPublicPath] });
  return true;
}

async function storedSelectors(): Promise<Record<string, string>> {
  const raw = (await browser.storage.local.get('userSelectors')).userSelectors;
  const parsed = UserSelectorsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/** The price element the shopper picked on the site of this page URL, if any. */
async function storedSelector(pageUrl: string | undefined): Promise<string | null> {
  let host = '';
  try {
    host = new URL(pageUrl ?? '').hostname;
  } catch {
    return null;
  }
  const all = await storedSelectors();
  return Object.hasOwn(all, host) ? (all[host] ?? null) : null;
}

/** Remembers the price element the shopper picked on a site (storage.local `userSelectors`, by host). */
async function rememberSelector(host: string, selector: string): Promise<void> {
  const all = await storedSelectors();
  all[host] = selector;
  await browser.storage.local.set({ userSelectors: all });
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
    void sessionArea()
      ?.remove(tabReadKey(tabId))
      .catch(() => undefined);
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
  browser.notifications.onButtonClicked?.addListener(
    (id, index) => void openForAlert(id, index === 0 ? 'ticket' : 'page'),
  );
  browser.notifications.onClicked.addListener((id) => {
    const remind = META.recheckRemindOf(id);
    if (remind) {
      void db()
        .then((d) => getMeta(d, remind))
        .then(async (url) => {
          if (url) await browser.tabs.create({ url });
        });
      return;
    }
    if (id.startsWith('capture-')) return;
    void openForAlert(id, 'ticket');
  });

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
