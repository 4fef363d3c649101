/**
 * Fault test: "two tabs capturing at once", in real Chromium.
 * Two JD order pages report their snapshots at the same moment. Each page paints a marker colour
 * (red for one order, blue for the other) in its top-left corner, and every stored screenshot is
 * decoded in the worker: the colour must be the one of the order the evidence record names, so a
 * capture can never show one tab while describing another (captureVisibleTab shoots the active tab
 * of a window, whatever tab asked). The evidence chain must verify after all of it.
 */
import type { Page } from 'playwright-core';
import { browserAvailable, CHROME_EXT, CHROMIUM, waitFor } from './harness/paths';
import { markerColour } from './harness/idb';
import { MARKERS, markedOrderPage as orderPage, near, ORDER_URL } from './harness/marked-pages';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { ok, shopEvidence } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);

type Tab = { id: number; windowId: number; active: boolean; url?: string };
type Api = {
  chrome: {
    tabs: {
      query(q: object): Promise<Tab[]>;
      update(id: number, p: object): Promise<Tab>;
      create(p: object): Promise<Tab>;
    };
    windows: { create(p: object): Promise<{ id: number; tabs?: Tab[] }> };
  };
};

describe.runIf(run)('fault: two tabs capturing at once (Chromium)', () => {
  let ext: ChromiumExt;
  /** The two shop pages of the two-window test, one per window. */
  let windowPages: Page[] = [];
  beforeAll(async () => {
    ext = await launchChromium();
    await ext.send({ type: 'state/summary' }); // the message bridge tab exists before the shop tabs
    await serve(ext.context, 'https://details.jd.com/**', orderPage);
  });
  afterAll(async () => ext?.close());

  const api = <T>(fn: (arg: never) => Promise<T>, arg?: unknown) =>
    ext.worker.evaluate(fn as never, arg as never) as Promise<T>;
  const tabsOf = (urlPattern: string) =>
    api<Tab[]>((p: string) => (globalThis as unknown as Api).chrome.tabs.query({ url: p }), urlPattern);
  const backup = async () => ok(await ext.send({ type: 'backup/export' }));

  /**
   * A blank tab made by the browser itself (in a new window, or in `windowId`, in front or not), and
   * its Playwright page. The shop URL is loaded with page.goto afterwards: a tab created straight
   * with a URL may start loading before Playwright routes it, and would hit the real network.
   */
  async function blankTab(where: { windowId?: number; active?: boolean }): Promise<{ tab: Tab; page: Page }> {
    const page = ext.context.waitForEvent('page');
    const tab = await api<Tab>(async (w: { windowId?: number; active?: boolean }) => {
      const chrome = (globalThis as unknown as Api).chrome;
      if (w.windowId === undefined) return (await chrome.windows.create({ url: 'about:blank' })).tabs![0]!;
      return chrome.tabs.create({ url: 'about:blank', windowId: w.windowId, active: w.active ?? true });
    }, where);
    return { tab, page: await page };
  }

  /** Every screenshot shows the marker of the order its record names, and the chain verifies. */
  async function expectEachShotOfItsOwnTab(orderIds: string[]): Promise<void> {
    const shots = (await backup()).evidence.filter((e) => e.orderId && orderIds.includes(e.orderId));
    expect(shots.map((e) => e.orderId).sort()).toEqual([...orderIds].sort());
    for (const shot of shots) {
      expect(shot.url).toBe(ORDER_URL(shot.orderId!));
      const colour = await ext.worker.evaluate(markerColour, shot.id);
      expect({ order: shot.orderId, colour, ok: near(colour, MARKERS[shot.orderId!]!) }).toMatchObject({ ok: true });
    }
    expect(await ext.send({ type: 'evidence/verify' })).toMatchObject({ ok: true, problems: [] });
  }

  it('two windows: both tabs visible, both snapshots reported at once → two screenshots, each of its own tab', async () => {
    const before = await ext.count('evidence');
    // Two windows: each shop tab is the visible tab of its own window. Both pages load at once.
    const first = await blankTab({});
    const second = await blankTab({});
    windowPages = [first.page, second.page];
    expect(first.tab.windowId).not.toBe(second.tab.windowId);
    await Promise.all([first.page.goto(ORDER_URL('301234567801')), second.page.goto(ORDER_URL('301234567802'))]);
    await waitFor(async () => (await ext.count('evidence')) === before + 2, 'both automatic captures', 30_000);
    const tabs = await tabsOf('https://details.jd.com/*');
    expect(new Set(tabs.map((t) => t.windowId)).size).toBe(2);
    await expectEachShotOfItsOwnTab(['301234567801', '301234567802']);
    expect((await backup()).captureFailures).toEqual([]);
  });

  it('two manual captures at once, one per window: both stored in one intact chain, each of its own tab', async () => {
    // Something changed on both pages since their automatic shots (identical pixels would only be
    // noted as seen again, by design).
    for (const page of windowPages) {
      await page.evaluate(() =>
        document.body.insertAdjacentHTML('afterbegin', '<h1 style="margin:0 0 0 200px">手动截图 manual</h1>'),
      );
    }
    const before = shopEvidence(await backup()).length;
    const chainBefore = (await backup()).evidence.length;
    const tabs = await tabsOf('https://details.jd.com/*');
    const byOrder = (id: string) => tabs.find((t) => t.url === ORDER_URL(id))!;
    const results = await Promise.all(
      ['301234567801', '301234567802'].map(async (id) =>
        ok(await ext.send({ type: 'capture/manual', tabId: byOrder(id).id })),
      ),
    );
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    const all = shopEvidence(await backup());
    expect(all).toHaveLength(before + 2);
    for (const [i, id] of ['301234567801', '301234567802'].entries()) {
      const shot = all.find((e) => e.id === results[i]!.evidence.id)!;
      expect(shot).toMatchObject({ kind: 'page-screenshot', url: ORDER_URL(id) });
      expect(near(await ext.worker.evaluate(markerColour, shot.id), MARKERS[id]!)).toBe(true);
    }
    expect(await ext.send({ type: 'evidence/verify' })).toMatchObject({
      ok: true,
      records: chainBefore + 2 + (chainBefore === 0 ? 1 : 0), // and the chain's start, if these are its first
      problems: [],
    });
  });

  it('one window: a hidden tab waiting for its turn neither holds up the visible one nor is shot as it', async () => {
    const before = await ext.count('evidence');
    const snapshots = await ext.count('snapshots');
    const [win] = await tabsOf('https://details.jd.com/*');
    const hidden = await blankTab({ windowId: win!.windowId, active: false });
    const shown = await blankTab({ windowId: win!.windowId, active: true });
    // A tab in the background (the shopper ctrl-clicked an order) reports first: its capture is queued
    // and cannot run while the tab is hidden.
    await hidden.page.goto(ORDER_URL('301234567803'));
    await waitFor(async () => (await ext.count('snapshots')) > snapshots, 'the hidden tab reported');
    // Then the order in front reports: it must be captured at once, not after the hidden tab's
    // retries (they used to hold the queue for ~4 s, long enough for the shopper to leave the page).
    const shownAt = Date.now();
    await shown.page.goto(ORDER_URL('301234567804'));
    await waitFor(
      async () => (await backup()).evidence.some((e) => e.orderId === '301234567804'),
      'the visible tab captured',
    );
    expect(Date.now() - shownAt).toBeLessThan(3000);
    expect((await backup()).evidence.filter((e) => e.orderId === '301234567803')).toEqual([]);
    // The shopper switches to the hidden tab while its capture is still retried: now it is shot, showing itself.
    await api((id: number) => (globalThis as unknown as Api).chrome.tabs.update(id, { active: true }), hidden.tab.id);
    await waitFor(async () => (await ext.count('evidence')) === before + 2, 'the hidden tab captured once shown');
    await expectEachShotOfItsOwnTab(['301234567803', '301234567804']);
  });

  it('a background tab looked at only after its retries ran out still gets its screenshot, not a failure', async () => {
    const before = await ext.count('evidence');
    const snapshots = await ext.count('snapshots');
    const [win] = await tabsOf('https://details.jd.com/*');
    const hidden = await blankTab({ windowId: win!.windowId, active: false });
    await hidden.page.goto(ORDER_URL('301234567805'));
    await waitFor(async () => (await ext.count('snapshots')) > snapshots, 'the hidden tab reported');
    // Longer than the queue's retries (about 4 s): the capture now waits for the tab instead of failing.
    await new Promise((r) => setTimeout(r, 6000));
    const waited = await backup();
    expect(waited.evidence.filter((e) => e.orderId === '301234567805')).toEqual([]);
    expect(waited.captureFailures.filter((f) => f.url.includes('301234567805'))).toEqual([]);
    await api((id: number) => (globalThis as unknown as Api).chrome.tabs.update(id, { active: true }), hidden.tab.id);
    await waitFor(async () => (await ext.count('evidence')) === before + 1, 'the screenshot once the tab is shown');
    await expectEachShotOfItsOwnTab(['301234567805']);
  });
});
