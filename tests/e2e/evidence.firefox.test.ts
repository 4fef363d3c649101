/** Evidence in Firefox ESR: automatic order capture, manual capture, a tampered byte reported on the right record. */
import { flipStoredByte } from './harness/idb';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserAvailable, FIREFOX, FIREFOX_EXT, fixture, waitFor } from './harness/paths';
import { launchFirefox, type FirefoxExt } from './harness/firefox';
import { ok, shopEvidence } from './harness/send';

const run = browserAvailable(FIREFOX, FIREFOX_EXT);

type Api = { browser: { tabs: { query(q: object): Promise<{ id: number }[]> } } };

describe.runIf(run)('evidence (Firefox)', () => {
  let ext: FirefoxExt;
  beforeAll(async () => {
    ext = await launchFirefox();
  });
  afterAll(async () => ext?.close());

  it('captures, chains and detects a one-byte change', async () => {
    const shop = await ext.newShopPage({ 'https://details.jd.com/': fixture('e2e/jd-order.html') });
    await shop.goto('https://details.jd.com/normal/item.action?orderid=301234567890');
    await shop.bringToFront();
    const auto = await waitFor(
      async () => {
        const b = ok(await ext.send({ type: 'backup/export' }));
        return shopEvidence(b).length >= 1 ? b : null;
      },
      'the automatic order capture',
      30_000,
    );
    expect(shopEvidence(auto)[0]).toMatchObject({ kind: 'order-screenshot', orderId: '301234567890' });

    const [tab] = await ext.bridge.evaluate(() =>
      (globalThis as unknown as Api).browser.tabs.query({ url: 'https://details.jd.com/*' }),
    );
    // Unchanged page: the manual capture points at the automatic one instead of storing a copy.
    await shop.bringToFront();
    expect(await ext.send({ type: 'capture/manual', tabId: tab!.id })).toMatchObject({
      ok: true,
      evidence: { duplicateOf: shopEvidence(auto)[0]!.id },
    });
    await shop.evaluate(() =>
      document.body.insertAdjacentHTML('afterbegin', '<p style="font-size:40px">客服回复：不予价保</p>'),
    );
    await shop.bringToFront();
    expect(await ext.send({ type: 'capture/manual', tabId: tab!.id })).toMatchObject({
      ok: true,
      evidence: { kind: 'page-screenshot', orderId: '301234567890' },
    });
    expect(await ext.send({ type: 'evidence/verify' })).toEqual({ ok: true, records: 3, problems: [] });

    // A screenshot's file (not the chain's start, which has none): records come back in id order, not seq order.
    const target = shopEvidence(ok(await ext.send({ type: 'backup/export' })))[1]!.id;
    await ext.bridge.evaluate(flipStoredByte, { id: target, index: 50 });
    const result = ok(await ext.send({ type: 'evidence/verify' }));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ evidenceId: target, reason: expect.stringMatching(/SHA-256/) }]);
  });

  it('adds an attachment from the ticket page to the chain', async () => {
    // A price drop: the order (paid 2026-11-01 10:02 Shanghai) and, 30 h later, the cheaper product page.
    await ext.send({ type: 'test/clock', now: Date.UTC(2026, 10, 1, 2, 2, 13) + 30 * 3_600_000 });
    const shop = await ext.newShopPage({
      'https://details.jd.com/': fixture('e2e/jd-order.html'),
      'https://item.jd.com/': fixture('e2e/jd-item.html'),
    });
    for (const url of [
      'https://details.jd.com/normal/item.action?orderid=301234567890',
      'https://item.jd.com/100012043978.html',
    ]) {
      await shop.goto(url);
      await shop.bringToFront();
      await waitFor(async () => (ok(await ext.send({ type: 'state/summary' })).snapshots > 0 ? true : null), url);
      await new Promise((r) => setTimeout(r, 1500));
    }
    const alerts = await waitFor(
      async () => {
        const r = ok(await ext.send({ type: 'alerts/evaluate' }));
        return r.alerts.some((a) => a.kind === 'price-drop') ? r.alerts : null;
      },
      'the price-drop alert',
      30_000,
    );
    const alertId = alerts.find((a) => a.kind === 'price-drop')!.id;
    const before = ok(await ext.send({ type: 'evidence/verify' })).records;

    const ticket = await ext.openPage(`ticket.html?alert=${encodeURIComponent(alertId)}`);
    // The ticket's facts load after the first render; attach once the checklist shows they are there.
    await waitFor(
      () => ticket.evaluate(() => document.querySelectorAll('.check').length > 0),
      'the ticket checklist',
      30_000,
    );
    const input = await waitFor(() => ticket.$('input[type=file]'), 'the attachment input', 30_000);
    const file = join(tmpdir(), `chat-log-${process.pid}.png`);
    writeFileSync(file, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    await input.uploadFile(file);
    // Firefox reads the chosen file only when the page asks for its bytes: delete it after that, not before.
    await waitFor(
      async () =>
        ((await ticket.evaluate(() => document.querySelector('[role=status]')?.textContent ?? '')) || '').match(
          /已添加 1 个附件|Added 1 attachment/i,
        ),
      'the attachment notice',
      30_000,
    );
    rmSync(file, { force: true });

    const backup = ok(await ext.send({ type: 'backup/export' }));
    const added = backup.evidence.filter((e) => e.kind === 'attachment');
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ orderId: '301234567890' });
    // The earlier tampered record still reports; the attachment itself verifies and is chained after the rest.
    const verify = ok(await ext.send({ type: 'evidence/verify' }));
    expect(verify.records).toBe(before + 1);
    expect(verify.problems.map((p) => p.evidenceId)).not.toContain(added[0]!.id);
  });

  it('adds an attachment to an order from its evidence page (no alert needed)', async () => {
    const page = await ext.openPage('evidence.html?order=jd%3A301234567890');
    const input = await waitFor(() => page.$('input[type=file]'), 'the attachment input', 30_000);
    const file = join(tmpdir(), `receipt-${process.pid}.pdf`);
    writeFileSync(file, '%PDF-1.4\n% ShopWitness test receipt\n');
    await input.uploadFile(file);
    await waitFor(
      async () =>
        ((await page.evaluate(() => document.querySelector('[role=status]')?.textContent ?? '')) || '').match(
          /已添加 1 个附件|Added 1 attachment/i,
        ),
      'the attachment notice',
      30_000,
    );
    rmSync(file, { force: true });
    const added = ok(await ext.send({ type: 'backup/export' })).evidence.filter(
      (e) => e.kind === 'attachment' && e.mime === 'application/pdf',
    );
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ orderId: '301234567890', platform: 'jd' });
  });
});
