/**
 * The schema.org reader on demand (lib/content/structured.ts): the probe that order, parcel and tracking scripts hold
 * in the reader's place asks the background for the reader on every fixture page the reader reads something from (and
 * not on a page without such data), once per frame; the runner then reads with the injected reader in the probe's
 * place (RunnerHook.useReader) and reports what the reader reads.
 */
import { browser } from 'wxt/browser';
import type { ContentContext } from '@/lib/content/context';
import { generic } from '@/lib/sites/generic';
import { pddOrder } from '@/lib/sites/pdd';
import { trackingPage } from '@/lib/sites/tracking';
import { withReader } from '@/lib/content/report';
import { sitePages } from '../site-pages';

const pages = sitePages();
const LD = `<html><head><title>杯子</title><script type="application/ld+json">{"@type":"Product","name":"杯子","sku":"C1","offers":{"price":"12.50","priceCurrency":"CNY"}}</script></head><body><h1>杯子</h1></body></html>`;
const wait = (ms = 50) => new Promise((r) => setTimeout(r, ms));

type Sent = { type: string; reader?: string; snapshot?: unknown };
function spySend(sent: Sent[]) {
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (m: unknown) => {
    sent.push(m as Sent);
    return { ok: true };
  }) as never);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the schema.org probe', () => {
  it.each(pages)('$name: asks for the reader wherever the reader reads something', async (c) => {
    vi.resetModules();
    const { structuredProbe } = await import('@/lib/content/structured');
    const sent: Sent[] = [];
    spySend(sent);
    const doc = new DOMParser().parseFromString(c.html, 'text/html');
    const url = new URL(c.url);
    expect(structuredProbe.matches(url)).toBe(generic.matches(url));
    expect(structuredProbe.extract(doc, url, c.now)).toBeNull();
    const asked = sent.filter((m) => m.type === 'content/upgrade' && m.reader === 'structured').length;
    if (generic.extract(doc, url, c.now) !== null) expect(asked).toBe(1);
    if (c.name === 'generic/no-data.html') expect(asked).toBe(0);
    // Once per frame.
    structuredProbe.extract(doc, url, c.now);
    expect(sent.length).toBe(asked);
  });
});

describe('the runner with the probe', () => {
  it('puts the reader in the probe’s place only (the tracking reader shares the id generic and stays)', async () => {
    const { structuredProbe } = await import('@/lib/content/structured');
    expect(trackingPage.id).toBe(structuredProbe.id);
    expect(withReader([trackingPage, structuredProbe], generic)).toEqual([trackingPage, generic]);
    expect(withReader([pddOrder, generic], generic)).toEqual([pddOrder, generic]);
  });

  it('asks once, then reads with the injected reader in the probe’s place', async () => {
    vi.resetModules();
    const { structuredProbe } = await import('@/lib/content/structured');
    const { runContentScript } = await import('@/lib/content/runner');
    const { runnerHook } = await import('@/lib/content/report');
    const url = 'https://mobile.yangkeduo.com/cup.html';
    (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
    document.documentElement.innerHTML = new DOMParser().parseFromString(LD, 'text/html').documentElement.innerHTML;
    const sent: Sent[] = [];
    spySend(sent);
    const ctx: ContentContext = {
      isInvalid: false,
      setTimeout: (h, ms) => window.setTimeout(h, ms),
      requestIdleCallback: (cb) => window.setTimeout(() => cb({ didTimeout: false, timeRemaining: () => 50 }), 0),
      addEventListener: () => undefined,
      onInvalidated: () => () => undefined,
    };
    runContentScript(ctx, [pddOrder, structuredProbe]);
    await wait();
    expect(sent).toEqual([{ type: 'content/upgrade', reader: 'structured' }]);
    // What the background's injected script (entrypoints/structured.content.ts) does.
    runnerHook()?.useReader(generic);
    await wait();
    const reports = sent.filter((m) => m.type === 'snapshot/report');
    expect(reports).toHaveLength(1);
    const { capturedAt: _a, ...got } = reports[0]?.snapshot as { capturedAt: number };
    const { capturedAt: _b, ...want } = generic.extract(document, new URL(url), 0) as { capturedAt: number };
    expect(got).toEqual(want);
    expect(want).toMatchObject({ platform: 'generic', productId: 'C1', price: { amount: 1250 } });
    expect(sent.filter((m) => m.type === 'content/upgrade')).toHaveLength(1);
  });
});
