/**
 * `npm run accuracy`: every fixture in tests/fixtures/sites through extractPage (under happy-dom),
 * expected vs extracted per fixture (price, title, ids, and every other expected field), ✓/✗ and the
 * total. Exit code 1 when anything differs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { extractAll, extractPage } from '../lib/sites/index';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../tests/fixtures/sites');

interface Expected {
  url: string;
  now: number;
  snapshot: Record<string, unknown> | null;
  all?: Record<string, unknown>[];
}

/** Expected ⊆ actual: objects by the expected keys, arrays element by element and same length. */
function diff(exp: unknown, got: unknown, path: string, out: string[]): void {
  if (Array.isArray(exp)) {
    if (!Array.isArray(got) || got.length !== exp.length) {
      out.push(`${path}: expected ${exp.length} entries, got ${Array.isArray(got) ? got.length : JSON.stringify(got)}`);
      return;
    }
    exp.forEach((e, i) => diff(e, got[i], `${path}[${i}]`, out));
  } else if (exp && typeof exp === 'object') {
    if (!got || typeof got !== 'object') {
      out.push(`${path}: expected object, got ${JSON.stringify(got)}`);
      return;
    }
    for (const [k, v] of Object.entries(exp))
      diff(v, (got as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
  } else if (exp !== got) out.push(`${path}: expected ${JSON.stringify(exp)}, got ${JSON.stringify(got)}`);
}

const show = (s: Record<string, unknown> | null | undefined): string => {
  if (!s) return 'null';
  // Money is integer minor units (fen for CNY): shown as yuan with the stored integer beside it.
  const m = (v: unknown) => {
    if (!v || typeof v !== 'object' || !('amount' in v)) return '-';
    const { amount, currency = 'CNY' } = v as { amount: number; currency?: string };
    return `${currency === 'CNY' ? '¥' : `${currency} `}${(amount / 100).toFixed(2)} (${amount} ${currency === 'CNY' ? 'fen' : 'minor units'})`;
  };
  return `${s.kind} id=${String(s.productId ?? s.orderId ?? s.trackingNumber)} price=${m(s.price ?? s.paid)} title=${String(s.title ?? '').slice(0, 30)}`;
};

const window = new Window();
let total = 0;
let ok = 0;
for (const platform of readdirSync(ROOT).sort()) {
  for (const f of readdirSync(join(ROOT, platform))
    .filter((x) => x.endsWith('.html'))
    .sort()) {
    const base = join(ROOT, platform, f.replace(/\.html$/, ''));
    const expected = JSON.parse(readFileSync(`${base}.expected.json`, 'utf8')) as Expected;
    const doc = new window.DOMParser().parseFromString(
      readFileSync(`${base}.html`, 'utf8'),
      'text/html',
    ) as unknown as Document;
    const got = extractPage(doc, expected.url, expected.now) as Record<string, unknown> | null;
    const problems: string[] = [];
    if (expected.snapshot === null) {
      if (got !== null) problems.push(`expected null, got ${show(got)}`);
    } else diff(expected.snapshot, got, '', problems);
    if (expected.all) diff(expected.all, extractAll(doc, expected.url, expected.now), 'all', problems);
    total++;
    if (!problems.length) ok++;
    console.log(`${problems.length ? '✗' : '✓'} ${platform}/${f}`);
    console.log(`    expected ${show(expected.snapshot)}`);
    console.log(`    got      ${show(got)}`);
    for (const p of problems) console.log(`    ✗ ${p}`);
  }
}
await window.happyDOM.close();
console.log(`\n${ok}/${total} fixtures right (${total ? ((100 * ok) / total).toFixed(1) : '0'}%)`);
process.exit(ok === total ? 0 : 1);
