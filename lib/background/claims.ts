/**
 * The worker's side of the platforms' own 价保 pages (issue #19): the lines the page's content script marks, what
 * follows an answer (a throttle → a reminder at the allowed time from a stored absolute deadline, never a retry; a
 * success → a notification of the money recovered), and the reminder alarm. The answer itself is stored and
 * screenshotted like any snapshot (handlers/snapshots.ts → snapshot-intake.ts); the rules see it in the history.
 */
import { browser } from 'wxt/browser';
import { claimMarks, type ClaimMark } from '../core/claim-marks';
import { dueReminders, reminderOf, withReminder, type ClaimReminder } from '../core/claim-reminders';
import { formatMoney } from '../core/format';
import { JD_CLAIM, matchesAny } from '../core/hosts';
import { translator } from '../core/i18n';
import type { ClaimSnapshot, Evidence, Money, OrderSnapshot, Platform } from '../core/model';
import { orderIndexKey, productIndexKey } from '../core/keys';
import { refundFits } from '../core/ledger';
import { now } from '../store/clock';
import { getMeta, setMeta, type DB } from '../store/db';
import { META } from '../store/meta';
import { loadSettings } from '../store/settings';
import { CLAIM_REMIND_ALARM } from './alarms';
import { showNotification, uiLang } from './notify';
import { openAlerts } from './watch';

/** The marks for a 价保 page of `platform`: open price-drop alerts, their lowest sighting and its screenshot. */
export async function marksFor(d: DB, platform: Platform, at: number): Promise<ClaimMark[]> {
  const alerts = (await openAlerts(d, at))
    .map((r) => r.alert)
    .filter((a) => a.kind === 'price-drop' && a.platform === platform);
  const productIds = [...new Set(alerts.map((a) => a.productId).filter((p): p is string => !!p))];
  const snaps = (
    await Promise.all(productIds.map((p) => d.getAllFromIndex('snapshots', 'byKey', productIndexKey(platform, p))))
  ).flat();
  const evidence: Evidence[] = (
    await Promise.all(productIds.map((p) => d.getAllFromIndex('evidence', 'byProductId', p)))
  ).flat();
  return claimMarks(platform, alerts, snaps, evidence);
}

/** Sets the reminder alarm from the stored deadlines (the test build's clock is an offset from the real one). */
export async function scheduleClaimReminders(d: DB): Promise<void> {
  const list = (await getMeta(d, META.claimReminders)) ?? [];
  const next = list[0];
  if (!next) return void (await browser.alarms.clear(CLAIM_REMIND_ALARM));
  await browser.alarms.create(CLAIM_REMIND_ALARM, {
    when: Math.max(Date.now() + 1000, next.at - (now() - Date.now())),
  });
}

/** What follows a stored 价保 answer: a reminder for a throttle, a notification for money recovered. */
export async function afterClaim(d: DB, claim: ClaimSnapshot): Promise<void> {
  const reminder = reminderOf(claim);
  if (reminder) {
    await setMeta(d, META.claimReminders, withReminder((await getMeta(d, META.claimReminders)) ?? [], reminder));
    await scheduleClaimReminders(d);
    return;
  }
  if (claim.status === 'success' && claim.refund) {
    const settings = await loadSettings();
    if (!settings.notifications) return;
    const t = translator(uiLang(settings.language));
    const money = formatMoney(claim.refund);
    await showNotification(
      `claim-ok:${claim.platform}:${claim.orderId ?? ''}:${claim.capturedAt}`,
      (await refundBelievable(d, claim, claim.refund))
        ? t('claimRecoveredTitle', money)
        : t('claimUncheckedTitle', money),
      claim.text,
    );
  }
}

/**
 * "Recovered" only for a refund the order we hold can have paid (lib/core/ledger.ts refundFits, the rule the ledger
 * and the price-drop alert go by): a page can claim anything, and one that says ¥999 on a ¥129 order, or names an
 * order we do not hold, is told as what the page said, not counted.
 */
async function refundBelievable(d: DB, claim: ClaimSnapshot, refund: Money): Promise<boolean> {
  if (!claim.orderId) return false;
  const orders = (await d.getAllFromIndex('snapshots', 'byKey', orderIndexKey(claim.platform, claim.orderId))).filter(
    (s): s is typeof s & OrderSnapshot => s.kind === 'order',
  );
  const latest = orders.sort((a, b) => a.capturedAt - b.capturedAt).at(-1);
  return !!latest && refundFits(refund, latest.paid);
}

/** The reminder alarm: tell the shopper they may apply again (they click on the platform's page, not us). */
export async function remindDueClaims(d: DB): Promise<ClaimReminder[]> {
  const { due, waiting } = dueReminders((await getMeta(d, META.claimReminders)) ?? [], now());
  if (due.length > 0) {
    await setMeta(d, META.claimReminders, waiting);
    const t = translator(uiLang((await loadSettings()).language));
    for (const r of due) await showNotification(r.id, t('claimRetryTitle'), t('claimRetryBody', r.text));
  }
  await scheduleClaimReminders(d);
  return due;
}

/** A click on a reminder opens the 价保 page it came from (only a 价保 page URL). */
export async function openClaimReminder(id: string): Promise<boolean> {
  const url = /^claim-remind:[^:]*:[^:]*:(.*)$/.exec(id)?.[1];
  if (!url || !/^https:\/\//.test(url) || !matchesAny(JD_CLAIM, url)) return false;
  await browser.tabs.create({ url });
  return true;
}
