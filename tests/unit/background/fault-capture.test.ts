/**
 * Fault tests of the capture pipeline with a mocked browser: "IndexedDB quota exceeded",
 * and "two tabs capturing at once", the unit half (the real-browser half is
 * tests/e2e/fault-two-tabs.chromium.test.ts). The browser is mocked so the one race a real browser
 * cannot be made to hit on cue can be: the shopper switches tabs between the "is this tab visible?"
 * check and captureVisibleTab, which shoots whatever tab is in front. The stored image must never be
 * of a tab other than the one the record names. Images are fake PNG bytes naming the tab they show;
 * the canvas that burns the band in passes them through.
 */
import { browser, type Browser } from 'wxt/browser';
import {
  captureEvidence,
  expireParkedCaptures,
  PARK_MS,
  parkedCaptures,
  resumeParkedCaptures,
  type CaptureRequest,
} from '@/lib/background/capture';
import { getMeta, openDatabase, type DB } from '@/lib/store/db';
import { META } from '@/lib/store/meta';
import { isStorageFull } from '@/lib/core/storage-full';
import { verifyStoredEvidence } from '@/lib/store/evidence-store';

interface FakeTab {
  id: number;
  windowId: number;
  url: string;
  active: boolean;
}

const URLS = {
  1: 'https://details.jd.com/normal/item.action?orderid=1',
  2: 'https://details.jd.com/normal/item.action?orderid=2',
} as const;

let tabs: Map<number, FakeTab>;
/** Runs inside captureVisibleTab before the picture is taken (the shopper's click landing then). */
let beforeShot: (() => void) | null;
let shots: number[];

function bringToFront(id: number): void {
  const tab = tabs.get(id)!;
  for (const t of tabs.values()) if (t.windowId === tab.windowId) t.active = t.id === id;
}

beforeEach(() => {
  tabs = new Map();
  beforeShot = null;
  shots = [];
  type Tab = Browser.tabs.Tab;
  const asTab = (t: FakeTab): Tab =>
    ({ ...t, index: 0, highlighted: t.active, pinned: false, incognito: false }) as Tab;
  vi.spyOn(browser.tabs, 'get').mockImplementation((async (id: number) => {
    const tab = tabs.get(id);
    if (!tab) throw new Error(`No tab with id: ${id}`);
    return asTab(tab);
  }) as unknown as typeof browser.tabs.get);
  vi.spyOn(browser.tabs, 'query').mockImplementation((async (q: { active?: boolean; windowId?: number }) =>
    [...tabs.values()]
      .filter(
        (t) =>
          (q.active === undefined || t.active === q.active) && (q.windowId === undefined || t.windowId === q.windowId),
      )
      .map(asTab)) as unknown as typeof browser.tabs.query);
  vi.spyOn(browser.tabs, 'captureVisibleTab').mockImplementation((async (windowId: number) => {
    beforeShot?.();
    beforeShot = null;
    const front = [...tabs.values()].find((t) => t.windowId === windowId && t.active)!;
    shots.push(front.id);
    // The picture names the tab, and the page when the tab has left the one it was opened on.
    const page = front.url === URLS[front.id as 1 | 2] ? '' : ` ${front.url}`;
    return `data:image/png;base64,${btoa(`tab-${front.id}${page}`)}`;
  }) as unknown as typeof browser.tabs.captureVisibleTab);
  // The band is burned in on a canvas: here the "JPEG" is the page image it was given, unchanged.
  vi.stubGlobal('createImageBitmap', async (blob: Blob) => ({
    width: 8,
    height: 6,
    bytes: new Uint8Array(await blob.arrayBuffer()),
  }));
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      bytes: Uint8Array = new Uint8Array(0);
      constructor(
        public width: number,
        public height: number,
      ) {}
      getContext() {
        const noop = () => undefined;
        return {
          drawImage: (bitmap: { bytes: Uint8Array }) => void (this.bytes = bitmap.bytes),
          fillRect: noop,
          fillText: noop,
          measureText: () => ({ width: 10 }),
        };
      }
      async convertToBlob() {
        return new Blob([this.bytes as BlobPart], { type: 'image/jpeg' });
      }
    },
  );
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

let n = 0;
const fresh = (): Promise<DB> => openDatabase(`fault-two-tabs-${n++}`);
const clock = () => Date.UTC(2026, 10, 20, 2, 0, 0);
const request = (id: 1 | 2): CaptureRequest => ({ tabId: id, url: URLS[id], kind: 'page-screenshot' });

async function shownIn(d: DB, evidenceId: string): Promise<string> {
  const blob = await d.get('blobs', evidenceId);
  return new TextDecoder().decode(blob!.data);
}

describe('fault: two tabs capturing at once (mocked browser)', () => {
  it('two windows at once: both stored, each image of its own tab, one intact chain', async () => {
    tabs.set(1, { id: 1, windowId: 10, url: URLS[1], active: true });
    tabs.set(2, { id: 2, windowId: 20, url: URLS[2], active: true });
    const d = await fresh();
    const [a, b] = await Promise.all([captureEvidence(d, request(1), clock), captureEvidence(d, request(2), clock)]);
    expect([a.url, b.url]).toEqual([URLS[1], URLS[2]]);
    expect(await shownIn(d, a.id)).toBe('tab-1');
    expect(await shownIn(d, b.id)).toBe('tab-2');
    expect(await verifyStoredEvidence(d)).toMatchObject({ ok: true, records: 3, problems: [] });
    d.close();
  });

  it('the shopper switches tabs between the visibility check and the shot: that image is thrown away, the retry is of the right tab', async () => {
    tabs.set(1, { id: 1, windowId: 10, url: URLS[1], active: true });
    tabs.set(2, { id: 2, windowId: 10, url: URLS[2], active: false });
    const d = await fresh();
    // Tab 1 passes the check, then tab 2 comes to the front just before the picture is taken, and
    // the shopper comes back to tab 1 before the queue's retry.
    beforeShot = () => {
      bringToFront(2);
      setTimeout(() => bringToFront(1), 300);
    };
    const record = await captureEvidence(d, request(1), clock);
    expect(shots).toEqual([2, 1]); // the first picture showed tab 2
    expect(record.url).toBe(URLS[1]);
    expect(await shownIn(d, record.id)).toBe('tab-1'); // never tab 2's picture under tab 1's name
    expect(await d.count('evidence')).toBe(2); // the chain's start and the screenshot
    expect(await verifyStoredEvidence(d)).toMatchObject({ ok: true, records: 2 });
    d.close();
  });

  it('an automatic capture of a background tab waits until the shopper looks at it; a manual one says why at once; a tab never shown is reported', async () => {
    tabs.set(1, { id: 1, windowId: 10, url: URLS[1], active: true });
    tabs.set(2, { id: 2, windowId: 10, url: URLS[2], active: false });
    tabs.set(3, { id: 3, windowId: 10, url: 'https://details.jd.com/normal/item.action?orderid=3', active: false });
    const d = await fresh();
    let now = clock();
    const tick = () => now;
    const auto = (id: 2 | 3): CaptureRequest => ({
      tabId: id,
      url: tabs.get(id)!.url,
      kind: 'order-screenshot',
      orderId: String(id),
    });
    const results = await Promise.allSettled([
      captureEvidence(d, auto(2), tick),
      captureEvidence(d, auto(3), tick),
      captureEvidence(d, { ...request(2), kind: 'page-screenshot' }, tick),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    // Only the manual capture is a failure the shopper sees; the two automatic ones wait.
    expect(((await getMeta(d, META.captureFailures)) ?? []).map((f) => f.kind)).toEqual(['page-screenshot']);
    expect(await parkedCaptures(d)).toBe(2);

    bringToFront(2);
    expect(await resumeParkedCaptures(d, 2, tick)).toBe(1);
    const [record] = (await d.getAll('evidence')).filter((e) => e.kind !== 'chain-start');
    expect(record).toMatchObject({ kind: 'order-screenshot', orderId: '2', url: URLS[2] });
    expect(await shownIn(d, record!.id)).toBe('tab-2');
    expect(await resumeParkedCaptures(d, 2, tick)).toBe(0); // once only

    now += PARK_MS + 1;
    expect(await expireParkedCaptures(d, tick)).toBe(1);
    expect(await parkedCaptures(d)).toBe(0);
    expect(((await getMeta(d, META.captureFailures)) ?? []).at(-1)).toMatchObject({
      url: tabs.get(3)!.url,
      reason: expect.stringMatching(/not shown/),
    });
    expect(await verifyStoredEvidence(d)).toMatchObject({ ok: true, records: 2 });
    d.close();
  }, 20_000);
});

describe('fault: the tab goes to another page that differs only by query (mocked browser)', () => {
  const OTHER = 'https://details.jd.com/normal/item.action?orderid=9';
  const failures = async (d: DB) => (await getMeta(d, META.captureFailures)) ?? [];

  it('between the check and the shot: the picture of the other page is thrown away, the capture recorded failed', async () => {
    tabs.set(1, { id: 1, windowId: 10, url: URLS[1], active: true });
    const d = await fresh();
    // Same origin and path, another order: the picture taken now shows order 9.
    beforeShot = () => void (tabs.get(1)!.url = OTHER);
    const auto: CaptureRequest = { ...request(1), kind: 'order-screenshot', orderId: '1', caption: '京东 订单 1' };
    const failed = await captureEvidence(d, auto, clock).then(
      () => null,
      (e: unknown) => e,
    );
    expect(shots).toEqual([1]); // the retry looked first and did not shoot
    expect(String(failed)).toMatch(/another page/);
    expect(await d.count('evidence')).toBe(0);
    expect(await d.count('blobs')).toBe(0);
    expect(await failures(d)).toEqual([
      expect.objectContaining({
        url: URLS[1],
        kind: 'order-screenshot',
        reason: expect.stringMatching(/another page/),
      }),
    ]);
    expect((await getMeta(d, META.pendingCaptures)) ?? []).toEqual([]);
    d.close();
  }, 20_000);

  it('between the check and the shot, and back before the retry: the stored picture is of the right page', async () => {
    tabs.set(1, { id: 1, windowId: 10, url: URLS[1], active: true });
    const d = await fresh();
    beforeShot = () => {
      tabs.get(1)!.url = OTHER;
      setTimeout(() => void (tabs.get(1)!.url = URLS[1]), 200);
    };
    const record = await captureEvidence(d, request(1), clock);
    expect(shots).toEqual([1, 1]);
    expect(record.url).toBe(URLS[1]);
    expect(await shownIn(d, record.id)).toBe('tab-1'); // never `tab-1 …orderid=9`
    expect(await d.count('evidence')).toBe(2); // the chain's start and this picture
    d.close();
  }, 20_000);

  it('before the capture starts: nothing is shot, the failure is recorded with its reason', async () => {
    tabs.set(1, { id: 1, windowId: 10, url: OTHER, active: true });
    const d = await fresh();
    await expect(captureEvidence(d, { ...request(1), kind: 'order-screenshot' }, clock)).rejects.toThrow(
      /another page/,
    );
    expect(shots).toEqual([]);
    expect(await d.count('evidence')).toBe(0);
    expect((await failures(d)).map((f) => f.reason)).toEqual([expect.stringMatching(/another page.*left the page/)]);
    d.close();
  });

  it('tracking parameters or a fragment the page adds do not make another page', async () => {
    tabs.set(1, { id: 1, windowId: 10, url: `${URLS[1]}&spm=a1.b2&utm_source=x#top`, active: true });
    const d = await fresh();
    const record = await captureEvidence(d, request(1), clock);
    expect(record.url).toBe(URLS[1]);
    expect(shots).toEqual([1]);
    d.close();
  });

  it('a parked capture resumed after its tab went to another order is reported, not shot', async () => {
    tabs.set(1, { id: 1, windowId: 10, url: URLS[1], active: true });
    tabs.set(2, { id: 2, windowId: 10, url: URLS[2], active: false });
    const d = await fresh();
    const auto: CaptureRequest = { tabId: 2, url: URLS[2], kind: 'order-screenshot', orderId: '2' };
    await expect(captureEvidence(d, auto, clock)).rejects.toThrow(/not the visible/);
    expect(await parkedCaptures(d)).toBe(1);
    tabs.get(2)!.url = OTHER; // the shopper opened order 9 in that tab, then looked at it
    bringToFront(2);
    expect(await resumeParkedCaptures(d, 2, clock)).toBe(0);
    expect(shots).toEqual([]);
    expect(await d.count('evidence')).toBe(0);
    expect((await failures(d)).at(-1)).toMatchObject({ url: URLS[2], reason: expect.stringMatching(/another page/) });
    d.close();
  }, 20_000);
});

describe('fault: a crash must not lose a capture marker (mocked browser)', () => {
  it('writes the pending and parked markers and the failures with strict durability', async () => {
    tabs.set(1, { id: 1, windowId: 10, url: URLS[1], active: true });
    tabs.set(2, { id: 2, windowId: 10, url: URLS[2], active: false });
    const d = await fresh();
    /** Every meta key written, with the durability of the transaction that wrote it. */
    const writes: string[] = [];
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'meta') writes.push(`${(args[0] as { key: string }).key} ${this.transaction.durability}`);
      return put.apply(this, args);
    });
    await captureEvidence(d, request(1), clock); // pending marker set and cleared
    await captureEvidence(d, { tabId: 2, url: URLS[2], kind: 'order-screenshot' }, clock).catch(() => undefined); // parked
    await captureEvidence(d, { tabId: 3, url: URLS[2], kind: 'page-screenshot' }, clock).catch(() => undefined); // failed
    expect(new Set(writes)).toEqual(
      new Set([
        'pendingCaptures strict',
        'parkedCaptures strict',
        'captureFailures strict',
        // The install key the chain's first record pins: made once, in one strict transaction.
        'signingKey strict',
        // What a repeated identical page is compared with: losing it costs one duplicate screenshot at most.
        `lastShot:${URLS[1]} default`,
      ]),
    );
    d.close();
  }, 20_000);
});

describe('fault: storage full during a capture (mocked browser)', () => {
  it('the capture fails with "storage full" on record, and everything stored before is intact and verifies', async () => {
    tabs.set(1, { id: 1, windowId: 10, url: URLS[1], active: true });
    tabs.set(2, { id: 2, windowId: 20, url: URLS[2], active: true });
    const d = await fresh();
    const before = await captureEvidence(d, request(1), clock);
    // The disk fills up: every new evidence file is refused as a real IndexedDB refuses it.
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'blobs') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const failed = await captureEvidence(d, request(2), clock).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isStorageFull(failed)).toBe(true);
    const failures = (await getMeta(d, META.captureFailures)) ?? [];
    expect(failures.at(-1)).toMatchObject({ url: URLS[2], full: true, reason: expect.stringMatching(/quota/i) });
    // Neither a record without its file nor a file without its record; the earlier evidence untouched.
    expect((await d.getAll('evidence')).filter((e) => e.kind !== 'chain-start').map((e) => e.id)).toEqual([before.id]);
    expect(await d.count('blobs')).toBe(1);
    expect(await shownIn(d, before.id)).toBe('tab-1');
    expect(await verifyStoredEvidence(d)).toMatchObject({ ok: true, records: 2, problems: [] });

    // Space freed: the next capture is stored and continues the chain.
    vi.mocked(IDBObjectStore.prototype.put).mockRestore();
    const after = await captureEvidence(d, request(2), clock);
    expect(await verifyStoredEvidence(d)).toMatchObject({ ok: true, records: 3 });
    expect(after.prevHash).toBe(before.recordHash);
    d.close();
  }, 20_000);
});
