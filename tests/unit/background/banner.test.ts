/**
 * Alerts on a phone, where notifications do not show: what a notification would have said waits in `meta` and is
 * painted as a banner in the next shop page (lib/background/banner.ts, banner-paint.ts); a tap opens the alert's
 * ticket page (`banner/open`); a screenshot of that tab takes the banner away first.
 */
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BANNERS_PER_PAGE, MAX_BANNERS, queueBanner, withoutShown, type PendingBanner } from '@/lib/core/banners';
import { clearBanner, showBanners } from '@/lib/background/banner';
import { paintBanner, type BannerLine } from '@/lib/background/banner-paint';
import { showNotification } from '@/lib/background/notify';
import { setPhoneSurface } from '@/lib/background/platform-apis';
import { handlers } from '@/lib/background/handlers';
import { createRouter } from '@/lib/background/router';
import { MessageSchema } from '@/lib/core/messages';
import { db, getMeta } from '@/lib/store/db';
import { META } from '@/lib/store/meta';

const LABELS = { heading: '购物维权助手提醒', open: '点此查看 ›', close: '关闭提醒' };
const b = (id: string, at = 1): PendingBanner => ({ id, title: `t${id}`, message: `m${id}`, at });

/** The closed shadow roots the painter attaches, kept so the test can look inside (the page cannot). */
let roots: ShadowRoot[] = [];
beforeEach(async () => {
  fakeBrowser.reset();
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('zh-CN');
  roots = [];
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const r = attach.call(this, init);
    roots.push(r);
    return r;
  });
  document.body.replaceChildren();
  const d = await db();
  await d.clear('meta');
});
afterEach(() => {
  setPhoneSurface(false);
  vi.restoreAllMocks();
});

describe('the queue', () => {
  it('a newer one with the same id replaces, newest first, at most MAX_BANNERS', () => {
    let list: PendingBanner[] = [];
    for (let i = 0; i < MAX_BANNERS + 2; i++) list = queueBanner(list, b(String(i), i));
    expect(list.map((x) => x.id)).toEqual(['6', '5', '4', '3', '2']);
    list = queueBanner(list, { ...b('3', 99), title: 'again' });
    expect(list.map((x) => x.id)).toEqual(['3', '6', '5', '4', '2']);
    expect(list[0]!.title).toBe('again');
  });
  it('long texts are cut; a shown one leaves only if it was not queued again meanwhile', () => {
    const [x] = queueBanner([], { id: 'a', title: '价'.repeat(500), message: 'x'.repeat(5000), at: 1 });
    expect(x!.title.length).toBeLessThanOrEqual(120);
    expect(x!.message.length).toBeLessThanOrEqual(300);
    const shown = [b('a', 1), b('b', 1)];
    expect(withoutShown([b('a', 2), b('b', 1), b('c', 1)], shown).map((y) => [y.id, y.at])).toEqual([
      ['a', 2],
      ['c', 1],
    ]);
  });
});

describe('the painter (runs in the shop page)', () => {
  const lines: BannerLine[] = [{ id: 'alert-1', title: '<img src=x onerror=alert(1)>', message: '¥12.00 <b>x</b>' }];

  it('puts every text in as text, in a closed shadow root, thumb-sized', () => {
    expect(paintBanner(lines, LABELS)).toBe(true);
    const host = document.getElementById('shopwitness-banner')!;
    expect(host.shadowRoot).toBeNull(); // closed: the page's scripts cannot read it
    const root = roots[0]!;
    expect(root.querySelector('img, b')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
    for (const btn of root.querySelectorAll('button')) expect(btn.style.getPropertyValue('min-height')).toBe('44px');
  });

  it('a click the page dispatches opens nothing; the close button removes it; painting twice keeps one', () => {
    const sent = vi.spyOn(browser.runtime, 'sendMessage');
    paintBanner(lines, LABELS);
    paintBanner(lines, LABELS);
    expect(document.querySelectorAll('#shopwitness-banner')).toHaveLength(1);
    const root = roots.at(-1)!;
    const [close, row] = [...root.querySelectorAll('button')];
    row!.click(); // not isTrusted
    expect(sent).not.toHaveBeenCalled();
    close!.click();
    expect(document.getElementById('shopwitness-banner')).toBeNull();
  });

  it('nothing to say, or a page that breaks the DOM: false, never a throw', () => {
    expect(paintBanner([], LABELS)).toBe(false);
    vi.spyOn(document, 'createElement').mockImplementation(() => {
      throw new Error('hostile page');
    });
    expect(paintBanner(lines, LABELS)).toBe(false);
  });
});

describe('from a notification to a banner', () => {
  /** scripting.executeScript as the browser runs it: the function with its arguments, in this document. */
  function runScripts() {
    return vi
      .spyOn(browser.scripting, 'executeScript')
      .mockImplementation((async (inj: { func: (...a: unknown[]) => unknown; args?: unknown[] }) => [
        { frameId: 0, result: inj.func(...(inj.args ?? [])) },
      ]) as unknown as typeof browser.scripting.executeScript);
  }

  it('without notifications the text waits, then shows once in the next shop page', async () => {
    setPhoneSurface(true);
    await showNotification('alert-1', '价格下降了', '京东 ¥12.00');
    await showNotification('capture-5', '已截图', 'https://item.jd.com/1.html'); // old news by the next page
    const d = await db();
    expect((await getMeta(d, META.pendingBanners))?.map((x) => x.id)).toEqual(['alert-1']);
    const exec = runScripts();
    expect(await showBanners(7)).toBe(true);
    expect(exec).toHaveBeenCalledWith(expect.objectContaining({ target: { tabId: 7, frameIds: [0] } }));
    expect(roots[0]!.textContent).toContain('价格下降了');
    expect(roots[0]!.textContent).toContain('购物维权助手提醒');
    expect(await getMeta(d, META.pendingBanners)).toEqual([]);
    expect(await showBanners(8)).toBe(false); // once
    // A screenshot of that tab: the banner goes first.
    await clearBanner(7);
    expect(document.getElementById('shopwitness-banner')).toBeNull();
    expect(await getMeta(d, META.bannerTabs)).toEqual([]);
  });

  it('a page where it could not be painted keeps it for the next one', async () => {
    setPhoneSurface(true);
    await showNotification('alert-2', '物流停滞', '72 小时无更新');
    vi.spyOn(browser.scripting, 'executeScript').mockResolvedValue([{ frameId: 0, result: false }] as never);
    expect(await showBanners(7)).toBe(false);
    expect((await getMeta(await db(), META.pendingBanners))?.map((x) => x.id)).toEqual(['alert-2']);
    expect(BANNERS_PER_PAGE).toBeGreaterThan(0);
  });

  it('a tap opens the alert’s ticket page (banner/open, from the shop tab)', async () => {
    const router = createRouter({
      schema: MessageSchema,
      routes: handlers,
      ready: Promise.resolve(),
      onDataChanged: () => undefined,
    });
    const create = vi.spyOn(browser.tabs, 'create').mockResolvedValue(undefined as never);
    const sender: Browser.runtime.MessageSender = {
      id: browser.runtime.id,
      url: 'https://item.jd.com/1.html',
      tab: { id: 7, index: 0, windowId: 1, active: true } as Browser.tabs.Tab,
      frameId: 0,
    };
    expect(await router({ type: 'banner/open', id: 'price-drop:jd:1' }, sender)).toEqual({ ok: true });
    await vi.waitFor(() => expect(create).toHaveBeenCalled());
    expect(create.mock.calls[0]![0].url).toContain('ticket.html?alert=price-drop%3Ajd%3A1');
    expect(await router({ type: 'banner/open', id: '' }, sender)).toMatchObject({ ok: false });
  });
});
