/**
 * Popup first render with 1,000 orders and 5,000 evidence records, in real Chromium: the records are
 * written straight into the extension's IndexedDB (same shapes as lib/store/db.ts writes), the worker is
 * asked to re-evaluate (as after any change, which also rebuilds the popup's kept view, lib/store/popup-view.ts),
 * then popup.html is opened 5 times; the time is performance.now() (from navigation start) when the
 * first data row shows. Reported beside it: opens right after a change the worker has not folded into
 * the kept view yet (the popup then computes from every snapshot).
 */
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { ChromiumExt } from '../tests/e2e/harness/chromium';
import { toSnapshotRecord } from '../lib/store/db';
import type { Evidence, OrderSnapshot } from '../lib/core/model';
import type { Row } from './types';
import { budgeted, info, median, round } from './util';

const ORDERS = 1000;
const EVIDENCE = 5000;
/** Opens of the current view (the first one warms up): 4 measured ones moved the median by ±20 ms run to run here. */
const OPENS = Number(process.env.BENCH_OPENS ?? 11);
const STALE_OPENS = 4;
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
      items: [
        {
          productId: String(500000000 + i),
          title: `商品 ${i}`,
          unitPrice: { amount: 1990 + i * 10, currency: 'CNY' },
          quantity: 1,
        },
      ],
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

/** Adds records straight into the extension's IndexedDB, in one transaction. */
async function write(page: Page, orders: object[], evidence: object[]): Promise<void> {
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
    { orders, evidence },
  );
}

async function seed(page: Page): Promise<void> {
  const { orders, evidence } = seedRecords(Date.now());
  await write(page, orders, evidence);
}

/** One more order snapshot written straight into IndexedDB: the popup's kept view is stale until the worker rebuilds it. */
async function addOrder(page: Page, i: number): Promise<void> {
  const r = seedRecords(Date.now()).orders[i] as { orderId: string; key: string };
  await write(page, [{ ...r, orderId: `${r.orderId}-late`, key: `${r.key}-late`, capturedAt: Date.now() }], []);
}

interface Open {
  /** performance.now() in the popup when the automation saw the first row. */
  seen: number;
  marks: Record<string, number>;
  rows: number;
}

async function openPopup(ext: ChromiumExt): Promise<Open> {
  const popup = await ext.context.newPage();
  await popup.addInitScript({ content: FIRST_ROW_PROBE });
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${ext.id}/popup.html`);
  await popup.waitForSelector(ROW, { timeout: 15_000 });
  const seen = await popup.evaluate(() => performance.now());
  await popup.waitForFunction(() => 'firstRowFrame' in globalThis);
  const marks = await popup.evaluate(() => ({
    'html in':
      Math.round((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd * 10) / 10,
    'dom interactive':
      Math.round((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive * 10) /
      10,
    ...Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime * 10) / 10])),
    ...Object.fromEntries(
      performance.getEntriesByType('paint').map((m) => [m.name, Math.round(m.startTime * 10) / 10]),
    ),
    'first row in DOM': (globalThis as unknown as { firstRowInDom: number }).firstRowInDom,
    'first row, next frame': (globalThis as unknown as { firstRowFrame: number }).firstRowFrame,
  }));
  const rows = await popup.locator(ROW).count();
  await popup.close();
  return { seen, marks, rows };
}

export async function measurePopup(ext: ChromiumExt): Promise<Row[]> {
  const helper = await ext.openPage('options.html');
  // The alerts below are the state after the shopper has seen them: no thousand notifications meanwhile.
  await ext.send({ type: 'settings/save', settings: { notifications: false } });
  await seed(helper);
  // As after any change the shopper makes or any page the extension reads: the worker rebuilds the
  // popup's kept view (lib/store/popup-view.ts). Records written straight into IndexedDB did not go through it.
  await ext.send({ type: 'alerts/evaluate' });
  await helper.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const req = indexedDB.open('shopwitness');
        req.onsuccess = () => {
          const r = req.result.transaction('meta').objectStore('meta').get('popupView');
          r.onsuccess = () => {
            req.result.close();
            resolve(((r.result as { value?: { orders?: unknown[] } } | undefined)?.value?.orders?.length ?? 0) > 0);
          };
        };
      }),
    null,
    { timeout: 30_000, polling: 100 },
  );
  const samples: number[] = [];
  const phases: Record<string, number>[] = [];
  let rows = 0;
  // The same opens right after a change the worker has not folded in yet: the popup reads every snapshot.
  const stale: number[] = [];
  const stalePhases: Record<string, number>[] = [];
  for (let i = 0; i < STALE_OPENS; i++) {
    await addOrder(helper, i);
    const o = await openPopup(ext);
    stale.push(o.marks['first row, next frame'] ?? Number.NaN);
    stalePhases.push(o.marks);
  }
  await ext.send({ type: 'alerts/evaluate' });
  await helper.waitForTimeout(1500); // the worker's rebuild after that change
  await helper.close();
  for (let i = 0; i < OPENS; i++) {
    const o = await openPopup(ext);
    if (i > 0) {
      samples.push(o.seen); // the first open also warms the HTTP cache and the database
      phases.push(o.marks);
    }
    rows = o.rows;
  }
  const inPage = phases.map((p) => p['first row, next frame'] ?? Number.NaN);
  return [
    // The budget is on what the shopper sees: navigation start → the frame that paints the first row,
    // timed in the page. The automation's view adds its own polling and two CDP round trips (20–70 ms
    // on this 2-core machine), which is not the popup's time; it is reported beside it.
    budgeted(
      `popup first render, ${ORDERS.toLocaleString('en')} orders + ${EVIDENCE.toLocaleString('en')} evidence`,
      Math.round(median(inPage)),
      'ms',
      BUDGET_MS,
      {
        note: `median of ${inPage.length} opens after a warm-up; navigation start → the frame that paints the first row, timed in the page (${rows} rows shown; an empty extension page alone reaches DOM-interactive at 20–110 ms here)`,
        // popup:script = its script starts, popup:load = data reads start, popup:ui = UI code in, popup:data = data in (ms from navigation start).
        detail: { samplesMs: inPage, phasesMs: phases },
      },
    ),
    info('popup first render, seen by the automation', Math.round(median(samples)), 'ms', {
      note: 'same opens; navigation start → performance.now() when Playwright saw the first row (its polling and round trips included)',
      detail: { samplesMs: samples.map((s) => round(s, 1)) },
    }),
    info('popup first render right after a change (view stale), in the page', Math.round(median(stale)), 'ms', {
      note: `${stale.length} opens, each after one more order was written and before the worker rebuilt the kept view: the popup reads all ${ORDERS.toLocaleString('en')}+ snapshots (the shopper sees this only when opening the popup within the worker's rebuild, ~0.1–0.5 s after a change)`,
      detail: { samplesMs: stale, phasesMs: stalePhases },
    }),
  ];
}

/** `npx tsx bench/popup.ts`: this row alone (the full `npm run bench` takes minutes). */
async function main(): Promise<void> {
  const { launchChromium } = await import('../tests/e2e/harness/chromium');
  const { ensureTestBuild } = await import('./util');
  const ext = await launchChromium(ensureTestBuild());
  try {
    for (const r of await measurePopup(ext))
      console.log(
        `${r.measure}: ${r.value} ${r.unit} (budget ${r.budget}, ${r.ok === null ? 'info' : r.ok ? 'ok' : 'MISS'}) — ${r.note ?? ''}\n${JSON.stringify(r.detail)}`,
      );
  } finally {
    await ext.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
