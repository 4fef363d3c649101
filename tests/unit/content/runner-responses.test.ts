/**
 * The runner with a page's own responses (lib/content/runner.ts): a live room's pop/v3 and cart answers are reported
 * with the product being explained first (it gets the screenshot, a manual capture is filed under it) and each product
 * once; a response in a shape the reader does not know is said once per page as `page/note`, with nothing of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { browser } from 'wxt/browser';
import type { ContentContext } from '@/lib/content/context';
import { runContentScript } from '@/lib/content/runner';
import { DOUYIN_KEPT, RESPONSE_EVENT } from '@/lib/content/page-responses/urls';
import { douyin } from '@/lib/sites/douyin';
import { generic } from '@/lib/sites/generic';
import { douyinResponses } from '@/lib/sites/douyin-response';

const DIR = join(__dirname, '../../fixtures/responses/douyin');
const fixture = (f: string) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { url: string; data: unknown };
const ROOM = 'https://live.douyin.com/731234567890';
const wait = (ms = 50) => new Promise((r) => setTimeout(r, ms));

const ctx: ContentContext = {
  isInvalid: false,
  setTimeout: (h, ms) => window.setTimeout(h, ms),
  requestIdleCallback: (cb) => window.setTimeout(() => cb({ didTimeout: false, timeRemaining: () => 50 }), 0),
  addEventListener: (target, type, handler, options) => {
    if (type !== 'wxt:locationchange') target.addEventListener(type, handler, options);
  },
  onInvalidated: () => () => undefined,
};

const hand = (url: string, body: unknown) =>
  document.dispatchEvent(
    new CustomEvent(RESPONSE_EVENT, { detail: JSON.stringify({ u: url, s: 200, t: JSON.stringify(body) }) }),
  );

describe('runner: a live room’s own responses', () => {
  it('explained product first, each product once; an unreadable answer said once, without its content', async () => {
    (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(ROOM);
    const sent: { type: string; snapshot?: { productId?: string }; secondary?: boolean; note?: string }[] = [];
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (m: unknown) => {
      sent.push(m as (typeof sent)[number]);
      return { ok: true, snapshotId: 1 };
    }) as never);
    runContentScript(ctx, [douyin, generic], [douyinResponses], DOUYIN_KEPT);
    const cart = fixture('live-page.constructed.json');
    const pop = fixture('live-pop-v3.constructed.json');
    hand(cart.url, cart.data);
    hand(pop.url, pop.data);
    await wait(1500);
    const reports = sent.filter((m) => m.type === 'snapshot/report');
    const last = reports.slice(-3);
    expect(last.map((m) => m.snapshot?.productId)).toEqual([
      '3581234567890123456',
      '3600000000000000002',
      '3600000000000000003',
    ]);
    expect(last.map((m) => m.secondary === true)).toEqual([false, true, true]);

    const changed = fixture('live-pop-v3-changed.constructed.json');
    hand(changed.url, changed.data);
    hand(changed.url, changed.data);
    await wait();
    const notes = sent.filter((m) => m.type === 'page/note');
    expect(notes).toEqual([{ type: 'page/note', note: 'unreadable' }]);
  });
});
