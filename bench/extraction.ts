/**
 * extractPage over every fixture page (tests/fixtures/sites/** and tests/fixtures/e2e) in Node with
 * happy-dom's DOMParser. Parsing is done once per page and not timed; only extractPage is.
 * A page's URL and clock come from its <name>.expected.json (the sites-fixtures convention).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Window } from 'happy-dom';
import { extractPage } from '../lib/sites';
import { HEAVY_URL, heavyJdPage } from './heavy-page';
import type { Row } from './types';
import { info, max, median, ROOT, round } from './util';

const RUNS = 7;
const NOW = Date.UTC(2026, 5, 15);
/** Pages without an expected.json: the URL the e2e tests serve them on. */
const KNOWN_URLS: Record<string, string> = {
  'e2e/jd-item.html': 'https://item.jd.com/100012043978.html',
};

function htmlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return htmlFiles(p);
    return f.endsWith('.html') ? [p] : [];
  });
}

function pageUrl(file: string, name: string): { url: string; now: number } {
  const sidecar = file.replace(/\.html$/, '.expected.json');
  if (existsSync(sidecar)) {
    const parsed: unknown = JSON.parse(readFileSync(sidecar, 'utf8'));
    if (parsed && typeof parsed === 'object') {
      const { url, now } = parsed as { url?: unknown; now?: unknown };
      if (typeof url === 'string') return { url, now: typeof now === 'number' ? now : NOW };
    }
  }
  return { url: KNOWN_URLS[name] ?? 'https://example.com/unknown-fixture.html', now: NOW };
}

interface PageTiming {
  name: string;
  bytes: number;
  medianMs: number;
  maxMs: number;
  snapshot: string | null;
}

function timeExtraction(parser: DOMParser, name: string, html: string, url: string, now: number): PageTiming {
  const doc = parser.parseFromString(html, 'text/html');
  const samples: number[] = [];
  let kind: string | null = null;
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const snap = extractPage(doc, url, now);
    const dt = performance.now() - t0;
    if (i > 0) samples.push(dt); // the first run warms the JIT
    kind = snap ? snap.kind : null;
  }
  return {
    name,
    bytes: html.length,
    medianMs: round(median(samples), 3),
    maxMs: round(max(samples), 3),
    snapshot: kind,
  };
}

export async function measureExtraction(): Promise<Row[]> {
  const window = new Window({
    url: 'https://example.com/',
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  });
  const parser = new window.DOMParser() as unknown as DOMParser;
  const fixtures = join(ROOT, 'tests/fixtures');
  const files = [...htmlFiles(join(fixtures, 'sites')), ...htmlFiles(join(fixtures, 'e2e'))];
  const pages = files.map((file) => {
    const name = relative(fixtures, file);
    const { url, now } = pageUrl(file, name);
    return timeExtraction(parser, name, readFileSync(file, 'utf8'), url, now);
  });
  const heavy = timeExtraction(parser, 'generated heavy JD page', heavyJdPage(), HEAVY_URL, NOW);
  await window.happyDOM.close();
  if (pages.length === 0) throw new Error('no fixture pages found under tests/fixtures/{sites,e2e}');
  const medians = pages.map((p) => p.medianMs);
  const worst = pages.reduce((w, p) => (p.medianMs > w.medianMs ? p : w));
  const found = pages.filter((p) => p.snapshot).length;
  return [
    info('extraction per fixture page, median (happy-dom)', round(median(medians), 3), 'ms', {
      note: `${pages.length} pages, ${found} gave a snapshot; median of ${RUNS} runs each`,
      detail: { pages },
    }),
    info('extraction per fixture page, worst (happy-dom)', worst.medianMs, 'ms', { note: worst.name }),
    info('extraction, heavy JD page 5,000 nodes (happy-dom)', heavy.medianMs, 'ms', {
      note: heavy.snapshot ? `gave a ${heavy.snapshot} snapshot` : 'gave no snapshot',
      detail: { heavy },
    }),
  ];
}
