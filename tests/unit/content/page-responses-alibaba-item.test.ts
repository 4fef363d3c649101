/**
 * Taobao/Tmall phone product pages (ALIBABA_M_ITEM hosts): their main-world script keeps the item's own mtop detail
 * answer and nothing else (ALIBABA_M_ITEM_KEPT); the desktop product pages get no main-world script; the answers of
 * the fixtures are the reader's (alibabaMobileItemResponses) and are kept, JSONP included.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ALIBABA_ITEM, ALIBABA_M_ITEM, CONTENT_SCRIPTS, PAGE_RESPONSE_SCRIPTS } from '@/lib/core/hosts';
import { installJsonp } from '@/lib/content/page-responses/jsonp';
import { ALIBABA_M_ITEM_KEPT, keptBy } from '@/lib/content/page-responses/urls';
import { alibabaMobileItemResponses } from '@/lib/sites/alibaba-m-response';

const DIR = join(__dirname, '../../fixtures/responses/taobao-m-item');
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { url: string; page: string });

it('keeps every fixture’s detail answer (taobao and tmall hosts, data.get and getdetail), and each is the reader’s', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(5);
  for (const f of fixtures) {
    expect(keptBy(ALIBABA_M_ITEM_KEPT, f.url), f.url).toBe(true);
    expect(alibabaMobileItemResponses.matches(new URL(f.url), new URL(f.page)), f.url).toBe(true);
  }
});

it('keeps nothing else: another mtop api, another host, a look-alike path', () => {
  for (const url of [
    'https://h5api.m.taobao.com/h5/mtop.taobao.detail.getdesc/6.0/?data=%7B%7D',
    'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/?data=%7B%7D',
    'https://h5api.m.taobao.com.evil.example/h5/mtop.taobao.detail.data.get/1.0/',
    'https://evil.example/h5api.m.taobao.com/h5/mtop.taobao.detail.data.get/1.0/',
    'http://h5api.m.taobao.com/h5/mtop.taobao.detail.data.get/1.0/',
    'https://h5api.m.taobao.com/h5/mtop.taobao.detail.data.get.x/1.0/',
  ])
    expect(keptBy(ALIBABA_M_ITEM_KEPT, url), url).toBe(false);
});

it('runs the main-world script on the phone product hosts only (the desktop pages carry their data)', () => {
  expect(PAGE_RESPONSE_SCRIPTS['alibaba-item-main']).toBe('alibaba-item');
  expect(ALIBABA_M_ITEM).toEqual([
    '*://h5.m.taobao.com/*',
    '*://main.m.taobao.com/detail/*',
    '*://detail.m.tmall.com/*',
  ]);
  for (const m of ALIBABA_M_ITEM) expect(ALIBABA_ITEM).toContain(m);
  expect(ALIBABA_M_ITEM).not.toContain('*://item.taobao.com/*');
  expect(CONTENT_SCRIPTS['alibaba-item']?.matches).toEqual(ALIBABA_ITEM);
});

it('a JSONP detail answer on a phone product page reaches the reader, and the page’s callback still gets it', async () => {
  const doc = document.implementation.createHTMLDocument('detail');
  const win = { document: doc, MutationObserver, URL } as unknown as Record<string, unknown> &
    Parameters<typeof installJsonp>[0];
  const posted: string[] = [];
  installJsonp(win, (u, _s, t) => void posted.push(`${u} ${t.length}`), ALIBABA_M_ITEM_KEPT);
  const seen: unknown[] = [];
  win.mtopjsonp2 = (res: unknown) => void seen.push(res);
  const url = fixtures.find((f) => f.url.includes('callback=mtopjsonp2'))!.url;
  const s = doc.createElement('script');
  s.setAttribute('type', 'text/x-not-run');
  s.setAttribute('src', url);
  doc.head.appendChild(s);
  await new Promise((r) => setTimeout(r, 0));
  (win.mtopjsonp2 as (r: unknown) => void)({ ret: ['SUCCESS::调用成功'], data: { item: { itemId: '1' } } });
  expect(seen).toEqual([{ ret: ['SUCCESS::调用成功'], data: { item: { itemId: '1' } } }]);
  expect(posted).toHaveLength(1);
  expect(posted[0]!.startsWith(url)).toBe(true);
});
