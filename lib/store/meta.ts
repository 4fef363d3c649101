/**
 * Every key of the `meta` object store and the type of its value, in one list. Fixed keys are properties;
 * key families (one entry per page, record or parcel) are functions that spell the key. `getMeta` and
 * `setMeta` (lib/store/db.ts) take only these keys, so a value is always read back as the type it was
 * written with, and a key is spelled in one place.
 */
import type { PageSnapshot } from '../core/model';
import { subjectRef } from '../core/keys';
import type { CaptureBudget } from '../core/capture-budget';
import type { CaptureFailure, LastShot, ParkedCapture, PendingCapture, RecheckState } from '../core/worker-state';
import type { PopupView } from './popup-view';
import type { ClaimReminder } from '../core/claim-reminders';
import type { PendingBanner } from '../core/banners';
import type { StampingState } from '../core/timestamp/schedule';

declare const valueType: unique symbol;
/** A `meta` key whose value is a T (the type exists only for the compiler). */
export type MetaKey<T> = string & { readonly [valueType]: T };

const REMIND = 'recheck-remind:';

function key<T>(k: string): MetaKey<T> {
  return k as MetaKey<T>;
}

export const META = {
  /** The test build's clock offset from the real one (ms). */
  clockOffset: key<number>('clockOffset'),
  /** The install's ECDSA P-256 key pair that signs bundles and backups (non-extractable private key). */
  signingKey: key<CryptoKeyPair>('signingKey'),
  /** Set by "delete all": the fingerprint of the key whose chain was deleted, named by the next chain-start. */
  previousKeyFingerprint: key<string>('previousKeyFingerprint'),
  /** Captures written down before they start: a killed worker finishes or fails them at its next start. */
  pendingCaptures: key<PendingCapture[]>('pendingCaptures'),
  /** Automatic captures waiting for their background tab to be shown. */
  parkedCaptures: key<ParkedCapture[]>('parkedCaptures'),
  /** The last 100 captures that failed or were skipped (rate-limited), for the popup's warning. */
  captureFailures: key<CaptureFailure[]>('captureFailures'),
  /** Automatic screenshots admitted per page state and per tab, inside their windows (lib/core/capture-budget.ts). */
  captureBudget: key<CaptureBudget>('captureBudget'),
  /** When each product in an open price-protection window may be fetched again. */
  recheckState: key<RecheckState>('recheckState'),
  /** Orders the shopper stopped watching (`orderRef`s). */
  unwatchedOrders: key<string[]>('unwatchedOrders'),
  /** The earliest stored deadline; the watch alarm is set from it. */
  nextWake: key<number | null>('nextWake'),
  /** Trusted time: each authority's last success, failures and retry deadline; what waits for a stamp. */
  stamping: key<StampingState>('stamping'),
  /** Throttled 价保 answers: when the platform lets the shopper try again (lib/core/claim-reminders.ts). */
  claimReminders: key<ClaimReminder[]>('claimReminders'),
  /** What notifications would have said where none show, for the next shop page (lib/background/banner.ts). */
  pendingBanners: key<PendingBanner[]>('pendingBanners'),
  /** Tabs showing a banner: it is taken away before a screenshot of them (lib/background/banner.ts). */
  bannerTabs: key<number[]>('bannerTabs'),
  /** The popup's kept first screen (lib/store/popup-view.ts). */
  popupView: key<PopupView>('popupView'),
  /** The last screenshot of a page (URL without its fragment) and its content hash. */
  lastShot: (url: string) => {
    const hash = url.indexOf('#');
    return key<LastShot>(`lastShot:${hash < 0 ? url : url.slice(0, hash)}`);
  },
  /** Later times at which a stored screenshot's exact page content was seen again (newest last). */
  seenAgain: (evidenceId: string) => key<number[]>(`seenAgain:${evidenceId}`),
  /** The page state last captured for what a snapshot is about ("captured once per page state"). */
  captured: (s: PageSnapshot) => key<string>(`captured:${s.kind}:${subjectRef(s)}`),
  /** The Shanghai day of a stalled parcel's last daily screenshot. */
  stallShot: (trackingNumber: string) => key<number>(`stallShot:${trackingNumber}`),
  /** A "open this page to re-check its price" reminder shown (also its notification id): the page URL. */
  recheckRemind: (productKey: string, day: string) => key<string>(`${REMIND}${productKey}:${day}`),
  /** The reminder behind a clicked notification, or null when the notification is something else. */
  recheckRemindOf: (notificationId: string) => (notificationId.startsWith(REMIND) ? key<string>(notificationId) : null),
} as const;

/**
 * Kept by "delete all": nothing. The signing key goes with the chain it signed (the next chain starts with a new
 * key and names the old one's fingerprint) and every clock offset goes too.
 */
export const META_KEPT_ON_DELETE: readonly string[] = [];
