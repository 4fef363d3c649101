/**
 * The background's typed handler map (lib/background/router.ts, lib/background/handlers/) with WXT's
 * fakeBrowser and fake-indexeddb: who may send what, invalid messages, the popup view refresh after a
 * change, handlers' replies, and the test build's messages kept out of the release schema.
 */
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handlers } from '@/lib/background/handlers';
import { createRouter, type Handlers, type MessageListener } from '@/lib/background/router';
import { testHandlers, testRouting } from '@/lib/background/test-handlers';
import { MessageSchema, type ErrorReply, type MessageOf, type MessageType, type Reply } from '@/lib/core/messages';
import { DEFAULT_SETTINGS, type OrderSnapshot, type ProductSnapshot } from '@/lib/core/model';
import { db, getMeta } from '@/lib/store/db';
import { META } from '@/lib/store/meta';
import { appendEvidence } from '@/lib/store/evidence-store';

const H = 3_600_000;
const OWN = () => browser.runtime.getURL('/');

/** The fields of a tab the background reads (the type asks for every field a browser reports). */
function tab(id: number, url: string): Browser.tabs.Tab {
  return { id, url, title: '京东', index: 0, windowId: 1, active: true } as Browser.tabs.Tab;
}
/** An extension page (popup, options): our id, our origin. */
const fromPage = (): Browser.runtime.MessageSender => ({ id: browser.runtime.id, url: `${OWN()}popup.html` });
/** A shop tab's content script: our id, the page's URL and tab. */
const fromShopTab = (url = 'https://item.jd.com/100012043978.html'): Browser.runtime.MessageSender => ({
  id: browser.runtime.id,
  url,
  tab: tab(7, url),
  frameId: 0,
});

function product(over: Partial<ProductSnapshot> = {}): ProductSnapshot {
  return {
    kind: 'product',
    platform: 'jd',
    url: 'https://item.jd.com/100012043978.html',
    productId: '100012043978',
    title: '小熊电热水壶',
    price: { amount: 8990, currency: 'CNY' },
    capturedAt: 1,
    ...over,
  };
}

let onDataChanged: ReturnType<typeof vi.fn<() => void>>;
let release: MessageListener;
let testBuild: MessageListener;

beforeEach(() => {
  fakeBrowser.reset();
  // Not in fakeBrowser: notifications ask for the UI language.
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('zh-CN');
  onDataChanged = vi.fn<() => void>();
  release = createRouter({ schema: MessageSchema, routes: handlers, ready: Promise.resolve(), onDataChanged });
  testBuild = createRouter({ ...testRouting(), ready: Promise.resolve(), onDataChanged });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A message to the release router with its reply typed, as lib/pages/send.ts types it for the pages. */
function ask<K extends MessageType>(message: MessageOf<K> & { type: K }, sender = fromPage()): Promise<Reply<K>> {
  return release(message, sender) as Promise<Reply<K>>;
}

/** The reply of a message expected to succeed. */
function succeeded<R>(reply: R | ErrorReply): Exclude<R, ErrorReply> {
  if (typeof reply === 'object' && reply !== null && 'error' in reply) throw new Error(String(reply.error));
  return reply as Exclude<R, ErrorReply>;
}

describe('router: who may send what', () => {
  it('takes a page message from our extension pages only', async () => {
    expect(await release({ type: 'state/summary' }, fromPage())).toMatchObject({ ok: true });
    expect(await release({ type: 'state/summary' }, fromShopTab())).toEqual({ ok: false, error: 'sender not allowed' });
    expect(await release({ type: 'state/summary' }, { ...fromPage(), id: 'another-extension' })).toEqual({
      ok: false,
      error: 'sender not allowed',
    });
    expect(await release({ type: 'backup/export' }, { id: browser.runtime.id, url: 'https://evil.example/' })).toEqual({
      ok: false,
      error: 'sender not allowed',
    });
  });

  it('takes a content message from a shop tab or our pages, never from another extension or a tabless page', async () => {
    const hello = { type: 'content/hello', url: 'https://item.jd.com/1.html' };
    expect(await release(hello, fromShopTab())).toEqual({ ok: true });
    expect(await release(hello, fromPage())).toEqual({ ok: true });
    expect(await release(hello, { ...fromShopTab(), id: 'another-extension' })).toEqual({
      ok: false,
      error: 'sender not allowed',
    });
    expect(await release(hello, { id: browser.runtime.id, url: 'https://item.jd.com/1.html' })).toEqual({
      ok: false,
      error: 'sender not allowed',
    });
  });

  it('lets content scripts send exactly the reports they make', () => {
    const fromContent = Object.entries(handlers)
      .filter(([, r]) => r.from === 'content')
      .map(([type]) => type)
      .sort();
    expect(fromContent).toEqual([
      // A tap on the banner a phone gets instead of a notification (lib/background/banner.ts).
      'banner/open',
      // A 价保 page asks which lines to mark and to open our evidence (lib/content/claim-page.ts).
      'claim/evidence',
      'claim/marks',
      'content/hello',
      'content/upgrade',
      'page/note',
      'picker/picked',
      'snapshot/report',
    ]);
    expect(Object.values(testHandlers).map((r) => r.from)).toEqual(['page', 'page', 'page', 'page']);
    // Attaching a parcel to an order is the shopper's choice on our pages, never a shop page's.
    expect(handlers['parcel/attach']).toMatchObject({ from: 'page', changesData: true });
  });

  it('refreshes the popup view after every message but the reads', () => {
    const reads = Object.entries({ ...handlers, ...testHandlers })
      .filter(([, r]) => !r.changesData)
      .map(([type]) => type)
      .sort();
    expect(reads).toEqual([
      'backup/export',
      'banner/open',
      'claim/evidence',
      'claim/marks',
      'content/hello',
      'content/upgrade',
      'evidence/verify',
      'page/note',
      'state/summary',
      'test/capture-delay',
      'test/clock',
      'test/phone-surface',
      'timestamp/digest',
    ]);
  });
});

describe('router: what it answers', () => {
  it.each([null, 42, 'state/summary', {}, { type: 'no/such' }, { type: 'evidence/delete' }])(
    'answers %j with an invalid-message error, runs nothing and refreshes nothing',
    async (raw) => {
      const reply = await release(raw, fromPage());
      expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid message/) });
      expect(onDataChanged).not.toHaveBeenCalled();
    },
  );

  it('refreshes the popup view after a route that changes data, and not after a read', async () => {
    await release({ type: 'state/summary' }, fromPage());
    await release({ type: 'evidence/verify' }, fromPage());
    expect(onDataChanged).not.toHaveBeenCalled();
    await release({ type: 'settings/save', settings: { notifications: false } }, fromPage());
    expect(onDataChanged).toHaveBeenCalledTimes(1);
  });

  it('turns a handler that throws into an error reply, and still refreshes after a change', async () => {
    expect(await release({ type: 'evidence/delete', id: 'ev-none' }, fromPage())).toEqual({
      ok: false,
      error: 'no evidence ev-none',
    });
    expect(onDataChanged).toHaveBeenCalledTimes(1);
  });

  it('waits for the worker to start before any handler runs', async () => {
    let started = false;
    let start!: () => void;
    const ready = new Promise<void>((r) => (start = r)).then(() => void (started = true));
    const router = createRouter({ schema: MessageSchema, routes: handlers, ready, onDataChanged });
    const handled = vi.spyOn(handlers['state/summary'], 'handle');
    const reply = router({ type: 'state/summary' }, fromPage());
    await new Promise((r) => setTimeout(r, 10));
    expect(handled).not.toHaveBeenCalled();
    start();
    expect(await reply).toMatchObject({ ok: true });
    expect(started).toBe(true);
    expect(handled).toHaveBeenCalledTimes(1);
  });
});

describe('handlers', () => {
  it('settings/save stores the settings whole and answers them', async () => {
    const reply = await release(
      { type: 'settings/save', settings: { language: 'en', notifications: false } },
      fromPage(),
    );
    expect(reply).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS, language: 'en', notifications: false } });
    expect((await browser.storage.sync.get('settings')).settings).toMatchObject({
      language: 'en',
      notifications: false,
    });
    // A setting out of its schema never reaches the handler.
    expect(await release({ type: 'settings/save', settings: { language: 'fr' } }, fromPage())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid message: settings\.language/),
    });
  });

  it('settings/save of some fields keeps the others (the popup’s language switch sends only the language)', async () => {
    await release(
      { type: 'settings/save', settings: { notifications: false, stallHours: 96, quietHours: { start: 22, end: 8 } } },
      fromPage(),
    );
    const reply = await release({ type: 'settings/save', settings: { language: 'en' } }, fromPage());
    expect(reply).toMatchObject({
      ok: true,
      settings: { language: 'en', notifications: false, stallHours: 96, quietHours: { start: 22, end: 8 } },
    });
    expect((await browser.storage.sync.get('settings')).settings).toMatchObject({
      notifications: false,
      stallHours: 96,
    });
  });

  it('evidence/verify answers { ok, records, problems } and names the record whose bytes changed', async () => {
    const before = succeeded(await ask({ type: 'evidence/verify' }));
    expect(before).toMatchObject({ ok: true, problems: [] });
    const d = await db();
    const bytes = new Uint8Array([1, 2, 3, 4]);
    const hex = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');
    const record = await appendEvidence(
      d,
      { kind: 'attachment', capturedAt: Date.now(), mime: 'image/png', bytes: 4, sha256: hex },
      bytes,
    );
    expect(await ask({ type: 'evidence/verify' })).toEqual({
      ok: true,
      records: before.records + (before.records === 0 ? 2 : 1),
      problems: [],
    });
    await d.put('blobs', { id: record.id, data: new Uint8Array([9, 9, 9, 9]), mime: 'image/png' });
    expect(await release({ type: 'evidence/verify' }, fromPage())).toMatchObject({
      ok: false,
      problems: [{ evidenceId: record.id, reason: expect.stringMatching(/SHA-256/) }],
    });
    await d.put('blobs', { id: record.id, data: bytes, mime: 'image/png' });
  });

  it('snapshot/report from a shop tab stores the read on the worker clock, and backup/export has it', async () => {
    const at = Date.now();
    const reply = succeeded(await ask({ type: 'snapshot/report', snapshot: product(), title: '京东' }, fromShopTab()));
    expect(reply).toEqual({ ok: true, snapshotId: expect.any(Number) });
    const backup = succeeded(await ask({ type: 'backup/export' }));
    expect(Object.keys(backup).sort()).toEqual(
      ['alerts', 'captureFailures', 'evidence', 'exportedAt', 'format', 'settings', 'snapshots', 'tickets'].sort(),
    );
    expect(backup.format).toBe('shopwitness-backup/1');
    expect(backup.settings).toEqual(DEFAULT_SETTINGS);
    expect(backup.captureFailures).toEqual([]);
    const stored = backup.snapshots.find((s) => s.id === reply.snapshotId);
    expect(stored).toMatchObject({
      ...product(),
      capturedAt: expect.any(Number),
      key: 'product:jd:100012043978',
      tabTitle: '京东',
    });
    expect(stored!.capturedAt).toBeGreaterThanOrEqual(at);
    // Evidence metadata with its hashes, never the bytes.
    for (const e of backup.evidence) {
      expect(e).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), recordHash: expect.any(String) });
      expect(e).not.toHaveProperty('data');
    }
  });

  it('snapshot/report marks a page state captured only when a screenshot is attempted', async () => {
    const d = await db();
    // No "all sites" permission: the read is stored, the page state is not marked captured.
    succeeded(await ask({ type: 'snapshot/report', snapshot: product() }, fromShopTab()));
    expect(await getMeta(d, META.captured(product()))).toBeUndefined();
    // Once granted (the onboarding page's one click), the same page, unchanged, gets its screenshot.
    vi.spyOn(browser.permissions as unknown as { contains(): Promise<boolean> }, 'contains').mockResolvedValue(true);
    succeeded(await ask({ type: 'snapshot/report', snapshot: product() }, fromShopTab()));
    expect(await getMeta(d, META.captured(product()))).toEqual(expect.any(String));
  });

  it('snapshot/report is refused, to be read again, when the shopper picked another price element there', async () => {
    await browser.storage.local.set({ userSelectors: { 'item.jd.com': '.my-price' } });
    expect(await release({ type: 'snapshot/report', snapshot: product(), userSelector: null }, fromShopTab())).toEqual({
      ok: false,
      error: 'read again with the chosen price element',
      userSelector: '.my-price',
    });
    expect(
      await release({ type: 'snapshot/report', snapshot: product(), userSelector: '.my-price' }, fromShopTab()),
    ).toMatchObject({ ok: true });
  });

  it('picker/picked sets the selector of the sending page’s own site only', async () => {
    const picked = { type: 'picker/picked', host: 'item.jd.com', selector: '.p-price', sample: '¥89.90' };
    expect(await release({ ...picked, host: 'item.taobao.com' }, fromShopTab())).toEqual({
      ok: false,
      error: 'host does not match the sending page',
    });
    expect(await release(picked, fromShopTab())).toEqual({ ok: true });
    expect((await browser.storage.local.get('userSelectors')).userSelectors).toMatchObject({
      'item.jd.com': '.p-price',
    });
  });

  it('alert/dismiss dismisses an open alert, and says so when there is no such alert', async () => {
    const paid = Date.now() - 49 * H;
    const order: OrderSnapshot = {
      kind: 'order',
      platform: 'jd',
      url: 'https://details.jd.com/normal/item.action?orderid=77',
      orderId: '77',
      paidAt: paid,
      paid: { amount: 8990, currency: 'CNY' },
      items: [{ productId: '1', title: '水壶', unitPrice: { amount: 8990, currency: 'CNY' }, quantity: 1 }],
      capturedAt: paid + 1000,
    };
    // From an extension page (an order typed in by hand): stored, evaluated, no screenshot.
    expect(await ask({ type: 'snapshot/report', snapshot: order })).toMatchObject({ ok: true });
    const { alerts } = succeeded(await ask({ type: 'alerts/evaluate' }));
    const alert = alerts.find((a) => a.kind === 'no-pickup' && a.orderId === '77');
    expect(alert).toBeDefined();
    expect(await browser.action.getBadgeText({})).not.toBe('');

    expect(await release({ type: 'alert/dismiss', id: alert!.id }, fromPage())).toEqual({ ok: true });
    expect(succeeded(await ask({ type: 'alerts/evaluate' })).alerts.map((a) => a.id)).not.toContain(alert!.id);
    expect(await release({ type: 'alert/dismiss', id: 'no-such-alert' }, fromPage())).toEqual({
      ok: false,
      error: 'no such alert',
    });
  });
});

describe('test-only messages', () => {
  it('are not in the release schema: test/clock is an invalid message there', async () => {
    const types: readonly string[] = MessageSchema.options.map((o) => o.shape.type.value);
    expect(types).not.toContain('test/clock');
    expect(types).not.toContain('prices/recheck');
    expect(types).not.toContain('test/capture-delay');
    expect(await release({ type: 'test/capture-delay', ms: 1 }, fromPage())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid message/),
    });
    expect(await release({ type: 'test/clock', now: 1 }, fromPage())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid message/),
    });
    expect(await release({ type: 'prices/recheck' }, fromPage())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid message/),
    });
  });

  it('the test build moves the worker clock with test/clock, from our pages only', async () => {
    const to = Date.now(); // where it already is: the other tests keep a real clock
    const reply = await testBuild({ type: 'test/clock', now: to }, fromPage());
    expect(reply).toEqual({ ok: true, now: expect.any(Number) });
    expect(reply).toHaveProperty('now', expect.closeTo(to, -3));
    expect(await testBuild({ type: 'test/clock', now: to }, fromShopTab())).toEqual({
      ok: false,
      error: 'sender not allowed',
    });
    // And it still routes every release message.
    expect(await testBuild({ type: 'state/summary' }, fromPage())).toMatchObject({ ok: true });
  });

  it('the release handler map covers every release message type, and only those', () => {
    const types: MessageType[] = MessageSchema.options.map((o) => o.shape.type.value);
    expect(Object.keys(handlers).sort()).toEqual([...types].sort());
  });
});

// Compile-time: a handler must answer its own message's reply (checked by `npx tsc --noEmit`).
export const wrongReply: Handlers['state/summary'] = {
  from: 'page',
  changesData: false,
  // @ts-expect-error: state/summary answers { ok, now, snapshots, evidence }
  handle: async () => ({ ok: true }),
};
