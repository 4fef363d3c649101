/**
 * Every shop fixture page in real Chromium: served on its real URL, read by the content script, stored
 * by the background with the same key fields the unit tests expect (tests/fixtures/sites/*).
 */
import { browserAvailable, CHROME_EXT, CHROMIUM } from './harness/paths';
import { launchChromium, type ChromiumExt } from './harness/chromium';
import { expectStored, siteCases } from './harness/site-fixtures';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
const cases = siteCases();

describe.runIf(run)('shop fixture pages (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
    const pages = new Map(cases.map((c) => [c.url, c.html]));
    // Fixture pages on their real URLs; anything else they ask the network for (CDN scripts, images) is refused.
    await ext.context.route(
      (url) => url.protocol === 'http:' || url.protocol === 'https:',
      (route) => {
        const html = pages.get(route.request().url());
        return html === undefined
          ? route.abort()
          : route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      },
    );
    await ext.send({ type: 'state/summary' }); // opens the message bridge tab before any shop page
  });
  afterAll(async () => ext?.close());

  it('covers a product and an order page of every platform', () => {
    for (const platform of ['jd', 'taobao', 'tmall', 'douyin', 'pdd']) {
      const kinds = cases.filter((c) => c.platform === platform).map((c) => c.kind);
      expect(kinds, platform).toEqual(expect.arrayContaining(['product', 'order']));
    }
  });

  it.each(cases)('$name', async (c) => {
    const page = await ext.context.newPage();
    try {
      await page.goto(c.url, { waitUntil: 'domcontentloaded' });
      await expectStored(c, async () => ok(await ext.send({ type: 'backup/export' })));
    } finally {
      await page.close();
    }
  });
});
