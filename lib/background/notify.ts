/** System notifications from the worker: alerts, manual-capture results, re-check reminders. */
import { browser } from 'wxt/browser';
import { alertDetail, alertTitle } from '../core/alert-text';
import { claimPageFor } from '../core/claim-pages';
import { formatDateTime } from '../core/format';
import { translator } from '../core/i18n';
import type { Alert, Settings } from '../core/model';
import { now } from '../store/clock';
import { loadSettings } from '../store/settings';
import type { CaptureOutcome } from './capture';
import { holdAsBanner } from './banner';
import { notificationsShow, optionalApis } from './platform-apis';
import { uiLang } from './ui-lang';

export { uiLang };

/** One system notification with our icon; a failure to show it is logged, never thrown. */
export function showNotification(
  id: string,
  title: string,
  message: string,
  extra: { buttons?: { title: string }[] } = {},
): Promise<unknown> {
  // Where notifications do not show (Firefox for Android), the badge and the popup's list carry the alert, and a
  // banner on the next shop page says it (lib/background/banner.ts).
  const notifications = optionalApis().notifications;
  return notificationsShow().then((shows) => {
    if (!shows || !notifications) return holdAsBanner(id, title, message);
    return notifications
      .create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message, ...extra })
      .catch((e: unknown) => console.warn('ShopWitness: notification failed', e));
  });
}

/** Shows one notification per alert id (the id is the notification id: a repeat replaces, never adds). */
export async function notifyAlerts(alerts: Alert[], settings: Settings): Promise<void> {
  const lang = uiLang(settings.language);
  const t = translator(lang);
  // Firefox has no notification buttons; clicking the notification opens the ticket page there.
  const buttons = [{ title: t('notifyButtonTicket') }, { title: t('notifyButtonOpen') }];
  for (const a of alerts) {
    // Where the platform has its own 价保 page, that is the first way to the money (lib/core/claim-pages.ts).
    const claim = claimPageFor(a);
    const extra = import.meta.env.FIREFOX ? {} : { buttons: claim ? [{ title: t(claim.label) }, ...buttons] : buttons };
    await showNotification(a.id, alertTitle(a, t, settings), alertDetail(a, t, now(), lang) || a.message, extra);
  }
}

async function notifyCaptured(ok: boolean, detail: string, sameAs?: CaptureOutcome): Promise<void> {
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

/** The outcome of a capture from the context menu or the shortcut, as a notification (no page to show it in). */
export function notifyCaptureOutcome(capture: Promise<CaptureOutcome>): Promise<void> {
  return capture.then(
    (e) => notifyCaptured(true, e.url ?? '', e),
    (e: unknown) => notifyCaptured(false, e instanceof Error ? e.message : String(e)),
  );
}

/** The page's context-menu item for a manual capture (created at install; none on a phone: the popup captures). */
export function createCaptureMenu(): void {
  optionalApis().contextMenus?.create(
    { id: 'capture-now', title: translator(uiLang())('captureNow'), contexts: ['page', 'image', 'selection', 'link'] },
    () => void browser.runtime.lastError,
  );
}
