/**
 * Accessibility in real Chromium: axe-core (WCAG 2 A/AA rules) on the populated popup (light and
 * dark, with an order's evidence gallery closed and open), the ticket page opened from an alert, the options page and an evidence page, with no
 * serious or critical violations; and the popup's alert is reachable and usable from the keyboard.
 */
import type { Page } from 'playwright-core';
import type { OrderSnapshot } from '@/lib/core/model';
import { browserAvailable, CHROME_EXT, CHROMIUM } from './harness/paths';
import { launchChromium, type ChromiumExt } from './harness/chromium';
import { seedPriceDrop } from './harness/scenario';
import { audit } from './harness/axe';
import { ok, shopEvidence } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);

describe.runIf(run)('accessibility (Chromium)', () => {
  let ext: ChromiumExt;
  let ticketFromKeyboard: Page;

  beforeAll(async () => {
    ext = await launchChromium();
    await seedPriceDrop(ext);
  });
  afterAll(async () => ext?.close());

  async function popup(): Promise<Page> {
    const page = await ext.openPage('popup.html');
    await page.setViewportSize({ width: 380, height: 560 });
    await page.locator('li.alert').first().waitFor();
    await page.locator('.product').first().waitFor();
    return page;
  }

  it('popup: keyboard reaches 生成投诉 with a visible focus ring, and Enter opens the ticket page', async () => {
    const page = await popup();
    await page.bringToFront();
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent?.trim() === '生成投诉');
    }
    expect(reached).toBe(true);
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return { style: s.outlineStyle, width: s.outlineWidth };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).not.toBe('0px');
    [ticketFromKeyboard] = await Promise.all([ext.context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await ticketFromKeyboard.waitForLoadState();
    expect(ticketFromKeyboard.url()).toContain(`chrome-extension://${ext.id}/`);
    await ticketFromKeyboard.locator('#text-zh-CN').waitFor();
  });

  it('popup has no serious violations, light and dark', async () => {
    const page = await popup();
    expect(await audit(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    expect(await audit(page)).toEqual([]);
  });

  it('popup with an order’s evidence gallery open has no serious violations, light and dark', async () => {
    const page = await popup();
    await page.locator('li.order .evidence-entry__toggle').first().click();
    await page.locator('.gallery__item img').first().waitFor();
    expect(await audit(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await audit(page)).toEqual([]);
  });

  it('an order without evidence: the open gallery teaches how to get some, with no serious violations', async () => {
    // An order reported from an extension page gets no automatic screenshot: it has no evidence.
    const order: OrderSnapshot = {
      kind: 'order',
      platform: 'taobao',
      url: 'https://buyertrade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=4000000001',
      orderId: '4000000001',
      paidAt: Date.UTC(2026, 10, 2, 1, 0),
      paid: { amount: 5900, currency: 'CNY' },
      items: [{ title: '保温杯', quantity: 1 }],
      capturedAt: Date.UTC(2026, 10, 2, 1, 5),
    };
    expect(await ext.send({ type: 'snapshot/report', snapshot: order, secondary: true })).toMatchObject({ ok: true });
    const page = await popup();
    const row = page.locator('li.order[data-order-id="4000000001"]');
    await row.locator('.evidence-entry__toggle', { hasText: '证据：暂无' }).click();
    await row.locator('.gallery__empty').waitFor();
    expect(await row.locator('.gallery__empty a').getAttribute('href')).toBe(order.url);
    expect(await audit(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await audit(page)).toEqual([]);
  });

  it('the audit itself catches planted faults (so the empty results above mean something)', async () => {
    const page = await popup();
    await page.evaluate(() => {
      const main = document.querySelector('main')!;
      main.insertAdjacentHTML(
        'beforeend',
        '<p style="color:#aaa;background:#fff">faint</p><span aria-label="x">¥1</span><button type="button"></button>',
      );
    });
    const found = (await audit(page)).join('\n');
    expect(found).toContain('violation color-contrast');
    expect(found).toContain('violation button-name');
    expect(found).toContain('needs review aria-prohibited-attr');
  });

  it('ticket page (from the alert) has no serious violations, light and dark', async () => {
    const page = ticketFromKeyboard;
    await expect.poll(() => page.locator('#text-zh-CN').inputValue()).toContain('301234567890');
    expect(await audit(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await audit(page)).toEqual([]);
  });

  it('options page has no serious violations, light and dark', async () => {
    const page = await ext.openPage('options.html');
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await audit(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await audit(page)).toEqual([]);
  });

  it('evidence page has no serious violations, light and dark', async () => {
    const backup = ok(await ext.send({ type: 'backup/export' }));
    const page = await ext.openPage(`evidence.html#${shopEvidence(backup)[0]!.id}`);
    await page.locator('[data-testid="sha256"]').waitFor();
    await page.locator('img.evidence-image').waitFor();
    expect(await audit(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await audit(page)).toEqual([]);
  });
});
