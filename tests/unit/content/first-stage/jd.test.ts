/**
 * The JD first look (lib/content/first-stage/jd.ts) against the full reader (jdItem + generic, what
 * jd-item-full runs): wherever the first look answers, its snapshot is exactly the full reader's;
 * where it says 'wait', the full reader reads nothing either. Over every JD fixture, the e2e page,
 * generated heavy pages, generated hostile pages and random texts in the price slots.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { extractWith } from '@/lib/sites/extract';
import { jdItem } from '@/lib/sites/jd';
import { generic } from '@/lib/sites/generic';
import { jdFirstLook } from '@/lib/content/first-stage/jd';
import { HEAVY_URL, heavyJdPage } from '../../../../bench/heavy-page';
import { hostilePage } from '../../../e2e/harness/hostile-pages';

const ROOT = join(__dirname, '../../../..');
const NOW = 1_790_000_000_000;
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

/** The first look's answer, checked against the full reader on the same document. */
function compare(html: string, url: string) {
  const doc = parse(html);
  const fast = jdFirstLook(doc, new URL(url), NOW);
  const full = extractWith([jdItem, generic], doc, url, NOW);
  if (fast === 'wait') expect(full).toEqual([]);
  else if (fast !== 'full') expect([fast]).toEqual(full);
  return fast;
}

const FIXTURES = join(ROOT, 'tests/fixtures/sites/jd');
const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.startsWith('item') && f.endsWith('.html'))
  .map((f) => ({
    name: f,
    html: readFileSync(join(FIXTURES, f), 'utf8'),
    url: (JSON.parse(readFileSync(join(FIXTURES, f.replace(/\.html$/, '.expected.json')), 'utf8')) as { url: string })
      .url,
  }));

describe('JD first look', () => {
  it.each(fixtures)('$name: the full reader’s snapshot, or none', ({ html, url }) => {
    compare(html, url);
  });

  it('answers the usual page itself: the e2e product page and the heavy bench page', () => {
    // The e2e page fills its price by script after load, as JD does: first empty, then read.
    const e2e = readFileSync(join(ROOT, 'tests/fixtures/e2e/jd-item.html'), 'utf8');
    expect(compare(e2e, 'https://item.jd.com/100012043978.html')).toBe('wait');
    const filled = e2e.replace(
      '<span class="product-price--value"></span>',
      '<span class="product-price--value">￥89.90</span>',
    );
    expect(compare(filled, 'https://item.jd.com/100012043978.html')).toMatchObject({ price: { amount: 8990 } });
    expect(compare(heavyJdPage(), HEAVY_URL)).toMatchObject({ price: { amount: 8990 }, listPrice: { amount: 12900 } });
    expect(fixtures.map((f) => typeof compare(f.html, f.url))).toContain('object');
  });

  it('waits while the price slot is empty, and leaves embedded data and schema.org to the full reader', () => {
    const page = heavyJdPage(200);
    expect(compare(page.replace('￥89.90', ''), HEAVY_URL)).toBe('wait');
    expect(
      compare(
        page.replace(
          '</head>',
          '<script type="application/ld+json">{"@type":"Product","offers":{"price":"79.00"}}</script></head>',
        ),
        HEAVY_URL,
      ),
    ).toBe('full');
    expect(
      compare(page.replace('</head>', '<script>window._itemInfo = {"price":{"p":"79.00"}}</script></head>'), HEAVY_URL),
    ).toBe('full');
    expect(compare(page.replace('￥89.90', '券后 ￥79.90'), HEAVY_URL)).toBe('full');
    expect(compare(page, 'https://item.jd.com/cup')).toBe('full');
  });

  it('agrees on generated hostile JD pages', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const page = hostilePage(seed, 'jd', { decoys: seed % 120, jsonEntries: 500 });
        compare(page.html, page.url);
      }),
      { numRuns: 60 },
    );
  }, 60_000); // hundreds of full page parses: seconds on a quiet machine, more on a busy one (not a timing test)

  it('agrees on any text in the price elements', () => {
    const base = heavyJdPage(40);
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^[ ¥￥]{0,3}\d{1,6}(\.\d{0,3})?[ 元]{0,2}$/)),
        fc.string({ maxLength: 12 }),
        (price, origin) => {
          const html = base
            .replace('￥89.90', price.replace(/[<&]/g, ''))
            .replace('129.00', origin.replace(/[<&]/g, ''));
          compare(html, HEAVY_URL);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
