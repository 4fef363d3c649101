/**
 * The main-world JSONP capture (lib/content/page-responses/jsonp.ts): a kept `<script src=…&callback=mtopjsonpN>`
 * inserted by the page gets its `window[callback]` wrapped once; the page's callback receives the same arguments and
 * `this` and its result is returned; a copy (JSON, bounded) is posted; hostile names, other scripts and our own
 * failures leave the page alone. And the isolated side reads a JSONP text an XHR may return (listen.ts).
 */
import { installJsonp } from '@/lib/content/page-responses/jsonp';
import { readDetail } from '@/lib/content/page-responses/listen';
import { unwrapJsonp } from '@/lib/sites/json';
import { startPageResponses } from '@/lib/content/page-responses/main';
import { MAX_RESPONSE, RESPONSE_EVENT, TAOBAO_M_KEPT, keptUrl } from '@/lib/content/page-responses/urls';

const API = 'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/';
const src = (cb: string, api = API) =>
  `${api}?jsv=2.7.2&appKey=12574478&api=mtop.taobao.order.queryboughtlistv2&v=1.0&type=jsonp&dataType=jsonp&callback=${encodeURIComponent(cb)}&data=%7B%7D`;
const tick = () => new Promise((r) => setTimeout(r, 0));

function page() {
  const doc = document.implementation.createHTMLDocument('olist');
  const win = { document: doc, MutationObserver, URL } as unknown as Record<string, unknown> & {
    document: Document;
    MutationObserver: typeof MutationObserver;
    URL: typeof URL;
  };
  const posted: [string, number, string][] = [];
  installJsonp(win, (u, s, t) => void posted.push([u, s, t]), TAOBAO_M_KEPT);
  /** What mtop's lib does: the callback first, then the script (its src never loads here: no network in tests). */
  const insert = (url: string) => {
    const s = doc.createElement('script');
    s.setAttribute('type', 'text/x-not-run');
    s.setAttribute('src', url);
    doc.head.appendChild(s);
    return s;
  };
  const call = (cb: string, thisArg: unknown, ...args: unknown[]) =>
    Reflect.apply(win[cb] as (...a: unknown[]) => unknown, thisArg, args);
  return { win, posted, insert, call };
}

describe('the JSONP capture', () => {
  it('wraps a kept script’s callback: the page’s function gets the same this and arguments, its result is returned', async () => {
    const { win, posted, insert, call } = page();
    const got: unknown[] = [];
    const orig = function (this: unknown, ...args: unknown[]) {
      got.push(this, ...args);
      return 'page result';
    };
    win.mtopjsonp1 = orig;
    const url = src('mtopjsonp1');
    insert(url);
    await tick();
    expect(win.mtopjsonp1).not.toBe(orig);
    expect((win.mtopjsonp1 as { name: string }).name).toBe('orig');
    const data = { api: 'mtop.taobao.order.queryboughtlistv2', ret: ['SUCCESS::调用成功'], data: { data: {} } };
    const self = { me: 1 };
    expect(call('mtopjsonp1', self, data, 'second')).toBe('page result');
    expect(got).toEqual([self, data, 'second']);
    expect(got[1]).toBe(data);
    expect(posted).toEqual([[url, 200, JSON.stringify(data)]]);
    expect(keptUrl(url)).toBe(true);
  });

  it('wraps once, however many scripts name the callback', async () => {
    const { win, posted, insert, call } = page();
    win.mtopjsonp2 = () => 1;
    insert(src('mtopjsonp2'));
    await tick();
    const first = win.mtopjsonp2;
    insert(src('mtopjsonp2'));
    await tick();
    expect(win.mtopjsonp2).toBe(first);
    call('mtopjsonp2', undefined, { a: 1 });
    expect(posted).toHaveLength(1);
  });

  it.each([
    ['a dotted name', 'a.b'],
    ['a name starting with a digit', '1abc'],
    ['a name too long', 'x'.repeat(65)],
    ['markup', '<img src=x>'],
    ['an inherited member', 'constructor'],
    ['__proto__', '__proto__'],
    ['no name', ''],
  ])('hostile callback (%s): nothing wrapped, nothing posted', async (_what, cb) => {
    const { win, posted, insert } = page();
    const before = Object.getOwnPropertyNames(win).sort();
    insert(src(cb));
    await tick();
    expect(Object.getOwnPropertyNames(win).sort()).toEqual(before);
    expect(posted).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a script off the kept list is not looked at: its callback stays the page’s', async () => {
    const { win, posted, insert, call } = page();
    const orig = () => 'x';
    win.mtopjsonp3 = orig;
    insert(src('mtopjsonp3', 'https://h5api.m.taobao.com/h5/mtop.taobao.mclaren.index.data.get.h5/1.0/'));
    insert(src('mtopjsonp3', 'https://evil.example/h5/mtop.taobao.order.queryboughtlistv2/1.0/'));
    await tick();
    expect(win.mtopjsonp3).toBe(orig);
    call('mtopjsonp3', undefined, { a: 1 });
    expect(posted).toEqual([]);
  });

  it('a callback that is not a function when its script is inserted (or not writable) is left alone', async () => {
    const { win, posted, insert, call } = page();
    insert(src('mtopjsonp4'));
    await tick();
    win.mtopjsonp4 = () => 'late';
    expect(call('mtopjsonp4', undefined, { a: 1 })).toBe('late');
    const fixed = () => 'fixed';
    Object.defineProperty(win, 'mtopjsonp5', { value: fixed, writable: false, configurable: true });
    insert(src('mtopjsonp5'));
    await tick();
    expect(win.mtopjsonp5).toBe(fixed);
    expect(posted).toEqual([]);
  });

  it('our failures are swallowed: an argument JSON cannot spell still reaches the page, unchanged', async () => {
    const { win, posted, insert, call } = page();
    const seen: unknown[] = [];
    win.mtopjsonp6 = (d: unknown) => (seen.push(d), 'ok');
    insert(src('mtopjsonp6'));
    await tick();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(call('mtopjsonp6', undefined, circular)).toBe('ok');
    expect(call('mtopjsonp6', undefined, { n: 10n })).toBe('ok');
    expect(seen[0]).toBe(circular);
    expect(posted).toEqual([]);
  });

  it('the page’s own throw goes to the page, as before', async () => {
    const { win, insert, call } = page();
    const boom = new Error('page');
    win.mtopjsonp7 = () => {
      throw boom;
    };
    insert(src('mtopjsonp7'));
    await tick();
    expect(() => call('mtopjsonp7', undefined, {})).toThrow(boom);
  });

  it('a copy over MAX_RESPONSE is dropped; the page still gets it', async () => {
    const { win, posted, insert, call } = page();
    let len = 0;
    win.mtopjsonp8 = (d: { s: string }) => (len = d.s.length);
    insert(src('mtopjsonp8'));
    await tick();
    call('mtopjsonp8', undefined, { s: 'x'.repeat(MAX_RESPONSE) });
    expect(len).toBe(MAX_RESPONSE);
    expect(posted).toEqual([]);
  });

  it('is installed only when the site’s entrypoint asks for it', async () => {
    const doc = document.implementation.createHTMLDocument('olist');
    const base = {
      document: doc,
      MutationObserver,
      URL,
      CustomEvent,
      location: { href: 'https://main.m.taobao.com/' },
    };
    const got: unknown[] = [];
    doc.addEventListener(RESPONSE_EVENT, (e) => got.push((e as CustomEvent<unknown>).detail));
    for (const also of [[], [installJsonp]]) {
      const win = { ...base } as unknown as Window & typeof globalThis & Record<string, unknown>;
      startPageResponses(win, TAOBAO_M_KEPT, also);
      win.mtopjsonp9 = () => undefined;
      const s = doc.createElement('script');
      s.setAttribute('type', 'text/x-not-run');
      s.setAttribute('src', src('mtopjsonp9'));
      doc.head.appendChild(s);
      await tick();
      (win.mtopjsonp9 as (d: unknown) => void)({ n: also.length });
    }
    expect(got).toHaveLength(1);
    expect(readDetail(got[0], TAOBAO_M_KEPT)).toEqual({ url: src('mtopjsonp9'), body: { n: 1 } });
  });
});

describe('readDetail: a JSONP text', () => {
  const detail = (t: string) => JSON.stringify({ u: src('mtopjsonp3'), s: 200, t });
  it.each([
    ['mtopjsonp3({"a":1})', { a: 1 }],
    [' mtopjsonp3( {"a":1} );\n', { a: 1 }],
    ['$_cb({"ret":["SUCCESS::调用成功"]})', { ret: ['SUCCESS::调用成功'] }],
  ])('%j is read as the JSON inside its one call', (t, body) => {
    expect(readDetail(detail(t), TAOBAO_M_KEPT)?.body).toEqual(body);
  });
  it.each([
    'alert(1)//',
    'a.b({"a":1})',
    'f({"a":1}',
    'f()',
    'f({"a":1})g()',
    'f({"a":1})(2)',
    `${'x'.repeat(65)}({"a":1})`,
    '<script>f({"a":1})</script>',
  ])('%j is not', (t) => {
    expect(readDetail(detail(t), TAOBAO_M_KEPT)).toBeNull();
  });
  it('a long run of spaces is cheap', () => {
    const t = `f(${' '.repeat(400_000)}`;
    const start = performance.now();
    expect(unwrapJsonp(t)).toBeNull();
    expect(performance.now() - start).toBeLessThan(500);
  });
});
