/**
 * The app-order path end to end in real Chromium (issue #18): a Douyin order typed in by hand (it has no web page)
 * with its SF tracking number → the parcel's kuaidi100 page (real URL; its own /query answered by the test server) →
 * the timeline filed under the typed-in order with a screenshot → 48 h after payment with only a 揽收-less line:
 * no-pickup; 72 h after that line: logistics-stalled → its ticket says the facts were typed in → the exported bundle
 * verifies (npm run verify: intact, self-asserted).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { browserAvailable, CHROME_EXT, CHROMIUM, waitFor } from './harness/paths';
import { launchChromium, type ChromiumExt } from './harness/chromium';
import {
  EVENT_AT,
  H,
  KUAIDI100_QUERY,
  KUAIDI100_URL,
  kuaidi100Page,
  NUMBER,
  PAID,
  queryAnswer,
} from './harness/tracking-page';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
const ROOT = resolve(__dirname, '../..');
const ORDER_ID = '6931234567890112345';

describe.runIf(run)('an app order typed in, watched through its public tracking page (Chromium)', () => {
  let ext: ChromiumExt;
  const dir = mkdtempSync(join(tmpdir(), 'sw-app-parcel-'));
  beforeAll(async () => {
    ext = await launchChromium();
    await ext.send({ type: 'test/clock', now: PAID + 20 * H });
    await ext.context.route(
      (url) => url.protocol === 'http:' || url.protocol === 'https:',
      (route) => {
        const req = route.request();
        if (req.url() === KUAIDI100_URL)
          return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: kuaidi100Page() });
        if (req.url() === KUAIDI100_QUERY && req.method() === 'POST')
          return route.fulfill({ status: 200, contentType: 'application/json;charset=UTF-8', body: queryAnswer() });
        return route.abort();
      },
    );
  });
  afterAll(async () => {
    await ext?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('typed-in order → kuaidi100 timeline under it → no-pickup → logistics-stalled → ticket → bundle verifies', async () => {
    const added = await ext.send({
      type: 'order/add',
      snapshot: {
        kind: 'order',
        platform: 'douyin',
        url: `app-order:douyin/${ORDER_ID}`,
        orderId: ORDER_ID,
        paid: { amount: 5990, currency: 'CNY' },
        paidAt: PAID,
        items: [{ title: '冰丝凉席 1.8m', unitPrice: { amount: 5990, currency: 'CNY' }, quantity: 1 }],
        shop: '小李的好物铺',
        trackingNumbers: [NUMBER],
        capturedAt: PAID + 20 * H,
      },
    });
    expect(added).toMatchObject({ ok: true });

    const page = await ext.context.newPage();
    await page.goto(KUAIDI100_URL, { waitUntil: 'domcontentloaded' });
    await page.bringToFront();
    const parcel = await waitFor(
      async () =>
        ok(await ext.send({ type: 'backup/export' })).snapshots.find(
          (s) => s.kind === 'logistics' && s.trackingNumber === NUMBER && s.orderId === ORDER_ID,
        ),
      'the timeline filed under the typed-in order',
      30_000,
    );
    expect(parcel).toMatchObject({ platform: 'douyin', carrier: 'SF', events: [{ at: EVENT_AT, stage: 'info' }] });
    await waitFor(
      async () =>
        ok(await ext.send({ type: 'backup/export' })).evidence.some(
          (e) => e.kind === 'logistics-screenshot' && e.trackingNumber === NUMBER && e.orderId === ORDER_ID,
        ),
      'the timeline screenshot under the order',
      30_000,
    );
    await page.close();

    await ext.send({ type: 'test/clock', now: PAID + 48 * H + 60_000 });
    const at48 = ok(await ext.send({ type: 'alerts/evaluate' })).alerts;
    expect(at48.find((a) => a.kind === 'no-pickup')).toMatchObject({ orderId: ORDER_ID, trackingNumber: NUMBER });

    await ext.send({ type: 'test/clock', now: EVENT_AT + 72 * H + 60_000 });
    const stalled = ok(await ext.send({ type: 'alerts/evaluate' })).alerts.find((a) => a.kind === 'logistics-stalled');
    expect(stalled).toMatchObject({ orderId: ORDER_ID, trackingNumber: NUMBER });

    const ticket = await ext.openPage(`ticket.html?alert=${encodeURIComponent(stalled!.id)}`);
    const text = ticket.locator('textarea.ticket__text').first();
    await text.waitFor();
    const zh = await text.inputValue();
    expect(zh).toContain(ORDER_ID);
    expect(zh).toContain(NUMBER);
    expect(zh).toContain('订单信息由买家录入');
    const download = ticket.waitForEvent('download');
    await ticket.getByRole('button', { name: '导出证据包' }).click();
    const anyway = ticket.getByRole('button', { name: '仍然导出' });
    if (await anyway.isVisible().catch(() => false)) await anyway.click();
    const zip = join(dir, 'bundle.zip');
    await (await download).saveAs(zip);
    const verify = spawnSync('npx', ['tsx', 'scripts/verify.ts', zip], { cwd: ROOT, encoding: 'utf8' });
    // Intact and signed; no trusted time was turned on here, so it is self-asserted (exit 2), not broken (1).
    expect(verify.status, `${verify.stdout}\n${verify.stderr}`).toBe(2);
    // The typed-in entry and the timeline's screenshot are both cited, in full.
    expect(verify.stdout).toMatch(/record #\d+ order-entry [0-9a-f]{64}/);
    expect(verify.stdout).toMatch(/record #\d+ logistics-screenshot [0-9a-f]{64}/);
  });
});
