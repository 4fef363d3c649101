/**
 * Popup first render with 1,000 orders and 5,000 evidence records, in real Chromium: the records are
 * written straight into the extension's IndexedDB (same shapes as lib/db.ts writes), then popup.html is
 * opened 5 times; the time is performance.now() (from navigation start) when the first data row shows.
 */
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { ChromiumExt } from '../tests/e2e/harness/chromium';
import { toSnapshotRecord } from '../lib/db';
import type { Evidence, OrderSnapshot } from '../lib/model';
import type { Row } from './types';
import { budgeted, info, median, round } from './util';

const ORDERS = 1000;
const EVIDENCE = 5000;
const OPENS = 5;
const BUDGET_MS = 150;
const ROW = 'li.order, li.product, li.alert';

/**
 * Installed before the popup's own script: notes (in the page, so no automation round trip is counted)
 * when the first data row enters the DOM and when the next animation frame (the one that paints it) starts.
 */
const FIRST_ROW_PROBE = `(() => {
  const w = globalThis;
  const mo = new MutationObserver(() => {
    if (w.firstRowInDom || !document.querySelector(${JSON.stringify(ROW)})) return;
    w.firstRowInDom = Math.round(performance.now() * 10) / 10;
    mo.disconnect();
    requestAnimationFrame(() => { w.firstRowFrame = Math.round(performance.now() * 10) / 10; });
  });
  mo.observe(document, { childList: true, subtree: true });
})();`;

function hex(n: number): string {
  return n.toString(16).padStart(64, '0');
}

function seedRecords(now: number) {
  const orders = Array.from({ length: ORDERS }, (_, i) => {
    const paidAt = now - (i % 30) * 86_400_000 - i * 1000;
    const s: OrderSnapshot = {
      kind: 'order',
      platform: (['jd', 'taobao', 'tmall'] as const)[i % 3] as OrderSnapshot['platform'],
      url: `https://details.jd.com/normal/item.action?orderid=${700000000 + i}`,
      orderId: String(700000000 + i),
      paidAt,
      paid: { amount: 1990 + i * 10, currency: 'CNY' },
      items: [{ productId: String(500000000 + i), title: `商品 ${i}`, unitPrice: { amount: 1990 + i * 10, currency: 'CNY' }, quantity: 1 }],
      status: '已发货',
      capturedAt: paidAt + 60_000,
    };
    return toSnapshotRecord(s, `订单 ${i}`);
  });
  const evidence: Evidence[] = Array.from({ length: EVIDENCE }, (_, i) => ({
    id: `bench-ev-${i}`,
    seq: 1_000_000 + i,
    kind: 'order-screenshot',
    capturedAt: now - i * 60_000,
    url: `https://details.jd.com/normal/item.action?orderid=${700000000 + (i % ORDERS)}`,
    platform: 'jd',
    orderId: String(700000000 + (i % ORDERS)),
    caption: `京东 订单 ${700000000 + (i % ORDERS)}`,
    mime: 'image/jpeg',
    bytes: 150_000,
    sha256: hex(i + 1),
    prevHash: hex(i),
    recordHash: hex(i + 1_000_000),
  }));
  return { orders, evidence };
}

async function seed(page: Page): Promise<void> {
  const records = seedRecords(Date.now());
  await page.evaluate(
    ({ orders, evidence }) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('shopwitness');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction(['snapshots', 'evidence'], 'readwrite');
          for (const o of orders) tx.objectStore('snapshots').add(o);
          for (const e of evidence) tx.objectStore('evidence').add(e);
          tx.oncomplete = () => {
            req.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    records,
  );
}

export async function measurePopup(ext: ChromiumExt): Promise<Row[]> {
  const helper = await ext.openPage('options.html');
  await seed(helper);
  await helper.close();
  const samples: number[] = [];
  const phases: Record<string, number>[] = [];
  let rows = 0;
  for (let i = 0; i < OPENS; i++) {
    const popup = await ext.context.newPage();
    await popup.addInitScript({ content: FIRST_ROW_PROBE });
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${ext.id}/popup.html`);
    await popup.waitForSelector(ROW, { timeout: 15_000 });
    const t = await popup.evaluate(() => performance.now());
    await popup.waitForFunction(() => 'firstRowFrame' in globalThis);
    const marks = await popup.evaluate(() => ({
      'html in': Math.round((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd * 10) / 10,
      'dom interactive': Math.round((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive * 10) / 10,
      ...Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime * 10) / 10])),
      'first row in DOM': (globalThis as unknown as { firstRowInDom: number }).firstRowInDom,
      'first row, next frame': (globalThis as unknown as { firstRowFrame: number }).firstRowFrame,
    }));
    if (i > 0) {
      samples.push(t); // the first open also warms the HTTP cache and the database
      phases.push(marks);
    }
    rows = await popup.locator(ROW).count();
    await popup.close();
  }
  const inPage = phases.map((p) => p['first row, next frame'] ?? Number.NaN);
  return [
    budgeted(`popup first render, ${ORDERS.toLocaleString('en')} orders + ${EVIDENCE.toLocaleString('en')} evidence`, Math.round(median(samples)), 'ms', BUDGET_MS, {
      note: `median of ${samples.length} opens after a warm-up; navigation start → first data row seen by the automation (${rows} rows shown)`,
      // popup:script = its script starts, popup:load = data reads start, popup:data = data in (ms from navigation start).
      detail: { samplesMs: samples.map((s) => round(s, 1)), phasesMs: phases },
    }),
    info('popup first render, timed in the page', Math.round(median(inPage)), 'ms', {
      note: `same opens; navigation start → the frame that paints the first row, without the automation's polling and round trip`,
      detail: { samplesMs: inPage },
    }),
  ];
}

/** `npx tsx bench/popup.ts`: this row alone (the full `npm run bench` takes minutes). */
async function main(): Promise<void> {
  const { launchChromium } = await import('../tests/e2e/harness/chromium');
  const { ensureTestBuild } = await import('./util');
  const ext = await launchChromium(ensureTestBuild());
  try {
    for (const r of await measurePopup(ext)) console.log(`${r.measure}: ${r.value} ${r.unit} (budget ${r.budget}, ${r.ok === null ? 'info' : r.ok ? 'ok' : 'MISS'}) — ${r.note ?? ''}\n${JSON.stringify(r.detail)}`);
  } finally {
    await ext.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
