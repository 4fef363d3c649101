import { browser, type Browser } from 'wxt/browser';
import { captureEvidence, type CaptureRequest } from '@/lib/capture';
import { loadClock, now, setClock } from '@/lib/clock';
import { db, getMeta, type DB } from '@/lib/db';
import { verifyStoredEvidence } from '@/lib/evidence-store';
import { isAllowedFrom, parseMessage, type Message } from '@/lib/messages';
import { loadSettings, saveSettings } from '@/lib/settings';
import { intakeSnapshot } from '@/lib/snapshot-intake';

const TEST_BUILD = import.meta.env.MODE === 'test';

async function hasCapturePermission(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: ['<all_urls>'] });
  } catch {
    return false;
  }
}

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

async function captureInBackground(d: DB, req: CaptureRequest): Promise<void> {
  try {
    await captureEvidence(d, req, now);
  } catch (e) {
    // Already recorded as a capture failure (shown in the popup); the snapshot itself is stored.
    console.warn('ShopWitness: capture failed', e);
  }
}

async function handle(message: Message, sender: Browser.runtime.MessageSender): Promise<unknown> {
  const d = await db();
  switch (message.type) {
    case 'content/hello':
      return { ok: true };
    case 'snapshot/report': {
      // The background's clock is the one that counts (test builds move it).
      const snapshot = { ...message.snapshot, capturedAt: now() };
      const settings = await loadSettings();
      const { snapshotId, capture } = await intakeSnapshot(d, snapshot, message.title ?? sender.tab?.title);
      const tabId = sender.tab?.id;
      if (capture && tabId !== undefined && settings.autoCapture && (await hasCapturePermission())) {
        void captureInBackground(d, { ...capture, tabId });
      }
      return { ok: true, snapshotId };
    }
    case 'capture/manual': {
      const [tab] = message.tabId !== undefined ? [await browser.tabs.get(message.tabId)] : await browser.tabs.query({ active: true, currentWindow: true });
      if (!tab?.id || !tab.url) return { ok: false, error: 'no tab to capture' };
      const evidence = await captureEvidence(d, { tabId: tab.id, url: tab.url, ...(tab.title ? { title: tab.title } : {}), kind: 'page-screenshot' }, now);
      return { ok: true, evidence };
    }
    case 'backup/export':
      return exportAll(d);
    case 'evidence/verify':
      return verifyStoredEvidence(d);
    case 'state/summary':
      return { ok: true, now: now(), snapshots: await d.count('snapshots'), evidence: await d.count('evidence') };
    case 'settings/save':
      return { ok: true, settings: await saveSettings(message.settings) };
    case 'alerts/evaluate':
    case 'alert/dismiss':
      return { ok: false, error: 'not available yet' };
    case 'test/clock':
      if (!TEST_BUILD) return { ok: false, error: 'test/clock exists only in the test build' };
      await setClock(d, message.now);
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

  browser.runtime.onMessage.addListener((raw: unknown, sender: Browser.runtime.MessageSender) => {
    const parsed = parseMessage(raw);
    if (!parsed.ok) return Promise.resolve({ ok: false, error: parsed.error });
    if (!isAllowedFrom(parsed.message.type, sender, browser.runtime.id, browser.runtime.getURL('/'))) {
      return Promise.resolve({ ok: false, error: 'sender not allowed' });
    }
    return ready
      .then(() => handle(parsed.message, sender))
      .catch((e: unknown) => ({ ok: false, error: e instanceof Error ? e.message : String(e) }));
  });
});
