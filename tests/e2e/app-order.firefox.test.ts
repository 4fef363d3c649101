/**
 * "添加App订单" in Firefox ESR (issue #18 item 1): the popup opens the form in a tab, the app's copied text fills it,
 * an app screenshot is attached, saved → stored with source manual, the entry and the screenshot in the chain (it
 * verifies), no pickup after 48 h raised, and the popup lists the order marked 手动录入.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { browserAvailable, FIREFOX, FIREFOX_EXT, ROOT, waitFor } from './harness/paths';
import { FIREFOX_ORIGIN, launchFirefox, type FirefoxExt } from './harness/firefox';
import { ok } from './harness/send';
import { COPIED, FILLED, formValues, NOW, ORDER_ID, PNG, setField } from './harness/app-order';

const run = browserAvailable(FIREFOX, FIREFOX_EXT);

/** Clicks the button whose text is one of `texts` (the popup may follow the browser's language), inside the page. */
function clickButton(page: Page, ...texts: string[]): Promise<void> {
  return page.evaluate((t) => {
    const button = [...document.querySelectorAll('button')].find((b) => t.includes(b.textContent?.trim() ?? ''));
    if (!button) throw new Error(`no button ${t.join(' / ')}`);
    button.click();
  }, texts);
}

const textOf = (page: Page) => page.evaluate(() => document.body.textContent ?? '');

describe.runIf(run)('添加App订单 (Firefox)', () => {
  let ext: FirefoxExt;
  beforeAll(async () => {
    ext = await launchFirefox();
  });
  afterAll(async () => ext?.close());

  it('adds an app order from the popup: stored manual, chained, watched, marked 手动录入', async () => {
    expect(await ext.send({ type: 'test/clock', now: NOW })).toMatchObject({ ok: true });
    // The shopper's language, whatever the headless browser reports (the screenshot is of the zh-CN form).
    expect(await ext.send({ type: 'settings/save', settings: { language: 'zh-CN' } })).toMatchObject({ ok: true });
    const popup = await ext.openPage('popup.html');
    await waitFor(() => popup.evaluate(() => document.querySelector('#orders-h') !== null), 'the popup');
    await clickButton(popup, '添加App订单', 'Add app order');
    // BiDi reports extension tabs as about:blank: ask each page where it is.
    const form = await waitFor(
      async () => {
        for (const page of await ext.browser.pages()) {
          const href = await page.evaluate(() => location.href).catch(() => '');
          if (href === `${FIREFOX_ORIGIN}/evidence.html?add=app-order`) return page;
        }
        return null;
      },
      'the 添加App订单 tab',
      30_000,
    );
    await waitFor(() => form.evaluate(() => document.querySelector('#app-order-paste') !== null), 'the form');

    await form.evaluate(setField, ['#app-order-paste', COPIED]);
    expect(await form.evaluate(formValues)).toMatchObject(FILLED);
    await form.evaluate(setField, ['#app-order-item-0-title', '冰丝凉席 三件套']);
    await form.evaluate(setField, ['#app-order-tracking', '78123456789012']);
    await waitFor(async () => (await textOf(form)).includes('按单号识别：中通快递'), 'the detected carrier');
    const file = join(tmpdir(), `douyin-order-${process.pid}.png`);
    writeFileSync(file, PNG);
    const input = await waitFor(() => form.$('input[type=file]'), 'the screenshot input');
    await input.uploadFile(file);
    await waitFor(async () => (await textOf(form)).includes('已选 1 张'), 'the chosen screenshot');
    await form.setViewport({ width: 1280, height: 900 });
    await form.screenshot({ path: join(ROOT, '.output/app-order-form.firefox.png'), fullPage: true });

    await clickButton(form, '保存订单');
    // Saved: the order's own evidence page, marked as typed in. Firefox reads the file when it is attached.
    await waitFor(
      () => form.evaluate(() => document.querySelector('[data-testid=order-source]')?.textContent ?? null),
      'the saved order page',
      30_000,
    );
    rmSync(file, { force: true });
    expect(await textOf(form)).toContain('手动录入');

    const backup = ok(await ext.send({ type: 'backup/export' }));
    const orders = backup.snapshots.filter((s) => s.kind === 'order' && s.orderId === ORDER_ID);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      source: 'manual',
      platform: 'douyin',
      paid: { amount: 5990, currency: 'CNY' },
      paidAt: Date.UTC(2025, 10, 6, 16, 9),
      trackingNumbers: ['78123456789012'],
      carrier: 'ZTO',
    });
    const mine = backup.evidence.filter((e) => e.orderId === ORDER_ID).sort((a, b) => a.seq - b.seq);
    expect(mine.map((e) => e.kind)).toEqual(['order-entry', 'attachment']);
    expect(mine[1]).toMatchObject({ mime: 'image/png', caption: 'App订单截图 app order screen' });
    expect(ok(await ext.send({ type: 'evidence/verify' }))).toMatchObject({ ok: true, problems: [] });
    const alerts = ok(await ext.send({ type: 'alerts/evaluate' })).alerts;
    expect(alerts).toContainEqual(expect.objectContaining({ kind: 'no-pickup', orderId: ORDER_ID }));

    // The popup opened at the start, shown again (a second popup.html tab would be found as the first).
    const list = popup;
    await list.evaluate(() => location.reload());
    const chip = await waitFor(
      () =>
        list.evaluate(
          (id) => document.querySelector(`.order[data-order-id="${id}"] .chip--manual`)?.textContent ?? null,
          ORDER_ID,
        ),
      'the order in the popup',
      30_000,
    );
    // The popup follows the browser's language here (headless Firefox reports en-US).
    expect(['手动录入', 'entered by hand']).toContain(chip);
  });
});
