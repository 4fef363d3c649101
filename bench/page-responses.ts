/**
 * The main-world script's cost (lib/content/page-responses, entrypoints/douyin-main.content.ts) on a heavy page
 * that fetches a lot: the heavy JD-like page's DOM (bench/heavy-page.ts) served on a Douyin product URL, whose own
 * script makes FETCHES fetches and XHRS XHRs of ~20 KB JSON each, KEPT of them to a URL on the kept list (pack/h5).
 * Loads alternate with and without the built script (the test build's content-scripts/douyin-main.js, installed
 * before the page's scripts as Chrome does for `world: 'MAIN'`, `document_start`), each in a fresh context; the
 * value is the ratio of the medians of the renderer's main-thread task time (CDP Performance TaskDuration).
 * The same loads count what the script handed over (the page can listen to its events, and ask for a replay of what
 * it kept): only responses of the kept URLs, each once; nothing of the other requests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM } from '../tests/e2e/harness/paths';
import { heavyJdPage } from './heavy-page';
import type { Row } from './types';
import { ensureTestBuild, info, median, notMeasured, ratioRow, round } from './util';

const NAME = 'main-world script (page responses) / none, heavy fetching page';
const NAME_KEPT = 'main-world script: responses handed over outside the URL list';
export const PAGE_RESPONSES_RATIO = 1.15;

const ID = '3581234567890123456';
const URL_ = `https://haohuo.jinritemai.com/ecommerce/trade/detail/index.html?id=${ID}`;
const FETCHES = 300;
const XHRS = 100;
/** Every KEPT_EVERY-th request goes to pack/h5 (on the list); the others to paths off it. */
const KEPT_EVERY = 50;

function body(i: number): string {
  const items = Array.from({ length: 120 }, (_, k) => ({
    product_id: String(3_600_000_000_000_000_000n + BigInt(i * 1000 + k)),
    title: `推荐商品 ${i}-${k}`,
    min_price: 1000 + k,
  }));
  return JSON.stringify({ status_code: 0, promotion_h5: { basic_info_data: { product_id: ID } }, items });
}

function page(): string {
  const script = `<script>
window.__handed = { kept: 0, other: 0, replayed: [] };
document.addEventListener('shopwitness:page-response', function (e) {
  try {
    var u = JSON.parse(e.detail).u;
    if (window.__replaying) window.__handed.replayed.push(u);
    else if (/\\/pack\\/h5\\//.test(u)) window.__handed.kept++;
    else window.__handed.other++;
  } catch (x) {}
});
var total = ${FETCHES + XHRS}, done = 0, sum = 0;
function finish(t) { sum += JSON.parse(t).items.length; if (++done === total) window.__done = true; }
function url(i) { return (i % ${KEPT_EVERY} === 0 ? '/aweme/v2/shop/promotion/pack/h5/?i=' : '/aweme/v1/web/other/?i=') + i; }
for (var i = 0; i < ${FETCHES}; i++) fetch(url(i), { method: 'POST' }).then(function (r) { return r.text(); }).then(finish);
for (var j = ${FETCHES}; j < total; j++) (function (x) {
  x.onload = function () { finish(x.responseText); };
  x.open('POST', url(j)); x.send();
})(new XMLHttpRequest());
</script>`;
  return heavyJdPage(5000).replace('</head>', `${script}</head>`);
}

interface Load {
  taskMs: number;
  kept: number;
  other: number;
  replayed: string[];
}

async function load(browser: Browser, hook: string | null, html: string, bodies: string[]): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === URL_) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      const i = Number(/[?&]i=(\d+)/.exec(url)?.[1] ?? NaN);
      if (Number.isInteger(i)) return route.fulfill({ status: 200, contentType: 'application/json', body: bodies[i] });
      return route.abort();
    });
    if (hook) await context.addInitScript({ content: hook });
    const p = await context.newPage();
    const cdp = await context.newCDPSession(p);
    await cdp.send('Performance.enable');
    await p.goto(URL_, { waitUntil: 'load' });
    await p.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, null, {
      timeout: 60_000,
    });
    const { metrics } = await cdp.send('Performance.getMetrics');
    const taskMs = (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
    const handed = await p.evaluate(() => {
      const w = window as unknown as { __handed: Omit<Load, 'taskMs'>; __replaying?: boolean };
      w.__replaying = true;
      document.dispatchEvent(new CustomEvent('shopwitness:page-response-replay'));
      w.__replaying = false;
      return w.__handed;
    });
    return { taskMs, ...handed };
  } finally {
    await context.close();
  }
}

export async function measurePageResponses(): Promise<Row[]> {
  if (!existsSync(CHROMIUM))
    return [
      notMeasured(NAME, `≤ ${PAGE_RESPONSES_RATIO}×`, `${CHROMIUM} missing`),
      notMeasured(NAME_KEPT, '0', `${CHROMIUM} missing`),
    ];
  const hook = readFileSync(resolve(ensureTestBuild(), 'content-scripts/douyin-main.js'), 'utf8');
  const rounds = Math.max(1, Number(process.env.BENCH_LOADS ?? 9));
  const html = page();
  const bodies = Array.from({ length: FETCHES + XHRS }, (_, i) => body(i));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  const withHook: Load[] = [];
  const without: Load[] = [];
  try {
    await load(browser, null, html, bodies); // warm-up, not counted
    for (let r = 0; r < rounds; r++) {
      // Interleaved, the order alternating each round.
      for (const on of r % 2 === 0 ? [true, false] : [false, true])
        (on ? withHook : without).push(await load(browser, on ? hook : null, html, bodies));
    }
  } finally {
    await browser.close();
  }
  const ours = median(withHook.map((l) => l.taskMs));
  const base = median(without.map((l) => l.taskMs));
  const keptExpected = Math.ceil((FETCHES + XHRS) / KEPT_EVERY);
  const other = withHook.reduce((n, l) => n + l.other, 0);
  const replayedOff = withHook.reduce((n, l) => n + l.replayed.filter((u) => !/\/pack\/h5\//.test(u)).length, 0);
  const keptOk = withHook.every((l) => l.kept === keptExpected);
  return [
    ratioRow(
      NAME,
      ours,
      base,
      {
        baseline: 'the same page without the main-world script',
        baselineAs: 'none',
        unit: 'ms',
        limit: PAGE_RESPONSES_RATIO,
      },
      {
        note: `${rounds} interleaved loads each; ${FETCHES} fetches + ${XHRS} XHRs of ~${round(
          (bodies[1]?.length ?? 0) / 1024,
          0,
        )} KB, ${keptExpected} on the kept list; renderer main-thread TaskDuration`,
        detail: { withHook: withHook.map((l) => round(l.taskMs)), without: without.map((l) => round(l.taskMs)) },
      },
    ),
    {
      ...info(NAME_KEPT, other + replayedOff, 'responses'),
      budget: '0',
      ok: other + replayedOff === 0 && keptOk,
      note: `per load: ${keptExpected} kept responses handed over (${keptOk ? 'each once' : 'NOT as expected'}), ${
        FETCHES + XHRS - keptExpected
      } others never; a replay hands back only kept ones (≤ 8)`,
    },
  ];
}
