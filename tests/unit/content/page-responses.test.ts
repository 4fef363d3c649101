/**
 * The main-world hook (lib/content/page-responses/hook.ts): the page's own code sees the same fetch and XHR (body,
 * status, headers, errors, readyState and event order, toString/name/length, descriptors), a copy is made only for a
 * kept URL and only up to MAX_RESPONSE; the isolated side (listen.ts) takes only well-formed, bounded, kept responses.
 */
import { installHook } from '@/lib/content/page-responses/hook';
import { readDetail } from '@/lib/content/page-responses/listen';
import { startPageResponses } from '@/lib/content/page-responses/main';
import { DOUYIN_KEPT, MAX_RESPONSE, PDD_KEPT, REPLAY_EVENT, RESPONSE_EVENT } from '@/lib/content/page-responses/urls';

const KEPT = 'https://haohuo.jinritemai.com/aweme/v2/shop/promotion/pack/h5/?a=1';
const OTHER = 'https://haohuo.jinritemai.com/aweme/v1/other/';
const PAGE = 'https://haohuo.jinritemai.com/ecommerce/trade/detail/index.html?id=1';
const tick = () => new Promise((r) => setTimeout(r, 20));

/** A fetch answering from a table, with Node's real Response (a real body stream). */
function fakeFetch(table: Record<string, () => Response>) {
  return async function fetch(input: RequestInfo | URL): Promise<Response> {
    await Promise.resolve();
    const url = input instanceof Request ? input.url : String(input);
    const answer = table[url];
    if (!answer) throw new TypeError('Failed to fetch');
    return answer();
  };
}

/** An XHR that goes through readyState 1→2→3→4 and fires its events like a browser's. */
class FakeXHR extends EventTarget {
  static log: string[] = [];
  readyState = 0;
  status = 0;
  responseType: XMLHttpRequestResponseType = '';
  responseText = '';
  onreadystatechange: (() => void) | null = null;
  private url = '';
  open(_method: string, url: string) {
    this.url = new URL(url, PAGE).href;
    this.readyState = 1;
    this.fire('readystatechange');
  }
  send() {
    setTimeout(() => {
      for (const s of [2, 3, 4]) {
        this.readyState = s;
        if (s === 4) {
          this.status = this.url === KEPT ? 200 : 404;
          this.responseText = this.url === KEPT ? '{"ok":1}' : 'nope';
        }
        this.fire('readystatechange');
      }
      this.fire('load');
      this.fire('loadend');
    }, 1);
  }
  get response(): unknown {
    return this.responseType === 'json' ? (JSON.parse(this.responseText) as unknown) : this.responseText;
  }
  private fire(type: string) {
    if (type === 'readystatechange') this.onreadystatechange?.();
    this.dispatchEvent(new Event(type));
  }
}

function page(table: Record<string, () => Response>) {
  // Like a browser's: open and send are the prototype's own (enumerable, writable, configurable).
  const X = class extends FakeXHR {};
  for (const k of ['open', 'send'] as const)
    Object.defineProperty(X.prototype, k, {
      value: FakeXHR.prototype[k],
      writable: true,
      enumerable: true,
      configurable: true,
    });
  const win = {
    fetch: fakeFetch(table),
    XMLHttpRequest: X as unknown as typeof XMLHttpRequest,
    location: { href: PAGE },
    Request,
    URL,
    TextDecoder,
  };
  const posted: [string, number, string][] = [];
  return { win, posted, post: (u: string, s: number, t: string) => void posted.push([u, s, t]) };
}

const table = {
  [KEPT]: () => new Response('{"promotion_h5":{}}', { status: 200, headers: { 'x-a': 'b' } }),
  [OTHER]: () => new Response('secret', { status: 201 }),
  'https://haohuo.jinritemai.com/aweme/v2/shop/promotion/pack/h5/?big': () =>
    new Response('x'.repeat(MAX_RESPONSE + 1)),
  'https://haohuo.jinritemai.com/aweme/v2/shop/promotion/pack/h5/?err': () => new Response('no', { status: 500 }),
};

describe('the fetch wrapper', () => {
  it('keeps the function looking native: name, length, toString, descriptor', () => {
    const { win, post } = page(table);
    const before = Object.getOwnPropertyDescriptor(win, 'fetch');
    const orig = win.fetch;
    installHook(win as never, post, DOUYIN_KEPT);
    expect(win.fetch).not.toBe(orig);
    expect(win.fetch.name).toBe(orig.name);
    expect(win.fetch.length).toBe(orig.length);
    // A Proxy of the browser's native fetch reads as native code, as the original does (here a plain function).
    expect(Function.prototype.toString.call(win.fetch)).toMatch(/\[native code\]/);
    const after = Object.getOwnPropertyDescriptor(win, 'fetch');
    expect({ ...after, value: 0 }).toEqual({ ...before, value: 0 });
  });

  it('the page gets the same body, status and headers; a copy of a kept URL only', async () => {
    const plain = page(table);
    const hooked = page(table);
    installHook(hooked.win as never, hooked.post, DOUYIN_KEPT);
    for (const url of [KEPT, OTHER]) {
      const [a, b] = await Promise.all([plain.win.fetch(url), hooked.win.fetch(new Request(url))]);
      expect(b).toBeInstanceOf(Response);
      expect([b.status, b.headers.get('x-a'), b.bodyUsed]).toEqual([a.status, a.headers.get('x-a'), false]);
      expect(await b.text()).toBe(await a.text());
    }
    await tick();
    expect(hooked.posted).toEqual([[KEPT, 200, '{"promotion_h5":{}}']]);
  });

  it('a site’s page keeps only its own site’s responses (a Pinduoduo page copies no Douyin answer)', async () => {
    const { win, post, posted } = page(table);
    installHook(win as never, post, PDD_KEPT);
    await win.fetch(KEPT);
    await tick();
    expect(posted).toEqual([]);
  });

  it('rejects exactly as before, and keeps nothing over the bound', async () => {
    const { win, post, posted } = page(table);
    installHook(win as never, post, DOUYIN_KEPT);
    const err = await win.fetch('https://haohuo.jinritemai.com/aweme/v2/shop/promotion/pack/h5/?none').catch((e) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toBe('Failed to fetch');
    const big = await win.fetch('https://haohuo.jinritemai.com/aweme/v2/shop/promotion/pack/h5/?big');
    expect((await big.text()).length).toBe(MAX_RESPONSE + 1);
    await tick();
    expect(posted).toEqual([]);
  });

  it('hands over error statuses too (the isolated side drops them)', async () => {
    const { win, post, posted } = page(table);
    installHook(win as never, post, DOUYIN_KEPT);
    await win.fetch('https://haohuo.jinritemai.com/aweme/v2/shop/promotion/pack/h5/?err');
    await tick();
    expect(posted.map((p) => p[1])).toEqual([500]);
  });
});

describe('the XHR wrapper', () => {
  async function run(win: { XMLHttpRequest: typeof XMLHttpRequest }, url: string) {
    const log: string[] = [];
    const x = new win.XMLHttpRequest();
    x.onreadystatechange = () => log.push(`rsc${x.readyState}`);
    for (const t of ['load', 'loadend', 'readystatechange']) x.addEventListener(t, () => log.push(t));
    x.open('POST', url);
    x.send();
    await tick();
    return { log, status: x.status, text: x.responseText };
  }

  it('readyState, events and their order, status and text unchanged; a copy of a kept URL only', async () => {
    const plain = page(table);
    const hooked = page(table);
    const proto = hooked.win.XMLHttpRequest.prototype;
    const open = proto.open;
    installHook(hooked.win as never, hooked.post, DOUYIN_KEPT);
    expect(proto.open).not.toBe(open);
    expect(Function.prototype.toString.call(proto.open)).toMatch(/\[native code\]/);
    expect([proto.open.name, proto.open.length]).toEqual([open.name, open.length]);
    for (const url of [KEPT, OTHER]) expect(await run(hooked.win, url)).toEqual(await run(plain.win, url));
    expect(hooked.posted).toEqual([[KEPT, 200, '{"ok":1}']]);
  });

  it('a json responseType is handed over as text', async () => {
    const { win, post, posted } = page(table);
    installHook(win as never, post, DOUYIN_KEPT);
    const x = new win.XMLHttpRequest();
    x.responseType = 'json';
    x.open('GET', '/aweme/v2/shop/promotion/pack/h5/?a=1');
    x.send();
    await tick();
    expect(posted).toEqual([[KEPT, 200, '{"ok":1}']]);
  });
});

describe('main world → isolated', () => {
  it('sends each kept response as a JSON string event, and again on replay', async () => {
    const { win } = page(table);
    const fake = { ...win, document, CustomEvent } as unknown as Window & typeof globalThis;
    startPageResponses(fake, DOUYIN_KEPT);
    const got: unknown[] = [];
    const on = (e: Event) => got.push((e as CustomEvent<unknown>).detail);
    document.addEventListener(RESPONSE_EVENT, on);
    await fake.fetch(KEPT);
    await tick();
    document.dispatchEvent(new CustomEvent(REPLAY_EVENT));
    document.removeEventListener(RESPONSE_EVENT, on);
    expect(got).toHaveLength(2);
    expect(got[0]).toBe(got[1]);
    expect(readDetail(got[0], DOUYIN_KEPT)).toEqual({ url: KEPT, body: { promotion_h5: {} } });
  });
});

describe('readDetail: what the page hands over is page content', () => {
  const ok = (o: Record<string, unknown>) => JSON.stringify({ u: KEPT, s: 200, t: '{"a":1}', ...o });
  it.each([
    ['an object, not a string', { u: KEPT, s: 200, t: '{}' }],
    ['not JSON', '{'],
    ['an array', '[]'],
    ['a URL not on the list', ok({ u: OTHER })],
    ['a URL of another host', ok({ u: 'https://evil.example/aweme/v2/shop/promotion/pack/h5/' })],
    ['an error status', ok({ s: 500 })],
    ['a status as text', ok({ s: '200' })],
    ['a text over the bound', ok({ t: `"${'x'.repeat(MAX_RESPONSE)}"` })],
    ['a text that is no JSON', ok({ t: '<html>' })],
    ['a text of the wrong type', ok({ t: { a: 1 } })],
  ])('%s: ignored', (_n, detail) => {
    expect(readDetail(detail, DOUYIN_KEPT)).toBeNull();
  });
  it('a URL kept for another site is not read by this site’s script', () => {
    expect(readDetail(ok({}), DOUYIN_KEPT)?.url).toBe(KEPT);
    expect(readDetail(ok({}), PDD_KEPT)).toBeNull();
  });
  it('a well-formed one is read, __proto__ stays a plain key', () => {
    const r = readDetail(ok({ t: '{"__proto__":{"x":1}}' }), DOUYIN_KEPT);
    expect(r?.url).toBe(KEPT);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
