/** The worker's wiring: the message router, alarms and browser events. What they do is in lib/background. */
import { browser } from 'wxt/browser';
import { CLAIM_REMIND_ALARM, RECHECK_ALARM, STAMP_ALARM, TICK_ALARM, WATCH_ALARM } from '@/lib/background/alarms';
import { remindDueClaims } from '@/lib/background/claims';
import { expireParkedCaptures, recoverPendingCaptures } from '@/lib/background/capture';
import { evaluateAndNotify } from '@/lib/background/evaluate-and-notify';
import { handlers } from '@/lib/background/handlers';
import { createCaptureMenu, notifyCaptureOutcome } from '@/lib/background/notify';
import { openOnboardingOnInstall } from '@/lib/background/onboarding';
import { optionalApis } from '@/lib/background/platform-apis';
import { onNotificationButton, onNotificationClicked } from '@/lib/background/open-alert';
import { refreshPopupView } from '@/lib/background/popup-view-refresh';
import { recheckPrices } from '@/lib/background/price-recheck';
import { createRouter } from '@/lib/background/router';
import { captureTab, targetTab } from '@/lib/background/tab-capture';
import { tabClosed, tabShown } from '@/lib/background/tab-events';
import { stamper } from '@/lib/background/timestamping';
import { openFirefoxBridgePage, testRouting } from '@/lib/background/test-handlers';
import { MessageSchema } from '@/lib/core/messages';
import { loadClock, now } from '@/lib/store/clock';
import { db, type DB } from '@/lib/store/db';
import { onEvidenceAppended } from '@/lib/store/evidence-store';

export default defineBackground(() => {
  const ready = db().then(loadClock);
  /** Runs f with the database once the worker has started. */
  const afterStart = (f: (d: DB) => Promise<unknown>) => ready.then(async () => f(await db()));

  // Test-only messages and wiring exist only in the test build (DESIGN.md `build:test`).
  const common = { ready, onDataChanged: refreshPopupView };
  const router =
    import.meta.env.MODE === 'test'
      ? createRouter({ ...testRouting(), ...common })
      : createRouter({ schema: MessageSchema, routes: handlers, ...common });
  if (import.meta.env.MODE === 'test' && import.meta.env.FIREFOX) openFirefoxBridgePage();

  // Every start of the worker: rebuild alarms from what is stored, and catch up on missed deadlines.
  void ready.then(evaluateAndNotify);
  void afterStart((d) => recoverPendingCaptures(d, now));
  void afterStart((d) => expireParkedCaptures(d, now));
  // Trusted time: stamps or retries that fell due while the worker was gone, and the alarm for the next one.
  void ready.then(() => stamper().kick());
  // Throttled 价保 answers: reminders that fell due while the worker was gone, and the alarm for the next one.
  void afterStart(remindDueClaims);
  void browser.alarms.create(TICK_ALARM, { periodInMinutes: 30 });
  void browser.alarms.create(RECHECK_ALARM, { periodInMinutes: 60 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WATCH_ALARM || alarm.name === TICK_ALARM) void ready.then(evaluateAndNotify);
    if (alarm.name === TICK_ALARM) void afterStart((d) => expireParkedCaptures(d, now));
    if (alarm.name === STAMP_ALARM) void ready.then(() => stamper().kick());
    if (alarm.name === CLAIM_REMIND_ALARM) void afterStart(remindDueClaims);
    if (alarm.name === RECHECK_ALARM)
      void ready.then(recheckPrices).catch((e: unknown) => console.warn('ShopWitness: re-check failed', e));
  });
  browser.runtime.onInstalled.addListener(createCaptureMenu);
  browser.runtime.onInstalled.addListener(openOnboardingOnInstall);
  browser.tabs.onRemoved.addListener((tabId) => tabClosed(ready, tabId));
  browser.tabs.onActivated.addListener(({ tabId }) => tabShown(ready, tabId));
  // Manual capture from the context menu or the shortcut: the outcome shown as a notification. A phone has neither
  // (nor, reliably, notifications): the popup's capture button and alert list do the same there (platform-apis.ts).
  const { contextMenus, commands, notifications } = optionalApis();
  contextMenus?.onClicked.addListener((_info, tab) => {
    void notifyCaptureOutcome(ready.then(() => captureTab(tab)));
  });
  commands?.onCommand.addListener((command) => {
    if (command === 'capture-now') void notifyCaptureOutcome(ready.then(() => targetTab()).then(captureTab));
  });
  notifications?.onButtonClicked?.addListener(onNotificationButton);
  notifications?.onClicked.addListener(onNotificationClicked);

  onEvidenceAppended(() => {
    refreshPopupView();
    stamper().onAppended(); // debounced; the capture that appended does not wait for it
  });
  browser.runtime.onMessage.addListener(router);
});
