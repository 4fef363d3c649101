/**
 * Fault: messages from where they should not come, in real Chromium. A shop page's content-script
 * world (the extension's isolated world in that tab, reached over CDP: no test-only hook) may only
 * report snapshots; extension-internal messages sent from there are refused. Malformed snapshot reports
 * from there are refused with an error, and what was already stored stays.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { BackupExport } from '@/lib/core/messages';
import { browserAvailable, CHROME_EXT, CHROMIUM, fixture, waitFor } from './harness/paths';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
const URL_ = 'https://item.jd.com/100012043978.html';

/** Evaluates `expression` in the extension's content-script world of `page` (CDP isolated context). */
async function inContentWorld(page: Page, ext: ChromiumExt): Promise<(expression: string) => Promise<unknown>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on(
    'Runtime.executionContextCreated',
    (e: { context: { id: number; origin: string; auxData?: { type?: string } } }) => contexts.push(e.context),
  );
  await cdp.send('Runtime.enable');
  const ctx = await waitFor(
    async () => contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${ext.id}`),
    'the content-script world',
  );
  return async (expression) => {
    const r = (await cdp.send('Runtime.evaluate', {
      contextId: ctx.id,
      expression,
      awaitPromise: true,
      returnByValue: true,
    })) as {
      result: { value?: unknown };
      exceptionDetails?: { text: string };
    };
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.text);
    return r.result.value;
  };
}

const TEN_MB = '__TEN_MB__';
/** The message as an expression; a TEN_MB string is built inside the world (not shipped over CDP). */
const send = (m: unknown) =>
  `chrome.runtime.sendMessage(${JSON.stringify(m).replace(JSON.stringify(TEN_MB), "'标'.repeat(10000000)")})`;

describe.runIf(run)('messages from a shop page (Chromium)', () => {
  let ext: ChromiumExt;
  let page: Page;
  let evalInWorld: (expression: string) => Promise<unknown>;
  let stored: BackupExport['snapshots'][number];

  beforeAll(async () => {
    ext = await launchChromium();
    await serve(ext.context, 'https://item.jd.com/**', fixture('e2e/jd-item.html'));
    page = await ext.context.newPage();
    await page.goto(URL_);
    evalInWorld = await inContentWorld(page, ext);
    stored = await waitFor(
      async () =>
        ok(await ext.send({ type: 'backup/export' })).snapshots.find(
          (s) => s.kind === 'product' && s.productId === '100012043978',
        ),
      'the page snapshot',
    );
  });
  afterAll(async () => ext?.close());

  it.each([
    { type: 'backup/export' },
    { type: 'evidence/prune', ids: ['ev-1'], note: 'from a page' },
    { type: 'evidence/delete', id: 'ev-1' },
    { type: 'settings/save', settings: { notifications: false } },
    { type: 'test/clock', now: 1 },
    { type: 'capture/manual' },
  ])('refuses $type from the content-script world', async (m) => {
    expect(await evalInWorld(send(m))).toEqual({ ok: false, error: 'sender not allowed' });
  });

  it('still takes a well-formed snapshot report from there', async () => {
    const snapshot = {
      kind: 'product',
      platform: 'jd',
      url: URL_,
      productId: '100012043978',
      title: '小熊电热水壶',
      price: { amount: 8800, currency: 'CNY' },
      capturedAt: 1,
    };
    expect(await evalInWorld(send({ type: 'snapshot/report', snapshot }))).toMatchObject({ ok: true });
  });

  const good = {
    kind: 'product',
    platform: 'jd',
    url: URL_,
    productId: '100012043978',
    title: 't',
    price: { amount: 1, currency: 'CNY' },
    capturedAt: 1,
  };
  it.each([
    ['missing fields', { kind: 'product', platform: 'jd', url: URL_ }],
    ['a float price', { ...good, price: { amount: 88.5, currency: 'CNY' } }],
    ['a negative price', { ...good, price: { amount: -100, currency: 'CNY' } }],
    ['a 10 MB title', { ...good, title: TEN_MB }],
    ['a wrong kind', { ...good, kind: 'evidence' }],
    ['an unknown platform', { ...good, platform: 'evil' }],
    ['a __proto__ key', JSON.parse('{"kind":"product","__proto__":{"polluted":1}}') as unknown],
  ])('refuses a snapshot report with %s, and keeps what is stored', async (_what, snapshot) => {
    const before = ok(await ext.send({ type: 'backup/export' })).snapshots;
    expect(await evalInWorld(send({ type: 'snapshot/report', snapshot }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid message/),
    });
    const after = ok(await ext.send({ type: 'backup/export' }));
    expect(after.snapshots).toEqual(before);
    expect(after.snapshots).toContainEqual(stored);
    expect(await ext.worker.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();
  });
});
