/**
 * price-discrepancy.chromium.test.ts in Firefox: the Douyin shop page read through its own response, an app order at
 * that price, the live room's lower price reported from inside its tab (harness/live-room.ts) → the alert, the ticket
 * naming both channels, prices and times with both screenshots side by side, and a bundle that verifies and cites both.
 */
import { strFromU8, unzipSync } from 'fflate';
import { verifyBundle } from '@/lib/core/bundle';
import type { Evidence, ProductSnapshot } from '@/lib/core/model';
import { formatDateTime } from '@/lib/tickets/format';
import { browserAvailable, FIREFOX, FIREFOX_EXT, waitFor } from './harness/paths';
import { launchFirefox, type FirefoxExt } from './harness/firefox';
import {
  DOUYIN_ID,
  DOUYIN_PACK,
  DOUYIN_SKUS,
  DOUYIN_SKUS_BODY,
  DOUYIN_URL,
  douyinPack,
  douyinPage,
  latestShopReading,
} from './harness/douyin-page';
import { LIVE_URL, ROOM_ID, douyinOrder, liveObservation, liveRoomPage, reportFromTab } from './harness/live-room';
import { ok } from './harness/send';

const run = browserAvailable(FIREFOX, FIREFOX_EXT);
const H = 3_600_000;

describe.runIf(run)('price discrepancy: live room vs shop page (Firefox)', () => {
  let ext: FirefoxExt;
  beforeAll(async () => {
    ext = await launchFirefox();
  });
  afterAll(async () => ext?.close());

  it('raises the alert, writes the ticket with both pages side by side, and the bundle verifies', async () => {
    const shots = async () => ok(await ext.send({ type: 'backup/export' })).evidence;
    ok(await ext.send({ type: 'test/clock', now: Date.now() - 3 * H }));
    const json = (body: string) => ({ body, contentType: 'application/json' });
    const shopPage = await ext.newShopPage({
      [DOUYIN_URL]: douyinPage(),
      [`${DOUYIN_PACK}?a_bogus=`]: json(douyinPack()),
      [DOUYIN_SKUS]: json(DOUYIN_SKUS_BODY),
    });
    await shopPage.goto(DOUYIN_URL, { waitUntil: 'domcontentloaded' });
    const shop = (await waitFor(
      async () =>
        ok(await ext.send({ type: 'backup/export' })).snapshots.find(
          (s) => s.kind === 'product' && s.productId === DOUYIN_ID && s.url === DOUYIN_URL,
        ),
      'the shop-page product',
      30_000,
    )) as ProductSnapshot & { id: number };
    const shopShot = await waitFor(
      async () => (await shots()).find((e) => e.kind === 'price-screenshot' && e.snapshotId === shop.id),
      'the shop page screenshot',
      30_000,
    );
    await shopPage.close();
    ok(await ext.send({ type: 'snapshot/report', snapshot: douyinOrder(shop.capturedAt + H / 2) }));

    ok(await ext.send({ type: 'test/clock', now: Date.now() }));
    const live = await ext.newShopPage({ [LIVE_URL]: liveRoomPage() });
    await live.goto(LIVE_URL, { waitUntil: 'load' });
    await live.bringToFront();
    const reply = (await ext.bridge.evaluate(reportFromTab, {
      url: LIVE_URL,
      message: { type: 'snapshot/report', snapshot: liveObservation(), title: await live.title() },
    })) as { ok: boolean; snapshotId: number };
    expect(reply).toMatchObject({ ok: true });
    const liveShot: Evidence = await waitFor(
      async () => (await shots()).find((e) => e.kind === 'price-screenshot' && e.snapshotId === reply.snapshotId),
      'the live room screenshot',
      30_000,
    );
    const liveSnap = ok(await ext.send({ type: 'backup/export' })).snapshots.find(
      (s) => (s as { id?: number }).id === reply.snapshotId,
    ) as ProductSnapshot;

    const cited = latestShopReading(ok(await ext.send({ type: 'backup/export' })));
    const alert = ok(await ext.send({ type: 'alerts/evaluate' })).alerts.find((a) => a.kind === 'price-discrepancy');
    expect(alert).toMatchObject({
      amount: { amount: 2000, currency: 'CNY' },
      discrepancy: {
        higher: { channel: 'shop', snapshotId: cited.id, price: { amount: 7990 } },
        lower: { channel: 'live', roomId: ROOM_ID, snapshotId: reply.snapshotId, price: { amount: 5990 } },
      },
    });

    const ticket = await ext.openPage(`ticket.html?alert=${encodeURIComponent(alert!.id)}`);
    const value = (sel: string) => ticket.$eval(sel, (el) => (el as HTMLTextAreaElement).value);
    await waitFor(
      async () => (await value('#text-zh-CN').catch(() => '')).includes('直播间'),
      'the ticket text',
      30_000,
    );
    const zh = await value('#text-zh-CN');
    const en = await value('#text-en');
    const shopAt = formatDateTime(cited.capturedAt, 'Asia/Shanghai');
    const liveAt = formatDateTime(liveSnap.capturedAt, 'Asia/Shanghai');
    expect(shopAt).not.toBe(liveAt);
    for (const s of ['店铺页面', `直播间（房间号 ${ROOM_ID}）`, '¥79.90', '¥59.90', '¥20.00', shopAt, liveAt])
      expect(zh).toContain(s);
    for (const s of ['the shop page', `the live room (room ${ROOM_ID})`, '¥79.90', '¥59.90', shopAt, liveAt])
      expect(en).toContain(s);
    for (const item of ['higher-price-screenshot', 'lower-price-screenshot'])
      expect(await ticket.$eval(`[data-item="${item}"]`, (el) => el.getAttribute('data-ok'))).toBe('true');
    await waitFor(
      () => ticket.evaluate(() => document.querySelectorAll('.compare__shot img').length === 2),
      'both screenshots side by side',
    );
    expect(
      await ticket.evaluate(() =>
        [...document.querySelectorAll('.compare__side .compare__shot')].map((e) => e.getAttribute('data-evidence')),
      ),
    ).toEqual([shopShot.id, liveShot.id]);

    // The download itself is the browser's; the bytes are the Blob the page hands it.
    await ticket.evaluate(() => {
      const w = window as unknown as { __zip?: Blob };
      const make = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (b: Blob | MediaSource) => ((w.__zip = b as Blob), make(b));
    });
    const exportButton = await ticket
      .waitForSelector('::-p-text(导出证据包)', { timeout: 5_000 })
      .catch(() => ticket.waitForSelector('::-p-text(Export evidence bundle)'));
    await exportButton!.click();
    // The order came from the app (no order screenshot): the page asks first.
    const anyway = await ticket
      .waitForSelector('::-p-text(仍然导出)', { timeout: 3_000 })
      .catch(() => ticket.waitForSelector('::-p-text(Export anyway)', { timeout: 1_000 }));
    await anyway!.click();
    const bytes = await waitFor(
      () =>
        ticket.evaluate(async () => {
          const w = window as unknown as { __zip?: Blob };
          return w.__zip ? Array.from(new Uint8Array(await w.__zip.arrayBuffer())) : null;
        }),
      'the exported bundle',
      60_000,
    );
    const zip = Uint8Array.from(bytes);
    const result = await verifyBundle(zip);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, signature: 'valid' });
    expect(result.cited.map((c) => c.id)).toEqual(expect.arrayContaining([shopShot.id, liveShot.id]));
    const report = strFromU8(unzipSync(zip)['report.html']!);
    const comparison = report.slice(
      report.indexOf('价格对比 · Price comparison'),
      report.indexOf('这份证据能证明什么'),
    );
    expect(comparison.match(/<img /g)).toHaveLength(2);
    expect(comparison).toContain(liveShot.sha256);
  });
});
