/**
 * One content script per shop family (entrypoints/<family>.content.ts, lib/hosts.ts CONTENT_MATCHES):
 * together they cover every shop host, each host exactly once, and on every fixture page of its hosts
 * a family's adapters read the same snapshots as the full registry (lib/sites/index.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_MATCHES, SHOP_MATCHES, type ShopFamily } from '@/lib/hosts';
import { ADAPTERS, extractAll } from '@/lib/sites';
import { extractWith } from '@/lib/sites/extract';

const ROOT = join(__dirname, '../..');
const FIXTURES = join(ROOT, 'tests/fixtures/sites');
const families = Object.keys(CONTENT_MATCHES) as ShopFamily[];

function covers(pattern: string, url: URL): boolean {
  const domain = /^\*:\/\/\*\.([^/]+)\/\*$/.exec(pattern)?.[1];
  return domain !== undefined && (url.hostname === domain || url.hostname.endsWith(`.${domain}`));
}

function familyOf(url: URL): ShopFamily[] {
  return families.filter((f) => CONTENT_MATCHES[f].some((p) => covers(p, url)));
}

/** The adapters an entrypoint passes to runContentScript, read from its source. */
function entryAdapters(family: ShopFamily) {
  const src = readFileSync(join(ROOT, `entrypoints/${family}.content.ts`), 'utf8');
  expect(src).toContain(`matches: CONTENT_MATCHES.${family},`);
  const list = /runContentScript\(ctx, \[([^\]]*)\]\)/.exec(src)?.[1] ?? '';
  const ids = list.split(',').map((s) => s.trim());
  return ids.map((id) => {
    const a = ADAPTERS.find((x) => x.id === id);
    if (!a) throw new Error(`${family}: unknown adapter ${id}`);
    return a;
  });
}

describe('content scripts per shop family', () => {
  it('cover exactly the shop hosts of the manifest', () => {
    expect(Object.values(CONTENT_MATCHES).flat().sort()).toEqual([...SHOP_MATCHES].sort());
  });

  it.each(families)('%s: claims its adapters\' examples, with generic last', (family) => {
    const adapters = entryAdapters(family);
    expect(adapters.at(-1)?.id).toBe('generic');
    for (const a of adapters.slice(0, -1)) {
      for (const example of a.examples) expect(familyOf(new URL(example))).toEqual([family]);
    }
  });

  it('every platform example on a shop host goes to the family holding its adapter', () => {
    for (const a of ADAPTERS.filter((x) => x.id !== 'generic')) {
      for (const example of a.examples) {
        const fams = familyOf(new URL(example));
        if (fams.length === 0) continue;
        expect(fams).toHaveLength(1);
        expect(entryAdapters(fams[0] as ShopFamily).map((x) => x.id)).toContain(a.id);
      }
    }
  });

  const pages = readdirSync(FIXTURES).flatMap((p) =>
    readdirSync(join(FIXTURES, p))
      .filter((f) => f.endsWith('.html'))
      .map((f) => ({ name: `${p}/${f}`, html: readFileSync(join(FIXTURES, p, f), 'utf8'), ...(JSON.parse(readFileSync(join(FIXTURES, p, f.replace(/\.html$/, '.expected.json')), 'utf8')) as { url: string; now: number }) })),
  );

  it.each(pages.filter((c) => familyOf(new URL(c.url)).length > 0))('$name: the family reads what the registry reads', (c) => {
    const doc = new DOMParser().parseFromString(c.html, 'text/html');
    const family = familyOf(new URL(c.url))[0] as ShopFamily;
    expect(extractWith(entryAdapters(family), doc, c.url, c.now)).toEqual(extractAll(doc, c.url, c.now));
  });

  it('falls back to schema.org on other pages of a shop host', () => {
    const html = `<html><head><script type="application/ld+json">{"@type":"Product","name":"杯子","sku":"C1","offers":{"price":"12.50","priceCurrency":"CNY"}}</script></head><body></body></html>`;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const url = 'https://shop.jd.com/cup';
    const got = extractWith(entryAdapters('jd'), doc, url, 1);
    expect(got).toEqual(extractAll(doc, url, 1));
    expect(got[0]).toMatchObject({ platform: 'generic', productId: 'C1', price: { amount: 1250 } });
  });
});
