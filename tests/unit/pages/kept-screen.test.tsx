/**
 * The popup's kept first screen (lib/pages/kept-screen.ts): what the popup keeps after a render with data, what
 * the classic painter paints from it (text only, marked as the last screen), what it refuses to paint, and how the
 * popup replaces it with live data (entrypoints/popup/mount.tsx).
 */
import { render, waitFor } from '@testing-library/preact';
import { createPopupActionsMock, SAMPLE_POPUP_DATA } from '@/components/popup/actions.mock';
import type { PopupData } from '@/components/popup/actions';
import { PopupApp } from '@/components/popup/PopupApp';
import { KEPT_SCREEN_KEY } from '@/lib/core/storage-keys';
import {
  KEPT_ROWS,
  KEPT_SCREEN_ID,
  KEPT_SCREEN_MAX_CHARS,
  KEPT_SCREEN_VERSION,
  type KeptScreen,
  clearKeptScreen,
  describeScreen,
  keepScreen,
  paintStoredScreen,
  startPopupModules,
} from '@/lib/pages/kept-screen';
import { mountPopup } from '@/entrypoints/popup/mount';

const HOSTILE = '<img src=x onerror="globalThis.pwned=1"><script>globalThis.pwned=2</script>';
const NAV = 'zh-CN';

/** A localStorage of our own. */
function store(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init));
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    m,
  };
}

const kept = (over: Partial<KeptScreen> = {}): KeptScreen => ({
  v: KEPT_SCREEN_VERSION,
  at: Date.UTC(2026, 10, 22, 4, 0),
  lang: 'zh-CN',
  nav: NAV,
  title: '购物留证',
  note: '正在更新…',
  sections: [
    {
      h: '我的订单',
      list: 'orders',
      rows: [
        [
          { g: 'span', c: 'order__title', k: [HOSTILE] },
          {
            g: 'div',
            c: 'order__meta',
            k: [
              { g: 'span', c: 'chip', k: ['京东'] },
              { g: 'strong', k: ['¥89.90'] },
            ],
          },
          { g: 'div', c: 'bar', k: [{ g: 'div', c: 'bar__fill', w: 40 }] },
        ],
      ],
    },
    { h: '需要处理的提醒', empty: '暂无提醒' },
  ],
  ...over,
});

function page(): Document {
  document.body.innerHTML = '<div id="app"></div>';
  return document;
}

const paint = (value: unknown, nav = NAV) =>
  paintStoredScreen(
    page(),
    () => store({ [KEPT_SCREEN_KEY]: typeof value === 'string' ? value : JSON.stringify(value) }),
    nav,
  );

afterEach(() => {
  document.body.innerHTML = '';
  delete (globalThis as { pwned?: number }).pwned;
});

describe('kept screen painter', () => {
  it('paints a valid kept screen after #app: rows with their texts, marked busy, inert, never live rows', () => {
    expect(paint(kept())).toBe(true);
    const root = document.getElementById(KEPT_SCREEN_ID)!;
    expect(root.previousElementSibling?.id).toBe('app');
    expect(root.getAttribute('aria-busy')).toBe('true');
    expect(root.hasAttribute('inert')).toBe(true);
    expect(root.lang).toBe('zh-CN');
    expect(root.querySelector('.kept__note')?.textContent).toBe('正在更新…');
    expect(root.querySelector('.kept__h1')?.textContent).toBe('购物留证');
    expect([...root.querySelectorAll('.kept__h2')].map((h) => h.textContent)).toEqual(['我的订单', '需要处理的提醒']);
    expect(root.querySelectorAll('.kept__row.kept__row--order')).toHaveLength(1);
    expect(root.querySelector('.order__meta .chip')?.textContent).toBe('京东');
    expect((root.querySelector('.bar__fill') as HTMLElement).style.width).toBe('40%');
    expect(root.querySelector('.empty')?.textContent).toBe('暂无提醒');
    // Nothing a test or the bench waiting for live rows could take for one, nothing to act on, no headings.
    expect(document.querySelectorAll('li, .order, .alert, .product, button, a, input, h1, h2')).toHaveLength(0);
  });

  it('writes a hostile stored string as text: no element, no script, no handler', () => {
    expect(paint(kept({ title: HOSTILE, note: HOSTILE }))).toBe(true);
    const root = document.getElementById(KEPT_SCREEN_ID)!;
    expect(root.querySelector('.order__title')?.textContent).toBe(HOSTILE);
    expect(root.querySelector('.kept__h1')?.textContent).toBe(HOSTILE);
    expect(document.querySelectorAll('img, script')).toHaveLength(0);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it('keeps only plain classes, and never a live row class', () => {
    const k = kept();
    k.sections[0]!.rows = [[{ g: 'span', c: 'order product alert price" onclick="x kept__x', k: ['¥1'] }]];
    expect(paint(k)).toBe(true);
    const span = document.querySelector(`#${KEPT_SCREEN_ID} .kept__row span`)!;
    expect(span.className).toBe('kept__x');
    expect(span.getAttribute('onclick')).toBeNull();
  });

  const refused: [string, unknown][] = [
    ['no JSON', '{"v":1,'],
    ['not an object', '[1,2]'],
    ['another version', kept({ v: 2 as typeof KEPT_SCREEN_VERSION })],
    ['no version', { ...kept(), v: undefined }],
    ['another language', kept({ lang: 'fr' as 'en' })],
    ['a time that is not a number', { ...kept(), at: 'yesterday' }],
    ['an unknown tag', kept({ sections: [{ h: 'x', list: 'orders', rows: [[{ g: 'img' as 'span' }]] }] })],
    ['an unknown list', kept({ sections: [{ h: 'x', list: 'users' as 'orders', rows: [['a']] }] })],
    ['a width out of range', kept({ sections: [{ h: 'x', list: 'orders', rows: [[{ g: 'div', w: 1e9 }]] }] })],
    ['a text too long', kept({ sections: [{ h: 'x', list: 'orders', rows: [['x'.repeat(5000)]] }] })],
    [
      'too many rows',
      kept({ sections: [{ h: 'x', list: 'orders', rows: Array.from({ length: KEPT_ROWS + 1 }, () => ['a']) }] }),
    ],
    [
      'nesting too deep',
      kept({
        sections: [
          {
            h: 'x',
            list: 'orders',
            rows: [
              [
                {
                  g: 'div',
                  k: [
                    {
                      g: 'div',
                      k: [
                        {
                          g: 'div',
                          k: [{ g: 'div', k: [{ g: 'div', k: [{ g: 'div', k: [{ g: 'div', k: ['a'] }] }] }] }],
                        },
                      ],
                    },
                  ],
                },
              ],
            ],
          },
        ],
      }),
    ],
    ['no rows at all', kept({ sections: [{ h: 'x', empty: 'nothing' }] })],
    ['oversized', { ...kept(), pad: 'x'.repeat(KEPT_SCREEN_MAX_CHARS) }],
  ];
  it.each(refused)('paints nothing, and does not throw, for %s', (_what, value) => {
    expect(paint(value)).toBe(false);
    expect(document.getElementById(KEPT_SCREEN_ID)).toBeNull();
    expect(document.body.children).toHaveLength(1);
  });

  it('paints nothing when nothing is kept, under another browser language, or without storage', () => {
    expect(paintStoredScreen(page(), () => store(), NAV)).toBe(false);
    expect(paint(kept(), 'en-US')).toBe(false);
    expect(
      paintStoredScreen(
        page(),
        () => {
          throw new DOMException('denied', 'SecurityError');
        },
        NAV,
      ),
    ).toBe(false);
    expect(document.getElementById(KEPT_SCREEN_ID)).toBeNull();
  });
});

const withRows: PopupData = {
  ...SAMPLE_POPUP_DATA,
  orders: SAMPLE_POPUP_DATA.orders.map((o) => ({ ...o, title: HOSTILE })),
};

describe('keeping the popup’s first screen', () => {
  it('keeps what the live popup shows after its data is in, and paints it back as text', async () => {
    let shown: { main: HTMLElement; lang: string; note: string } | undefined;
    render(
      <PopupApp
        actions={createPopupActionsMock(withRows)}
        lang="zh-CN"
        onShown={(main, s) => (shown = { main, ...s })}
      />,
    );
    await waitFor(() => expect(shown).toBeDefined());
    expect(shown!.note).toBe('正在更新…');
    const s = store();
    keepScreen(shown!.main, { lang: 'zh-CN', note: shown!.note }, { store: () => s, nav: NAV, now: 1, fold: 600 });
    const raw = s.getItem(KEPT_SCREEN_KEY)!;
    expect(raw.length).toBeLessThanOrEqual(KEPT_SCREEN_MAX_CHARS);
    const k = JSON.parse(raw) as KeptScreen;
    expect(k).toMatchObject({ v: KEPT_SCREEN_VERSION, lang: 'zh-CN', nav: NAV, at: 1, note: '正在更新…' });
    expect(k.sections.map((x) => x.list)).toEqual(['alerts', 'orders', 'products']);
    // Visible text only: no buttons' labels, no visually hidden text.
    expect(raw).not.toContain('生成投诉');
    // Nor a link styled as a button (the platform's 价保 page).
    const claim = document.querySelector('.alert__claim')?.textContent;
    expect(claim).toBeTruthy();
    expect(raw).not.toContain(claim!);
    expect(raw).not.toContain('最新价格');
    const liveTitles = [...document.querySelectorAll('li.order .order__title')].map((e) => e.textContent);
    document.body.innerHTML = '';
    expect(paintStoredScreen(page(), () => s, NAV)).toBe(true);
    const root = document.getElementById(KEPT_SCREEN_ID)!;
    expect([...root.querySelectorAll('.order__title')].map((e) => e.textContent)).toEqual(liveTitles);
    expect(root.querySelectorAll('.kept__row--alert')).toHaveLength(1);
    expect(root.querySelectorAll('.kept__row--product')).toHaveLength(1);
    // The thumbnail keeps its place, empty.
    expect(root.querySelector('.kept__row--product > .thumb.thumb--empty')?.childNodes).toHaveLength(0);
    expect(document.querySelectorAll('img, button, a, li')).toHaveLength(0);
  });

  it('keeps at most the first screen’s rows, within the size', () => {
    const many: PopupData = {
      ...SAMPLE_POPUP_DATA,
      orders: Array.from({ length: 40 }, (_, i) => ({
        ...SAMPLE_POPUP_DATA.orders[0]!,
        key: `order:jd:${i}`,
        orderId: String(i),
        title: '很长的标题'.repeat(100),
      })),
    };
    let main: HTMLElement | undefined;
    render(<PopupApp actions={createPopupActionsMock(many)} lang="en" onShown={(m) => (main = m)} />);
    return waitFor(() => expect(main).toBeDefined()).then(() => {
      const k = describeScreen(main!, { lang: 'en', nav: NAV, note: 'Updating…', at: 1, fold: 600 })!;
      expect(k.sections.flatMap((s) => s.rows ?? []).length).toBeLessThanOrEqual(KEPT_ROWS);
      expect(JSON.stringify(k).length).toBeLessThanOrEqual(KEPT_SCREEN_MAX_CHARS);
    });
  });

  it('forgets the kept screen when the popup shows no rows, and when told to', async () => {
    let main: HTMLElement | undefined;
    const empty: PopupData = { ...SAMPLE_POPUP_DATA, orders: [], alerts: [], products: [] };
    render(<PopupApp actions={createPopupActionsMock(empty)} lang="zh-CN" onShown={(m) => (main = m)} />);
    await waitFor(() => expect(main).toBeDefined());
    const s = store({ [KEPT_SCREEN_KEY]: JSON.stringify(kept()) });
    keepScreen(main!, { lang: 'zh-CN', note: '' }, { store: () => s, nav: NAV, now: 1, fold: 600 });
    expect(s.m.has(KEPT_SCREEN_KEY)).toBe(false);
    s.setItem(KEPT_SCREEN_KEY, '{}');
    clearKeptScreen(() => s);
    expect(s.m.has(KEPT_SCREEN_KEY)).toBe(false);
  });
});

describe('the popup replacing its kept screen', () => {
  it('shows only the kept screen until the data is in, then only the live rows, and keeps them again', async () => {
    localStorage.setItem(KEPT_SCREEN_KEY, JSON.stringify(kept({ nav: navigator.language })));
    let release: ((d: PopupData) => void) | undefined;
    const actions = createPopupActionsMock(SAMPLE_POPUP_DATA, {
      load: () => new Promise<PopupData>((r) => (release = r)),
    });
    expect(paintStoredScreen(page(), () => localStorage, navigator.language)).toBe(true);
    mountPopup(actions);
    // The live popup renders nothing of its own while the kept screen stands in for its loading state.
    expect(document.getElementById(KEPT_SCREEN_ID)).not.toBeNull();
    await waitFor(() => expect(release).toBeDefined());
    expect(document.querySelector('main.popup')).toBeNull();
    expect(document.getElementById(KEPT_SCREEN_ID)).not.toBeNull();
    release!(SAMPLE_POPUP_DATA);
    await waitFor(() => expect(document.querySelectorAll('li.order')).toHaveLength(1));
    expect(document.getElementById(KEPT_SCREEN_ID)).toBeNull();
    // …and the live screen is kept for the next open.
    await waitFor(() =>
      expect((JSON.parse(localStorage.getItem(KEPT_SCREEN_KEY)!) as KeptScreen).sections[1]?.rows?.length).toBe(1),
    );
    localStorage.removeItem(KEPT_SCREEN_KEY);
  });
});

describe('starting the popup’s modules from the painter', () => {
  afterEach(() => {
    for (const e of document.head.querySelectorAll('link[rel="modulepreload"], script[type="module"]')) e.remove();
  });

  it('adds the preloads and the module entry its tag names, chunk paths only', () => {
    const tag = document.createElement('script');
    tag.setAttribute('data-entry', '/chunks/popup-abc.js');
    tag.setAttribute('data-preload', '/chunks/a-1.js https://evil.example/x.js /chunks/b-2.js javascript:alert(1)');
    startPopupModules(document, tag);
    expect([...document.head.querySelectorAll('link[rel="modulepreload"]')].map((l) => l.getAttribute('href'))).toEqual(
      ['/chunks/a-1.js', '/chunks/b-2.js'],
    );
    const entry = document.head.querySelector('script[type="module"]');
    expect(entry?.getAttribute('src')).toBe('/chunks/popup-abc.js');
  });

  it('does nothing without an entry (wxt dev keeps the module script in the HTML) or with another path', () => {
    startPopupModules(document, null);
    startPopupModules(document, document.createElement('script'));
    const other = document.createElement('script');
    other.setAttribute('data-entry', 'https://evil.example/popup.js');
    startPopupModules(document, other);
    expect(document.head.querySelectorAll('link[rel="modulepreload"], script[type="module"]')).toHaveLength(0);
  });
});
