/**
 * The brief's scenario end to end in Chromium (issue #17 item 4): the Douyin product page read through its own
 * response (¥79.90, screenshot taken), an order paid at that price, and the live room selling the same product at
 * ¥59.90 three hours later (reported from inside the live tab, screenshot taken: harness/live-room.ts) → the alert
 * price-discrepancy of ¥20.00, a ticket naming both channels, prices and times with both screenshots side by side,
 * and a bundle that verifies and cites both screenshots.
 */
import { strFromU8, unzipSync } from 'fflate';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { verifyBundle } from '@/lib/core/bundle';
import type { Evidence, ProductSnapshot } from '@/lib/core/model';
import { formatDateTime } from '@/lib/tickets/format';
import { browserAvailable, CHROME_EXT, CHROMIUM, ROOT, waitFor } from './harness/paths';
import { launchChromium, type ChromiumExt } from './harness/chromium';
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

const run = browserAvailable(CHROMIUM, CHROME_EXT);
const H = 3_600_000;

describe.runIf(run)('price discrepancy: live room vs shop page (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
    await ext.context.route(
      (url) => url.protocol === 'http:' || url.protocol === 'https:',
      (route) => {
        const url = route.request().url();
        const html = (body: string) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
        const json = (body: string) => route.fulfill({ status: 200, contentType: 'application/json', body });
        if (url === DOUYIN_URL) return html(douyinPage());
        if (url === LIVE_URL) return html(liveRoomPage());
        if (url.startsWith(`${DOUYIN_PACK}?a_bogus=`)) return json(douyinPack());
        if (url === DOUYIN_SKUS) return json(DOUYIN_SKUS_BODY);
        return route.abort();
      },
    );
    await ext.send({ type: 'state/summary' });
  });
  afterAll(async () => ext?.close());

  it('raises the alert, writes the ticket with both pages side by side, and the bundle verifies', async () => {
    const shots = async () => ok(await ext.send({ type: 'backup/export' })).evidence;
    const start = Date.now();
    // The shop page three hours before the live room: two different times on the ticket.
    ok(await ext.send({ type: 'test/clock', now: start - 3 * H }));
    const shopPage = await ext.context.newPage();
    await shopPage.goto(DOUYIN_URL, { waitUntil: 'domcontentloaded' });
    const shop = (await waitFor(
      async () =>
        ok(await ext.send({ type: 'backup/export' })).snapshots.find(
          (s) => s.kind === 'product' && s.productId === DOUYIN_ID && s.url === DOUYIN_URL,
        ),
      'the shop-page product',
      30_000,
    )) as ProductSnapshot & { id: number };
    expect(shop.price).toEqual({ amount: 7990, currency: 'CNY' });
    const shopShot = await waitFor(
      async () => (await shots()).find((e) => e.kind === 'price-screenshot' && e.snapshotId === shop.id),
      'the shop page screenshot',
      30_000,
    );
    await shopPage.close();
    // Paid half an hour after seeing the shop page's price (the app order, entered as the app-order form would).
    ok(await ext.send({ type: 'snapshot/report', snapshot: douyinOrder(shop.capturedAt + H / 2) }));

    ok(await ext.send({ type: 'test/clock', now: Date.now() }));
    // The page that injects is opened first: the live tab must be the active one when its screenshot is taken.
    const injector = await ext.openPage('options.html');
    const live = await ext.context.newPage();
    await live.goto(LIVE_URL, { waitUntil: 'load' });
    await live.bringToFront();
    const reply = (await injector.evaluate(reportFromTab, {
      url: LIVE_URL,
      message: { type: 'snapshot/report', snapshot: liveObservation(), title: await live.title() },
    })) as { ok: boolean; snapshotId: number };
    expect(reply).toMatchObject({ ok: true });
    const liveShot: Evidence = await waitFor(
      async () => (await shots()).find((e) => e.kind === 'price-screenshot' && e.snapshotId === reply.snapshotId),
      'the live room screenshot',
      30_000,
    );
    expect(liveShot).toMatchObject({ url: LIVE_URL, productId: DOUYIN_ID });
    const liveSnap = ok(await ext.send({ type: 'backup/export' })).snapshots.find(
      (s) => (s as { id?: number }).id === reply.snapshotId,
    ) as ProductSnapshot;
    await injector.close();

    const cited = latestShopReading(ok(await ext.send({ type: 'backup/export' })));
    const alert = ok(await ext.send({ type: 'alerts/evaluate' })).alerts.find((a) => a.kind === 'price-discrepancy');
    expect(alert).toMatchObject({
      platform: 'douyin',
      orderId: douyinOrder(0).orderId,
      productId: DOUYIN_ID,
      amount: { amount: 2000, currency: 'CNY' },
      discrepancy: {
        higher: { channel: 'shop', snapshotId: cited.id, price: { amount: 7990 }, at: cited.capturedAt },
        lower: { channel: 'live', roomId: ROOM_ID, snapshotId: reply.snapshotId, price: { amount: 5990 } },
      },
    });

    const ticket = await ext.openPage(`ticket.html?alert=${encodeURIComponent(alert!.id)}`);
    await expect.poll(() => ticket.locator('#text-zh-CN').inputValue(), { timeout: 30_000 }).toContain('直播间');
    const zh = await ticket.locator('#text-zh-CN').inputValue();
    const en = await ticket.locator('#text-en').inputValue();
    const shopAt = formatDateTime(cited.capturedAt, 'Asia/Shanghai');
    const liveAt = formatDateTime(liveSnap.capturedAt, 'Asia/Shanghai');
    expect(shopAt).not.toBe(liveAt);
    for (const s of ['店铺页面', `直播间（房间号 ${ROOM_ID}）`, '¥79.90', '¥59.90', '¥20.00', shopAt, liveAt])
      expect(zh).toContain(s);
    for (const s of ['the shop page', `the live room (room ${ROOM_ID})`, '¥79.90', '¥59.90', shopAt, liveAt])
      expect(en).toContain(s);
    // Both screenshots, each of its own page, side by side; the checklist has both.
    for (const item of ['higher-price-screenshot', 'lower-price-screenshot'])
      expect(await ticket.locator(`[data-item="${item}"]`).getAttribute('data-ok')).toBe('true');
    await expect.poll(() => ticket.locator('.compare__shot img').count()).toBe(2);
    expect(
      await ticket.locator('.compare__side').evaluateAll((els) => els.map((e) => e.getAttribute('data-channel'))),
    ).toEqual(['shop', 'live']);
    expect(
      await ticket.locator('.compare__side[data-channel="shop"] .compare__shot').getAttribute('data-evidence'),
    ).toBe(shopShot.id);
    expect(
      await ticket.locator('.compare__side[data-channel="live"] .compare__shot').getAttribute('data-evidence'),
    ).toBe(liveShot.id);

    // Export: the order came from the app (no order screenshot), so the page asks first.
    await ticket.getByRole('button', { name: '导出证据包' }).click();
    const [download] = await Promise.all([
      ticket.waitForEvent('download'),
      ticket.getByRole('button', { name: '仍然导出' }).click(),
    ]);
    const zipPath = (await download.path())!;
    const zip = new Uint8Array(readFileSync(zipPath));
    // As a third party checks it: intact, self-asserted (no trusted time here: exit 2), both screenshots cited.
    const cli = spawnSync('npx', ['tsx', 'scripts/verify.ts', zipPath], { cwd: ROOT, encoding: 'utf8' });
    expect(cli.status, `${cli.stdout}\n${cli.stderr}`).toBe(2);
    expect(cli.stdout).toContain(`record #${shopShot.seq} price-screenshot ${shopShot.sha256}`);
    expect(cli.stdout).toContain(`record #${liveShot.seq} price-screenshot ${liveShot.sha256}`);
    const result = await verifyBundle(zip);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, signature: 'valid' });
    expect(result.cited.map((c) => c.id)).toEqual(expect.arrayContaining([shopShot.id, liveShot.id]));
    const files = unzipSync(zip);
    const json = JSON.parse(strFromU8(files['ticket.json']!)) as {
      discrepancy: Record<string, { evidenceIds: string[] }>;
    };
    expect(json.discrepancy.higher!.evidenceIds).toEqual([shopShot.id]);
    expect(json.discrepancy.lower!.evidenceIds).toEqual([liveShot.id]);
    const report = strFromU8(files['report.html']!);
    const comparison = report.slice(
      report.indexOf('价格对比 · Price comparison'),
      report.indexOf('这份证据能证明什么'),
    );
    expect(comparison.match(/<img /g)).toHaveLength(2);
    expect(comparison).toContain(shopShot.sha256);
    expect(comparison).toContain(liveShot.sha256);
  });
});
