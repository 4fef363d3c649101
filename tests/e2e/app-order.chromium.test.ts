/**
 * "添加App订单" in real Chromium (issue #18 item 1): from the popup to the form, the app's copied text pasted, an item,
 * a tracking number and an app screenshot added, saved → stored with source manual, the entry and the screenshot in
 * the chain (it verifies), watched by the same rules (no pickup after 48 h), marked 手动录入 in the popup.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserAvailable, CHROME_EXT, CHROMIUM, ROOT } from './harness/paths';
import { launchChromium, type ChromiumExt } from './harness/chromium';
import { ok } from './harness/send';
import { COPIED, FILLED, formValues, NOW, ORDER_ID, PNG, setField } from './harness/app-order';

const run = browserAvailable(CHROMIUM, CHROME_EXT);

describe.runIf(run)('添加App订单 (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
  });
  afterAll(async () => ext?.close());

  it('adds an app order from the popup: stored manual, chained, watched, marked 手动录入', async () => {
    expect(await ext.send({ type: 'test/clock', now: NOW })).toMatchObject({ ok: true });
    const popup = await ext.openPage('popup.html');
    const [form] = await Promise.all([
      ext.context.waitForEvent('page'),
      popup.getByRole('button', { name: '添加App订单' }).click(),
    ]);
    await form.waitForURL(/evidence\.html\?add=app-order/);
    await form.locator('#app-order-paste').waitFor();

    await form.evaluate(setField, ['#app-order-paste', COPIED]);
    expect(await form.evaluate(formValues)).toMatchObject(FILLED);
    await form.evaluate(setField, ['#app-order-item-0-title', '冰丝凉席 三件套']);
    await form.evaluate(setField, ['#app-order-item-0-price', '59.90']);
    await form.evaluate(setField, ['#app-order-tracking', '78123456789012']);
    await form.getByText('按单号识别：中通快递').waitFor();
    await form.setInputFiles('[data-testid=app-order-screens]', {
      name: 'douyin-order.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await form.getByText('已选 1 张：douyin-order.png').waitFor();
    writeFileSync(join(ROOT, '.output/app-order-form.chromium.png'), await form.screenshot({ fullPage: true }));

    await form.getByRole('button', { name: '保存订单' }).click();
    // Saved: the order's own evidence page, marked as typed in.
    await form.waitForURL(/evidence\.html\?order=douyin%3A6931234567890123456/);
    await form.getByTestId('order-source').getByText('手动录入').waitFor();
    writeFileSync(join(ROOT, '.output/app-order-page.chromium.png'), await form.screenshot({ fullPage: true }));

    const backup = ok(await ext.send({ type: 'backup/export' }));
    const orders = backup.snapshots.filter((s) => s.kind === 'order' && s.orderId === ORDER_ID);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      source: 'manual',
      platform: 'douyin',
      paid: { amount: 5990, currency: 'CNY' },
      paidAt: Date.UTC(2025, 10, 6, 16, 9),
      shop: '小李的好物铺',
      trackingNumbers: ['78123456789012'],
      carrier: 'ZTO',
      items: [{ title: '冰丝凉席 三件套', unitPrice: { amount: 5990 }, quantity: 1 }],
    });
    const mine = backup.evidence.filter((e) => e.orderId === ORDER_ID).sort((a, b) => a.seq - b.seq);
    expect(mine.map((e) => e.kind)).toEqual(['order-entry', 'attachment']);
    expect(mine[0]).toMatchObject({ bytes: expect.any(Number), mime: 'application/x-shopwitness-order-entry' });
    expect(mine[1]).toMatchObject({ mime: 'image/png', platform: 'douyin', caption: 'App订单截图 app order screen' });
    const verify = ok(await ext.send({ type: 'evidence/verify' }));
    expect(verify).toMatchObject({ ok: true, problems: [] });

    // Paid 60 h before the clock, no pickup scan: the same rule as for an order read from a page.
    const alerts = ok(await ext.send({ type: 'alerts/evaluate' })).alerts;
    expect(alerts).toContainEqual(expect.objectContaining({ kind: 'no-pickup', orderId: ORDER_ID }));

    // A second entry of the same number is refused with the offer to edit.
    await form.getByRole('button', { name: '添加App订单' }).click();
    await form.evaluate(setField, ['#app-order-paste', COPIED]);
    await form.getByRole('button', { name: '保存订单' }).click();
    await form.getByText('该平台已有这个订单号的记录').waitFor();
    await form.getByRole('button', { name: '改为修改这个订单' }).waitFor();

    const list = await ext.openPage('popup.html');
    const row = list.locator(`.order[data-order-id="${ORDER_ID}"]`);
    await row.waitFor();
    await list.setViewportSize({ width: 420, height: 700 });
    writeFileSync(join(ROOT, '.output/app-order-popup.chromium.png'), await list.screenshot());
    expect(await row.locator('.chip--manual').textContent()).toBe('手动录入');
  });
});
