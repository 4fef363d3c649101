/** What content scripts report (reads of shop pages), and the shopper's own price for a product. */
import { browser } from 'wxt/browser';
import type { Money, Platform, ProductSnapshot } from '../../core/model';
import { withUserPrice } from '../../sites/user-selector';
import { now } from '../../store/clock';
import { addSnapshot, latestSnapshot, type DB } from '../../store/db';
import { loadSettings } from '../../store/settings';
import { evaluateAndNotify } from '../evaluate-and-notify';
import { injectFullRunner, injectStructuredReader } from '../full-runner';
import { storedSelector } from '../picked-selectors';
import type { Handlers } from '../router';
import { afterClaim } from '../claims';
import { captureAbout, intakeSnapshot } from '../snapshot-intake';
import { captureInBackground, hasCapturePermission } from '../tab-capture';
import { rememberTabNote, rememberTabRead } from '../tab-reads';
import { productIndexKey } from '../../core/keys';
import { withOwner } from '../parcel-owner';
import { showBannersFor } from '../banner';

type SnapshotHandlers = Pick<
  Handlers,
  'content/hello' | 'content/upgrade' | 'snapshot/report' | 'price/correct' | 'page/note'
>;

/** The shopper's own price for a product: a new snapshot from the latest one, source 'user'. */
async function correctPrice(
  d: DB,
  platform: Platform,
  productId: string,
  price: Money,
): Promise<{ ok: true; snapshotId: number } | { ok: false; error: string }> {
  const last = await latestSnapshot(d, productIndexKey(platform, productId));
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

export const snapshotHandlers: SnapshotHandlers = {
  'content/hello': { from: 'content', changesData: false, handle: async () => ({ ok: true }) },
  'page/note': {
    from: 'content',
    changesData: false,
    async handle(message, { sender }) {
      const tabId = sender.tab?.id;
      const url = sender.url ?? sender.tab?.url;
      if (tabId !== undefined && url && !url.startsWith(browser.runtime.getURL('/')))
        await rememberTabNote(tabId, { url: url.slice(0, 4096), note: message.note, at: now() });
      showBannersFor(sender);
      return { ok: true };
    },
  },
  'content/upgrade': {
    from: 'content',
    changesData: false,
    async handle(message, { sender }) {
      // Only into the sending frame, and only the full runner of the first stage that page has, or (`structured`,
      // from the schema.org probe, lib/content/structured.ts) the schema.org reader on a shop page.
      const tabId = sender.tab?.id;
      const frameId = sender.frameId ?? 0;
      const inject = message.reader === 'structured' ? injectStructuredReader : injectFullRunner;
      if (tabId === undefined || !(await inject(tabId, frameId, sender.url)))
        return { ok: false, error: 'no full reader for this page' };
      return { ok: true };
    },
  },
  'snapshot/report': {
    from: 'content',
    changesData: true,
    async handle(message, { sender, db: d }) {
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
      // A tracking site's parcel is filed under the order that lists its number (lib/background/parcel-owner.ts).
      const snapshot = await withOwner(d, { ...message.snapshot, capturedAt: now() });
      const settings = await loadSettings();
      const tabId = fromShopTab ? sender.tab?.id : undefined;
      // A page state counts as captured only when a screenshot is attempted: read while automatic screenshots
      // were off (or not yet permitted), the same page is captured once they are on.
      const mayCapture =
        tabId !== undefined && !message.secondary && settings.autoCapture && (await hasCapturePermission());
      const { snapshotId, capture } = await intakeSnapshot(
        d,
        snapshot,
        message.title ?? sender.tab?.title,
        mayCapture,
        tabId,
      );
      if (tabId !== undefined && !message.secondary)
        await rememberTabRead(tabId, captureAbout(snapshot, message.title ?? sender.tab?.title));
      const captured = capture && tabId !== undefined ? captureInBackground(d, { ...capture, tabId }) : undefined;
      if (snapshot.kind === 'claim') await afterClaim(d, snapshot);
      await evaluateAndNotify();
      // Where notifications do not show, what they would have said appears in this page (this read's alerts too).
      if (!message.secondary) showBannersFor(sender, captured);
      return { ok: true, snapshotId };
    },
  },
  'price/correct': {
    from: 'page',
    changesData: true,
    handle: (m, { db: d }) => correctPrice(d, m.platform, m.productId, m.price),
  },
};
