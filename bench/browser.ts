/**
 * 5 and 6: measurements in real Chromium with the test build (.output/chrome-mv3-test), through the
 * e2e harness (playwright-core, fixture pages served on the real shop URL with context.route).
 *  - IndexedDB growth per observation and per screenshot: navigator.storage.estimate() in an extension
 *    page before and after N snapshots / N captures (on-disk LevelDB size, before compaction).
 *  - Capture pipeline latency: from the background receiving the snapshot report (the stored
 *    snapshot's capturedAt) to the evidence record being readable in IndexedDB, polled every 10 ms
 *    inside the service worker; different product ids, captures spaced ≥ 600 ms (Chrome's 2/s limit).
 *  - Content-script cost on a heavy JD page: CDP Performance.getMetrics (TaskDuration, ScriptDuration)
 *    after load + settle, with the extension vs a browser without it; long tasks via PerformanceObserver.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { launchChromium, serve, type ChromiumExt } from '../tests/e2e/harness/chromium';
import { CHROMIUM } from '../tests/e2e/harness/paths';
import { toSnapshotRecord } from '../lib/db';
import type { ProductSnapshot } from '../lib/model';
import { HEAVY_URL, heavyJdPage } from './heavy-page';
import { measurePopup } from './popup';
import type { Row } from './types';
import { budgeted, ensureTestBuild, info, median, notMeasured, round } from './util';

const LOADS = Number(process.env.BENCH_LOADS ?? 7);
const SETTLE_MS = 1200;
const OBSERVATIONS = Number(process.env.BENCH_OBS ?? 200);
const CAPTURES = 6;
const COST_BUDGET_MS = 5;
const LATENCY_BUDGET_MS = 400;

const LONGTASK_INIT = `(() => {
  const w = window;
  w.__longTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

interface Estimate {
  usage: number;
  idb: number;
}

async function estimate(page: Page): Promise<Estimate> {
  return page.evaluate(async () => {
    const e = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } };
    return { usage: e.usage ?? 0, idb: e.usageDetails?.indexedDB ?? e.usage ?? 0 };
  });
}

/** Counts one store from an extension page (the harness's count() goes through the worker). */
function idbCount(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('shopwitness');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const r = req.result.transaction(name).objectStore(name).count();
          r.onsuccess = () => {
            req.result.close();
            resolve(r.result);
          };
          r.onerror = () => reject(r.error);
        };
      }),
    store,
  );
}

function productSnapshot(i: number): ProductSnapshot {
  return {
    kind: 'product',
    platform: 'jd',
    url: `https://item.jd.com/${300000000 + (i % 20)}.html`,
    productId: String(300000000 + (i % 20)),
    title: '小熊（Bear）电热水壶 1.5L 304不锈钢 家用烧水壶 ZDH-Q15X1',
    price: { amount: 8990 - (i % 7) * 10, currency: 'CNY' },
    listPrice: { amount: 12900, currency: 'CNY' },
    shop: '小熊电器京东自营旗舰店',
    priceProtectionDays: 30,
    capturedAt: Date.now(),
  };
}

/**
 * Polls the background (state/summary, every 20 ms) until its evidence count passes `before`; returns
 * the wall-clock time it did. Polling IndexedDB from a long-running evaluate in an extension page or
 * the worker lost the target mid-capture in Chromium, so the background itself is asked.
 */
async function waitForEvidence(ext: ChromiumExt, before: number, timeoutMs = 15_000): Promise<number> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const r = await ext.send<{ evidence?: number }>({ type: 'state/summary' });
    if ((r.evidence ?? 0) > before) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no new evidence within ${timeoutMs} ms`);
}

function step(msg: string): void {
  if (process.env.BENCH_VERBOSE) process.stderr.write(`  [browser] ${msg}\n`);
}

/** Every browser round trip is bounded: a hung message must become an error row, not a hung bench. */
function timed<T>(p: Promise<T>, what: string, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

async function storageAndLatency(ext: ChromiumExt): Promise<Row[]> {
  const rows: Row[] = [];
  const page = await ext.openPage('options.html');
  // Warm the database (first open runs the migrations).
  step('options page open');
  await timed(ext.send({ type: 'state/summary' }), 'state/summary');
  step('worker answered');
  await page.waitForTimeout(300);

  // Observations: snapshot reports from an extension page. That page is a tab, so the background would
  // queue a (failing) screenshot of it for every report: turn automatic capture off meanwhile.
  await timed(ext.send({ type: 'settings/save', settings: { autoCapture: false } }), 'settings/save');
  const before = await estimate(page);
  for (let i = 0; i < OBSERVATIONS; i++) {
    const r = await timed(ext.send<{ ok: boolean }>({ type: 'snapshot/report', snapshot: productSnapshot(i), title: '京东' }), 'snapshot/report');
    if (!r.ok) throw new Error(`snapshot/report refused: ${JSON.stringify(r)}`);
  }
  await page.waitForTimeout(500);
  const after = await estimate(page);
  await timed(ext.send({ type: 'settings/save', settings: { autoCapture: true } }), 'settings/save');
  const serialized = JSON.stringify(toSnapshotRecord(productSnapshot(1), '京东')).length;
  const perObs = (after.idb - before.idb) / OBSERVATIONS;
  rows.push(
    info('IndexedDB growth per observation (Chromium)', Math.round(perObs), 'B', {
      note: `storage.estimate Δ over ${OBSERVATIONS} product snapshots; JSON record ${serialized} B`,
      detail: { before, after, observations: OBSERVATIONS, serializedRecordBytes: serialized },
    }),
  );

  // Captures: product pages with different ids in the visible tab → screenshot per page.
  const shop = await ext.context.newPage();
  await shop.bringToFront();
  const latencies: number[] = [];
  const evBefore = await idbCount(page, 'evidence');
  const snapsBefore = await idbCount(page, 'snapshots');
  const beforeShots = await estimate(page);
  const detected = new Map<string, number>();
  for (let i = 0; i < CAPTURES; i++) {
    const productId = String(400000000 + i);
    const count = await idbCount(page, 'evidence');
    const waiting = timed(waitForEvidence(ext, count), `evidence for product ${productId}`, 20_000);
    await shop.goto(`https://item.jd.com/${productId}.html`);
    const storedAt = await waiting.catch(async (e: unknown) => {
      const b = await timed(ext.send<{ captureFailures?: unknown[] }>({ type: 'backup/export' }), 'backup/export');
      throw new Error(`${e instanceof Error ? e.message : String(e)}; capture failures ${JSON.stringify((b.captureFailures ?? []).slice(-2))}`);
    });
    detected.set(productId, storedAt);
    step(`capture ${i} stored`);
    await shop.waitForTimeout(600);
  }
  // The background stamps each snapshot with its clock on receipt: that is the start of the pipeline.
  const backup = await timed(ext.send<{ snapshots: { kind: string; productId?: string; capturedAt: number }[] }>({ type: 'backup/export' }), 'backup/export');
  for (const [productId, storedAt] of detected) {
    const reported = backup.snapshots.find((s) => s.kind === 'product' && s.productId === productId);
    if (!reported) throw new Error(`no snapshot stored for product ${productId}`);
    latencies.push(storedAt - reported.capturedAt);
  }
  await page.waitForTimeout(500);
  const afterShots = await estimate(page);
  const shots = (await idbCount(page, 'evidence')) - evBefore;
  const snaps = (await idbCount(page, 'snapshots')) - snapsBefore;
  const bytes = await page.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const req = indexedDB.open('shopwitness');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const r = req.result.transaction('evidence').objectStore('evidence').getAll();
          r.onsuccess = () => resolve((r.result as { bytes: number }[]).map((e) => e.bytes));
        };
      }),
  );
  const perShot = (afterShots.idb - beforeShots.idb - snaps * perObs) / Math.max(shots, 1);
  rows.push(
    info('IndexedDB growth per screenshot (Chromium)', Math.round(perShot / 1024), 'KB', {
      note: `Δ over ${shots} captures minus their snapshots; JPEG median ${Math.round(median(bytes) / 1024)} KB`,
      detail: { before: beforeShots, after: afterShots, captures: shots, snapshots: snaps, jpegBytes: bytes },
    }),
    budgeted('capture pipeline, report → stored record (median)', Math.round(median(latencies)), 'ms', LATENCY_BUDGET_MS, {
      note: `${latencies.length} captures, worst ${Math.round(Math.max(...latencies))} ms; seen by polling every 20 ms`,
      detail: { samplesMs: latencies },
    }),
  );
  await shop.close();
  await page.close();
  return rows;
}

interface LoadCost {
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  /** Durations of long tasks that started after DOMContentLoaded (when document_idle scripts run). */
  longTasks: number[];
  /** Every long task of the load, parsing included. */
  allLongTasks: number[];
}

async function loadCost(context: BrowserContext): Promise<LoadCost[]> {
  const out: LoadCost[] = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(HEAVY_URL, { waitUntil: 'load' });
    await page.waitForTimeout(SETTLE_MS);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = (name: string) => (metrics.find((x) => x.name === name)?.value ?? 0) * 1000;
    const { tasks, dcl } = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { tasks: (window as unknown as { __longTasks?: [number, number][] }).__longTasks ?? [], dcl: nav ? nav.domContentLoadedEventEnd : 0 };
    });
    out.push({
      taskMs: m('TaskDuration'),
      scriptMs: m('ScriptDuration'),
      layoutMs: m('LayoutDuration') + m('RecalcStyleDuration'),
      longTasks: tasks.filter(([start]) => start >= dcl).map(([, d]) => Math.round(d)),
      allLongTasks: tasks.map(([, d]) => Math.round(d)),
    });
    await cdp.detach();
    await page.close();
  }
  return out;
}

async function pageCost(ext: ChromiumExt): Promise<Row[]> {
  const html = heavyJdPage();
  const page = await ext.openPage('options.html');
  const snapsBefore = await idbCount(page, 'snapshots');
  await ext.context.addInitScript({ content: LONGTASK_INIT });
  const withExt = await loadCost(ext.context);
  step('loads with extension done');
  const stored = (await idbCount(page, 'snapshots')) - snapsBefore;
  await page.close();

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let without: LoadCost[];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await serve(context, 'https://item.jd.com/**', html);
    await context.addInitScript({ content: LONGTASK_INIT });
    without = await loadCost(context);
  } finally {
    await browser.close();
  }
  const med = (xs: LoadCost[], k: 'taskMs' | 'scriptMs' | 'layoutMs') => median(xs.map((x) => x[k]));
  const taskDelta = med(withExt, 'taskMs') - med(without, 'taskMs');
  const scriptDelta = med(withExt, 'scriptMs') - med(without, 'scriptMs');
  const layoutDelta = med(withExt, 'layoutMs') - med(without, 'layoutMs');
  const longWith = withExt.flatMap((x) => x.longTasks);
  const longWithout = without.flatMap((x) => x.longTasks);
  const parseLong = without.flatMap((x) => x.allLongTasks).length;
  if (stored < LOADS) throw new Error(`the content script stored ${stored} snapshots for ${LOADS} loads: it did not run on every load`);
  const detail = { withExtension: withExt, withoutExtension: without, snapshotsStored: stored };
  return [
    budgeted('content script main-thread cost, heavy JD page', round(taskDelta, 1), 'ms', COST_BUDGET_MS, {
      note: `Δ median TaskDuration with vs without extension, ${LOADS} loads (script Δ ${round(scriptDelta, 1)} ms, style+layout Δ ${round(layoutDelta, 1)} ms)`,
      detail,
    }),
    {
      measure: 'long tasks after DOMContentLoaded, heavy JD page',
      value: longWith.length,
      unit: 'tasks',
      budget: '0 (beyond baseline)',
      ok: longWith.length <= longWithout.length,
      note: `${LOADS} loads with extension; without it ${longWithout.length} (the page's own parse/layout gives ${parseLong} long tasks before DCL); longest ${longWith.length ? Math.max(...longWith) : 0} ms`,
    },
  ];
}

export async function measureBrowser(): Promise<Row[]> {
  if (!existsSync(CHROMIUM)) {
    return [
      notMeasured('IndexedDB growth per observation (Chromium)', '—', `${CHROMIUM} missing`),
      notMeasured('IndexedDB growth per screenshot (Chromium)', '—', `${CHROMIUM} missing`),
      notMeasured('capture pipeline, report → stored record (median)', `≤ ${LATENCY_BUDGET_MS} ms`, `${CHROMIUM} missing`),
      notMeasured('content script main-thread cost, heavy JD page', `≤ ${COST_BUDGET_MS} ms`, `${CHROMIUM} missing`),
      notMeasured('popup first render, 1,000 orders + 5,000 evidence', '≤ 150 ms', `${CHROMIUM} missing`),
    ];
  }
  const dir = ensureTestBuild();
  // The service worker sometimes registers between the harness's two checks on a loaded machine: retry once.
  const ext = await launchChromium(dir).catch(() => launchChromium(dir));
  step(`launched ${ext.id}`);
  const rows: Row[] = [];
  try {
    await serve(ext.context, 'https://item.jd.com/**', (url) => {
      const id = /\/(\d+)\.html/.exec(url)?.[1];
      return id && id !== '100012043978' ? heavyJdPage(200, Number(id), '59.90', id) : heavyJdPage();
    });
    // BENCH_BROWSER=content (or storage, popup; comma-separated) runs only those parts.
    const only = process.env.BENCH_BROWSER?.split(',').map((s) => s.trim()).filter(Boolean);
    const parts = ([
      ['storage', 'IndexedDB growth and capture pipeline (Chromium)', '—', storageAndLatency],
      ['content', 'content script main-thread cost, heavy JD page', `≤ ${COST_BUDGET_MS} ms`, pageCost],
      ['popup', 'popup first render, 1,000 orders + 5,000 evidence', '≤ 150 ms', measurePopup],
    ] as const).filter(([key]) => !only?.length || only.includes(key));
    for (const [, name, budget, run] of parts) {
      try {
        rows.push(...(await run(ext)));
      } catch (e) {
        rows.push({ measure: name, value: null, unit: '', budget, ok: false, note: `error: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
  } finally {
    await ext.close();
  }
  return rows;
}
