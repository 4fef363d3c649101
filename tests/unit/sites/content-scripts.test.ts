/**
 * One content script per shop family and page kind (entrypoints/<name>.content.ts, lib/core/hosts.ts
 * CONTENT_SCRIPTS): together they cover every shop URL, each URL exactly once, and on every fixture
 * page a script's adapters read the same snapshots as the full registry (lib/sites/index.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_SCRIPTS, FIRST_STAGES, fullRunnerFor, matchesAny, scriptsFor, SHOP_MATCHES } from '@/lib/core/hosts';
import { ADAPTERS, extractAll } from '@/lib/sites';
import { extractWith } from '@/lib/sites/extract';
import { jdItem, jdOrder } from '@/lib/sites/jd';
import { taobaoItem, taobaoOrder, taobaoTrack } from '@/lib/sites/taobao';
import { tmallItem, tmallOrder } from '@/lib/sites/tmall';
import { pddGoods, pddOrder } from '@/lib/sites/pdd';
import { trackingPage } from '@/lib/sites/tracking';
import { generic } from '@/lib/sites/generic';
import type { SiteAdapter } from '@/lib/sites/types';
import { sitePages } from '../site-pages';

const ROOT = join(__dirname, '../../..');
/** Scripts that stand beside a platform's own 价保 page (lib/content/claim-page.ts) read answers, not adapters. */
const claimScript = (n: string) =>
  readFileSync(join(ROOT, `entrypoints/${n}.content.ts`), 'utf8').includes('runClaimPage(ctx, [');
const names = Object.keys(CONTENT_SCRIPTS).filter((n) => !claimScript(n));
const BY_NAME: Record<string, SiteAdapter> = {
  jdItem,
  jdOrder,
  taobaoItem,
  taobaoOrder,
  taobaoTrack,
  tmallItem,
  tmallOrder,
  pddGoods,
  pddOrder,
  trackingPage,
  ...Object.fromEntries(ADAPTERS.map((a) => [a.id, a])),
  // The schema.org probe (lib/content/structured.ts) stands for the reader the background injects when the page has
  // such data; tests/unit/content/structured.test.ts checks that it asks on every page the reader reads.
  structuredProbe: generic,
};

/**
 * The adapters an entrypoint passes to runContentScript, read from its source; its matches come from
 * lib/core/hosts.ts. A first stage (lib/content/first-stage/runner.ts) reads what its full runner reads (tests/unit/content/first-stage/jd.test.ts
 * checks that its own answers are the full runner's): the adapters are the full runner's.
 */
function entryAdapters(name: string): SiteAdapter[] {
  const stage = readFileSync(join(ROOT, `entrypoints/${name}.content.ts`), 'utf8');
  const full = FIRST_STAGES[name];
  expect(
    stage.includes('runFirstLook('),
    `${name}: a first stage exactly when lib/core/hosts.ts FIRST_STAGES names it`,
  ).toBe(full !== undefined);
  const src = full ? readFileSync(join(ROOT, `entrypoints/${full}.content.ts`), 'utf8') : stage;
  if (full) {
    expect(src, `${full} is injected, not in the manifest`).toContain(`registration: 'runtime',`);
    expect(/matches: (\w+),/.exec(src)?.[1]).toBe(/matches: (\w+),/.exec(stage)?.[1]);
  }
  const opts = CONTENT_SCRIPTS[name];
  const matches = /matches: (\w+),/.exec(src)?.[1];
  const excludes = /excludeMatches: (\w+),/.exec(src)?.[1];
  expect(opts?.excludeMatches === undefined, `${name} excludeMatches`).toBe(excludes === undefined);
  expect(src).toContain(`import { ${[matches, excludes].filter(Boolean).join(', ')} } from '@/lib/core/hosts';`);
  const list = /runContentScript\(\s*ctx,\s*\[([^\]]*)\][,)]/.exec(src)?.[1] ?? '';
  return list.split(',').map((s) => {
    const a = BY_NAME[s.trim()];
    if (!a) throw new Error(`${name}: unknown adapter ${s}`);
    return a;
  });
}

const pages = sitePages();

describe('content scripts per shop family and page kind', () => {
  it('have an entrypoint each, with generic last', () => {
    for (const n of names) expect(entryAdapters(n).at(-1)?.id, n).toBe('generic');
  });

  const urls = [
    ...ADAPTERS.flatMap((a) => a.examples),
    ...pages.map((p) => p.url),
    'https://www.jd.com/',
    'https://shop.jd.com/cup',
    'https://www.taobao.com/',
    'https://shop123.taobao.com/index.htm',
    'https://cart.taobao.com/cart.htm',
    'https://www.tmall.com/',
    'https://mobile.yangkeduo.com/',
    'https://mobile.yangkeduo.com/goods_express.html?x=1',
    'https://mobile.yangkeduo.com/goods3.html?goods_id=1',
    'https://haohuo.jinritemai.com/',
    'https://live.douyin.com/731234567890',
    'https://www.douyin.com/video/7398765432109876543',
    'https://www.douyin.com/',
    'https://douyin.com/',
    'https://v.douyin.com/abc/',
    'https://pcsitepp-fm.jd.com/',
    'https://msitepp-fm.jd.com/rest/priceprophone/priceProPhoneMenu',
    'https://h5.m.jd.com/babelDiy/Zeus/2RePMzTqg6UoffvMwtwVeMcnPGeg/index.html?type=25',
    'https://h5.m.jd.com/babelDiy/Zeus/other/index.html',
    'https://trade.m.jd.com/order/orderlist_jdm.shtml?sceneval=2&orderType=all',
    'https://wqs.jd.com/order/orderlist_merge.shtml?sceneval=2',
    'https://trade.m.jd.com/',
    'https://main.m.taobao.com/olist/index.html?tabCode=all',
    'https://main.m.taobao.com/mytaobao/index.html',
  ];
  it.each(urls)('%s: one script when a shop URL, none otherwise', (url) => {
    const shop = matchesAny(SHOP_MATCHES, url);
    expect(scriptsFor(url)).toHaveLength(shop ? 1 : 0);
  });

  it('JD’s 价保 pages get the script that stands beside them, not the order readers', () => {
    expect(scriptsFor('https://pcsitepp-fm.jd.com/')).toEqual(['jd-claim']);
    expect(scriptsFor('https://h5.m.jd.com/babelDiy/Zeus/2RePMzTqg6UoffvMwtwVeMcnPGeg/index.html?type=25')).toEqual([
      'jd-claim',
    ]);
    expect(scriptsFor('https://h5.m.jd.com/babelDiy/Zeus/other/index.html')).toEqual(['jd']);
    expect(claimScript('jd-claim')).toBe(true);
  });

  it('JD’s H5 order pages get the script that reads the list’s own answers, not the desktop order readers', () => {
    expect(scriptsFor('https://trade.m.jd.com/order/orderlist_jdm.shtml?orderType=all')).toEqual(['jd-m-orders']);
    expect(scriptsFor('https://wqs.jd.com/order/orderlist_merge.shtml')).toEqual(['jd-m-orders']);
    expect(scriptsFor('https://trade.m.jd.com/')).toEqual(['jd']);
    expect(scriptsFor('https://details.jd.com/normal/item.action?orderid=1')).toEqual(['jd']);
  });

  it('Taobao’s H5 order list gets the script that reads the list’s own answers, not the desktop order readers', () => {
    expect(scriptsFor('https://main.m.taobao.com/olist/index.html?tabCode=all')).toEqual(['taobao-m-orders']);
    expect(scriptsFor('https://main.m.taobao.com/olist/')).toEqual(['taobao-m-orders']);
    expect(scriptsFor('https://main.m.taobao.com/mytaobao/index.html')).toEqual(['alibaba']);
    expect(scriptsFor('https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm')).toEqual(['alibaba']);
  });

  it.each(ADAPTERS.filter((a) => a.id !== 'generic').flatMap((a) => a.examples.map((e) => [e, a.id] as const)))(
    '%s: its script holds an adapter of %s that claims it',
    (url, id) => {
      const [name] = scriptsFor(url);
      if (!name) return;
      const a = entryAdapters(name).find((x) => x.matches(new URL(url)));
      expect(a?.id).toBe(id);
    },
  );

  it.each(pages.filter((c) => scriptsFor(c.url).length > 0))('$name: the script reads what the registry reads', (c) => {
    const doc = new DOMParser().parseFromString(c.html, 'text/html');
    const [name] = scriptsFor(c.url);
    expect(extractWith(entryAdapters(name as string), doc, c.url, c.now)).toEqual(extractAll(doc, c.url, c.now));
  });

  it('injects a full runner only into pages a first stage runs on', () => {
    expect(fullRunnerFor('https://item.jd.com/100012043978.html')).toBe('/content-scripts/jd-item-full.js');
    expect(fullRunnerFor('https://item.jd.com/cup')).toBe('/content-scripts/jd-item-full.js');
    for (const url of [
      'https://details.jd.com/normal/item.action?orderid=1',
      'https://item.taobao.com/item.htm?id=1',
      'https://example.com/',
      'chrome-extension://x/popup.html',
      'not a url',
      undefined,
    ]) {
      expect(fullRunnerFor(url), String(url)).toBeNull();
    }
  });

  it('falls back to schema.org on other pages of a shop host', () => {
    const html = `<html><head><script type="application/ld+json">{"@type":"Product","name":"杯子","sku":"C1","offers":{"price":"12.50","priceCurrency":"CNY"}}</script></head><body></body></html>`;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    for (const url of [
      'https://shop.jd.com/cup',
      'https://item.jd.com/cup',
      'https://shop1.taobao.com/cup',
      'https://mobile.yangkeduo.com/cup.html',
    ]) {
      const [name] = scriptsFor(url);
      const got = extractWith(entryAdapters(name as string), doc, url, 1);
      expect(got).toEqual(extractAll(doc, url, 1));
      expect(got[0], url).toMatchObject({ platform: 'generic', productId: 'C1', price: { amount: 1250 } });
    }
  });
});
