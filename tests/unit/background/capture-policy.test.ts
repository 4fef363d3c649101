/** When a page deserves a screenshot, and what happens when the page looks exactly as last time. */
import { bandLines } from '@/lib/core/band';
import {
  BAND_HASH_DIGITS,
  dataUrlBytes,
  pageKey,
  seenAgainKey,
  recordSeenAgain,
  sameContentAs,
  type CaptureRequest,
} from '@/lib/background/capture';
import { getMeta, openDatabase, setMeta, type AlertRecord, type DB } from '@/lib/store/db';
import { appendEvidence, deleteEvidence } from '@/lib/store/evidence-store';
import { sha256Hex } from '@/lib/core/hash';
import type { LogisticsSnapshot, OrderSnapshot, ProductSnapshot } from '@/lib/core/model';
import { captureAbout, intakeSnapshot } from '@/lib/background/snapshot-intake';
import { SHOTS_PER_TAB_PER_MINUTE } from '@/lib/core/capture-budget';
import { META } from '@/lib/store/meta';

let n = 0;
const fresh = () => openDatabase(`capture-policy-${n++}`);
const HOUR = 3_600_000;
// 2026-11-20 10:00 in Shanghai
const T0 = Date.UTC(2026, 10, 20, 2, 0, 0);

const product = (amount: number, at = T0): ProductSnapshot => ({
  kind: 'product',
  platform: 'jd',
  url: 'https://item.jd.com/100012043978.html',
  productId: '100012043978',
  title: '小熊电热水壶',
  price: { amount, currency: 'CNY' },
  capturedAt: at,
});

const parcel = (at: number, events = 2): LogisticsSnapshot => ({
  kind: 'logistics',
  platform: 'jd',
  url: 'https://details.jd.com/lazy/track.action?orderid=301234567890',
  orderId: '301234567890',
  trackingNumber: 'JDX000123456789',
  events: Array.from({ length: events }, (_, i) => ({
    at: T0 - (events - i) * 24 * HOUR,
    text: i === 0 ? '已揽收' : '运输中，到达【北京分拣中心】',
    stage: i === 0 ? ('pickup' as const) : ('transit' as const),
  })),
  capturedAt: at,
});

async function openStall(d: DB, extra: Partial<AlertRecord> = {}): Promise<void> {
  await d.put('alerts', {
    id: 'logistics-stalled:jd:301234567890',
    alert: {
      id: 'logistics-stalled:jd:301234567890',
      kind: 'logistics-stalled',
      platform: 'jd',
      orderId: '301234567890',
      trackingNumber: 'JDX000123456789',
      raisedAt: T0,
      message: '物流停滞',
    },
    firstSeenAt: T0,
    lastSeenAt: T0,
    active: true,
    ...extra,
  });
}

describe('automatic capture policy', () => {
  it('captures a product once per price, never twice for the same price', async () => {
    const d = await fresh();
    expect((await intakeSnapshot(d, product(8990), undefined)).capture).toMatchObject({
      kind: 'price-screenshot',
      productId: '100012043978',
      caption: expect.stringContaining('¥89.90'),
    });
    expect((await intakeSnapshot(d, product(8990, T0 + HOUR), undefined)).capture).toBeNull();
    expect((await intakeSnapshot(d, product(7990, T0 + 2 * HOUR), undefined)).capture).toMatchObject({
      caption: expect.stringContaining('¥79.90'),
    });
  });

  it('captures an order page once per order state and names the order in the band caption', async () => {
    const d = await fresh();
    const order: OrderSnapshot = {
      kind: 'order',
      platform: 'jd',
      url: 'https://details.jd.com/normal/item.action?orderid=301234567890',
      orderId: '301234567890',
      status: '等待收货',
      paid: { amount: 8990, currency: 'CNY' },
      items: [],
      capturedAt: T0,
    };
    const first = await intakeSnapshot(d, order, '订单详情');
    expect(first.capture).toMatchObject({
      kind: 'order-screenshot',
      orderId: '301234567890',
      title: '订单详情',
      caption: '京东 订单 301234567890 实付 ¥89.90',
    });
    expect((await intakeSnapshot(d, { ...order, capturedAt: T0 + HOUR }, undefined)).capture).toBeNull();
    expect(
      (await intakeSnapshot(d, { ...order, status: '已完成', capturedAt: T0 + 2 * HOUR }, undefined)).capture,
    ).not.toBeNull();
  });

  it('captures a logistics page when new events appear, and not again while nothing moved', async () => {
    const d = await fresh();
    expect((await intakeSnapshot(d, parcel(T0), undefined)).capture).toMatchObject({
      kind: 'logistics-screenshot',
      trackingNumber: 'JDX000123456789',
    });
    expect((await intakeSnapshot(d, parcel(T0 + HOUR), undefined)).capture).toBeNull();
    expect((await intakeSnapshot(d, parcel(T0 + 2 * HOUR, 3), undefined)).capture).not.toBeNull();
  });

  it('while a stall alert is open, captures the unchanged tracking page once per Shanghai day', async () => {
    const d = await fresh();
    await intakeSnapshot(d, parcel(T0), undefined);
    await openStall(d);
    const day1 = await intakeSnapshot(d, parcel(T0 + HOUR), undefined);
    expect(day1.capture).toMatchObject({ kind: 'logistics-screenshot', reason: 'stall' });
    // Same Shanghai day (23:30 local): nothing new.
    expect((await intakeSnapshot(d, parcel(Date.UTC(2026, 10, 20, 15, 30)), undefined)).capture).toBeNull();
    // 00:30 the next day in Shanghai (still the 20th in UTC): a new dated screenshot.
    expect((await intakeSnapshot(d, parcel(Date.UTC(2026, 10, 20, 16, 30)), undefined)).capture).toMatchObject({
      reason: 'stall',
    });
  });

  it('does not keep capturing for a stall alert the shopper dismissed or snoozed', async () => {
    const d = await fresh();
    await intakeSnapshot(d, parcel(T0), undefined);
    await openStall(d, { dismissedAt: T0 });
    expect((await intakeSnapshot(d, parcel(T0 + HOUR), undefined)).capture).toBeNull();
    await openStall(d, { snoozedUntil: T0 + 48 * HOUR });
    expect((await intakeSnapshot(d, parcel(T0 + 25 * HOUR), undefined)).capture).toBeNull();
    await openStall(d, { active: false });
    expect((await intakeSnapshot(d, parcel(T0 + 50 * HOUR), undefined)).capture).toBeNull();
  });

  it('never captures a secondary snapshot (the parcel read from an order page)', async () => {
    const d = await fresh();
    expect((await intakeSnapshot(d, parcel(T0), undefined, false)).capture).toBeNull();
    expect(await d.count('snapshots')).toBe(1);
  });

  it('remembers what a page is about for a manual capture of it', () => {
    expect(captureAbout(product(8990), '商品页')).toEqual({
      url: 'https://item.jd.com/100012043978.html',
      title: '商品页',
      platform: 'jd',
      productId: '100012043978',
      caption: '京东 商品 100012043978 ¥89.90',
    });
  });
});

describe('automatic capture budget (a hostile page)', () => {
  const MIN = 60_000;

  it('a page that flips its price twice a second: 6 screenshots a minute in its tab, the excess recorded once', async () => {
    const d = await fresh();
    const results = [];
    // A new price every time (a page flipping between two prices also hits the per-state limit, below).
    for (let i = 0; i < 40; i++)
      results.push(await intakeSnapshot(d, product(8000 + i, T0 + i * 500), undefined, true, 5));
    expect(results.filter((r) => r.capture).length).toBe(SHOTS_PER_TAB_PER_MINUTE);
    expect(results.filter((r) => r.skipped === 'tab').length).toBe(40 - SHOTS_PER_TAB_PER_MINUTE);
    const failures = (await getMeta(d, META.captureFailures)) ?? [];
    expect(failures).toEqual([
      {
        at: T0 + SHOTS_PER_TAB_PER_MINUTE * 500,
        url: 'https://item.jd.com/100012043978.html',
        kind: 'price-screenshot',
        reason: 'rate-limited: at most 6 automatic screenshots per tab per minute',
        rateLimited: true,
      },
    ]);
    // Every report is still stored as an observation: only the screenshot is skipped.
    expect(await d.count('snapshots')).toBe(40);
  });

  it('one page state at most 3 times an hour; a skipped state is not marked captured, so it is taken once allowed', async () => {
    const d = await fresh();
    const shot = async (amount: number, at: number) => await intakeSnapshot(d, product(amount, at), undefined, true, 5);
    const seq: (string | null)[] = [];
    // ¥89.90 and ¥79.90 alternate every 2 minutes (under the tab limit): the 4th ¥89.90 within the hour is skipped.
    for (let i = 0; i < 8; i++) {
      const r = await shot(i % 2 ? 7990 : 8990, T0 + i * 2 * MIN);
      seq.push(r.capture ? 'shot' : (r.skipped ?? null));
    }
    // The 4th ¥89.90 within the hour is skipped; the page then shows ¥79.90, the state last captured: nothing due.
    expect(seq).toEqual(['shot', 'shot', 'shot', 'shot', 'shot', 'shot', 'state', null]);
    expect(((await getMeta(d, META.captureFailures)) ?? []).map((f) => f.reason)).toEqual([
      'rate-limited: at most 3 automatic screenshots of one page state per hour',
    ]);
    // Skipped again within its hour: not recorded twice.
    expect((await shot(8990, T0 + 20 * MIN)).skipped).toBe('state');
    expect((await getMeta(d, META.captureFailures)) ?? []).toHaveLength(1);
    // An hour after the first ¥89.90 the page still shows ¥89.90: the skipped state was not marked captured,
    // so it is captured now.
    expect((await shot(8990, T0 + HOUR + MIN)).capture).toMatchObject({ caption: expect.stringContaining('¥89.90') });
  });

  it('reports without a tab (an order typed in on an extension page) spend no budget', async () => {
    const d = await fresh();
    for (let i = 0; i < 10; i++)
      expect((await intakeSnapshot(d, product(1000 + i, T0 + i), undefined)).capture).not.toBeNull();
    expect(await getMeta(d, META.captureBudget)).toBeUndefined();
  });
});

describe('identical page content', () => {
  const req: CaptureRequest = {
    tabId: 1,
    url: 'https://details.jd.com/normal/item.action?orderid=301234567890#top',
    kind: 'page-screenshot',
  };

  async function stored(d: DB, contentSha256: string) {
    const bytes = new Uint8Array([1, 2, 3, 4]);
    const record = await appendEvidence(
      d,
      {
        kind: 'page-screenshot',
        capturedAt: T0,
        url: req.url,
        mime: 'image/jpeg',
        bytes: 4,
        sha256: await sha256Hex(bytes),
        contentSha256,
      },
      bytes,
    );
    await setMeta(d, pageKey(req.url), { evidenceId: record.id, contentSha256 });
    return record;
  }

  it('finds the earlier screenshot of the same page with the same content hash', async () => {
    const d = await fresh();
    const hash = await sha256Hex('page pixels');
    const first = await stored(d, hash);
    expect(
      (await sameContentAs(d, { ...req, url: 'https://details.jd.com/normal/item.action?orderid=301234567890' }, hash))
        ?.id,
    ).toBe(first.id);
    expect(await sameContentAs(d, req, await sha256Hex('other pixels'))).toBeNull();
    expect(
      await sameContentAs(d, { ...req, url: 'https://details.jd.com/normal/item.action?orderid=9' }, hash),
    ).toBeNull();
  });

  it('takes a new screenshot when the earlier one was deleted, or for a daily stall capture', async () => {
    const d = await fresh();
    const hash = await sha256Hex('page pixels');
    const first = await stored(d, hash);
    expect(await sameContentAs(d, { ...req, reason: 'stall' }, hash)).toBeNull();
    await deleteEvidence(d, first.id, T0 + HOUR);
    expect(await sameContentAs(d, req, hash)).toBeNull();
  });

  it('records each later time the same content was seen, once each', async () => {
    const d = await fresh();
    await recordSeenAgain(d, 'ev-1', T0 + HOUR);
    await recordSeenAgain(d, 'ev-1', T0 + HOUR);
    await recordSeenAgain(d, 'ev-1', T0 + 2 * HOUR);
    expect(await getMeta(d, seenAgainKey('ev-1'))).toEqual([T0 + HOUR, T0 + 2 * HOUR]);
  });

  it('prints the start of the content hash in the band', async () => {
    const hash = await sha256Hex('page pixels');
    const lines = bandLines({
      capturedAt: T0,
      url: req.url,
      caption: '京东 订单 301234567890',
      timeZone: 'Asia/Shanghai',
      shortHash: hash.slice(0, BAND_HASH_DIGITS),
    });
    expect(lines[3]).toBe(`京东 订单 301234567890  ·  页面指纹 Page SHA-256 ${hash.slice(0, 16)}`);
  });

  it('decodes the captured data URL to the exact bytes that are hashed', () => {
    expect(Array.from(dataUrlBytes('data:image/png;base64,AAEC/w=='))).toEqual([0, 1, 2, 255]);
  });
});
