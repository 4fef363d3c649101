/**
 * Storage in real Chromium: the options page shows evidence use per order; a closed
 * order is archived to a zip that verifies (lib/bundle.ts and `npm run verify`), then pruned — usage
 * drops, and evidence/verify still reports the chain intact with the deletion record in it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { verifyBundle } from '@/lib/core/bundle';
import { browserAvailable, CHROME_EXT, CHROMIUM, fixture, ROOT, waitFor } from './harness/paths';
import { audit } from './harness/axe';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { H, JD_ITEM_URL, JD_ORDER_URL, PAID } from './harness/scenario';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
const ORDER_ID = '301234567890';

const orderRow = (page: Page) => page.locator('table.opt-orders tbody tr', { hasText: ORDER_ID });
const cells = async (page: Page) => (await orderRow(page).locator('td').allTextContents()).map((s) => s.trim());

describe.runIf(run)('storage: usage per order, archive and prune (Chromium)', () => {
  let ext: ChromiumExt;
  let dir: string;
  beforeAll(async () => {
    ext = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'sw-archive-'));
  });
  afterAll(async () => {
    await ext?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a completed JD order with a screenshot, inside its window: listed, open, not selectable', async () => {
    await ext.send({ type: 'test/clock', now: PAID + 30 * H });
    // The same order page, finished: 已完成 instead of 等待收货.
    await serve(ext.context, 'https://details.jd.com/**', fixture('e2e/jd-order.html').replace('等待收货', '已完成'));
    await serve(ext.context, 'https://item.jd.com/**', fixture('e2e/jd-item.html'));
    for (const [url, captures] of [
      [JD_ORDER_URL, 1],
      [JD_ITEM_URL, 2],
    ] as const) {
      const shop = await ext.context.newPage();
      await shop.goto(url);
      await shop.bringToFront();
      await waitFor(async () => (await ext.count('evidence')) >= captures, `capture of ${url}`);
    }
    const page = await ext.openPage('options.html');
    await orderRow(page).waitFor();
    const row = await cells(page);
    expect(row.slice(1, 3)).toEqual(['京东', ORDER_ID]);
    expect(row[4]).toMatch(/^进行中：价保期未过/);
    expect(row[5]).toBe('1');
    expect(await orderRow(page).getByRole('checkbox').isDisabled()).toBe(true);
    await page.close();
  });

  it('after the window: archive → a zip that verifies; prune → usage drops, the chain still verifies', async () => {
    await ext.send({ type: 'test/clock', now: PAID + 40 * 24 * H });
    const page = await ext.openPage('options.html');
    await page.bringToFront();
    await waitFor(async () => (await cells(page))[4] === '已结束', 'the order shown closed');
    const row = await cells(page);
    expect(row[5]).toBe('1');
    const orderBytes = row[6]!;
    expect(orderBytes).toMatch(/\d/);
    const other = page.locator('tr.opt-orders-other td');
    expect((await other.allTextContents()).map((s) => s.trim()).slice(1, 3)).toEqual(['其他证据（未关联订单）', '1']);

    // Keyboard: focus the order's checkbox, Space ticks it.
    const box = orderRow(page).getByRole('checkbox', { name: `选择京东订单 ${ORDER_ID}` });
    await box.focus();
    await page.keyboard.press('Space');
    expect(await box.isChecked()).toBe(true);
    await expect
      .poll(() => page.locator('.opt-selected').textContent())
      .toBe(`已选 1 个订单，1 条证据，共 ${orderBytes}`);
    expect(await page.getByRole('button', { name: /删除已归档证据/ }).count()).toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '归档所选订单' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^shopwitness-archive-\d{4}-.*\.zip$/);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    await page.getByText(/校验通过，含 1 个证据文件/).waitFor();

    const result = await verifyBundle(new Uint8Array(readFileSync(file)));
    expect(result).toMatchObject({ ok: true, signature: 'valid', problems: [] });
    expect(result.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['archive.json', 'chain.json', 'README.txt']),
    );
    expect(
      result.files.filter((f) => f.path.endsWith('.jpg') || f.path.endsWith('.webp') || f.path.endsWith('.png')),
    ).toHaveLength(1);
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify.ts', file], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    // Intact, self-asserted (no trusted time in this test): exit 2, the key named.
    expect(cli.status).toBe(2);
    expect(cli.stdout).toContain('OK (self-asserted): bundle verifies');
    expect(cli.stdout).toMatch(/key fingerprint: [0-9a-f]{64}/);

    // The card with its controls, the archive offer and then the dialog: no serious a11y violations.
    // (From the top: text scrolled under the sticky header is "overlapped", which axe cannot measure.)
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await audit(page)).toEqual([]);
    const before = await ext.count('blobs');
    await page.getByRole('button', { name: '删除已归档证据（1 条）…' }).click();
    const dialog = page.getByRole('dialog', { name: '删除已归档的证据？' });
    await expect
      .poll(() => dialog.textContent())
      .toContain(`将从本机删除 1 条证据（${orderBytes}），它们已归档到 ${download.suggestedFilename()}`);
    expect(await audit(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await audit(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog.getByRole('button', { name: `删除 1 条证据（${orderBytes}）` }).click();
    await page.getByText(`已删除 1 条证据，释放 ${orderBytes}。`).waitFor();

    // Usage drops: the order leaves the table, the other evidence stays.
    await waitFor(async () => (await orderRow(page).count()) === 0, 'the pruned order leaving the table');
    expect((await page.locator('table.opt-orders tfoot td').allTextContents()).map((s) => s.trim())[1]).toBe('1');
    expect(await ext.count('blobs')).toBe(before - 1);

    const verify = ok(await ext.send({ type: 'evidence/verify' }));
    expect(verify).toEqual({ ok: true, records: 4, problems: [] });
    const backup = ok(await ext.send({ type: 'backup/export' }));
    const deletion = backup.evidence.find((e) => e.kind === 'deletion');
    expect(deletion?.deletes).toBe(backup.evidence.find((e) => e.kind === 'order-screenshot')?.id);
    expect(deletion?.note).toContain(download.suggestedFilename());

    // Asking the background again is harmless; an open or unknown id is refused.
    expect(await ext.send({ type: 'evidence/prune', ids: [deletion!.deletes!], note: 'again' })).toEqual({
      ok: true,
      deleted: 0,
      skipped: 1,
      freedBytes: 0,
    });
    const price = backup.evidence.find((e) => e.kind === 'price-screenshot')!;
    expect(await ext.send({ type: 'evidence/prune', ids: [price.id], note: 'x' })).toMatchObject({
      ok: false,
      error: 'not-order-evidence',
    });
    expect(await ext.count('blobs')).toBe(before - 1);
  });
});
