/**
 * JD and Taobao fixture pages in Firefox ESR (WebDriver BiDi): served on their real URLs, read by the
 * content script, stored by the background with the key fields the unit tests expect.
 */
import { browserAvailable, FIREFOX, FIREFOX_EXT } from './harness/paths';
import { launchFirefox, type FirefoxExt } from './harness/firefox';
import { expectStored, siteCases } from './harness/site-fixtures';
import { ok } from './harness/send';

const run = browserAvailable(FIREFOX, FIREFOX_EXT);
const cases = siteCases().filter((c) => c.platform === 'jd' || c.platform === 'taobao');

describe.runIf(run)('JD and Taobao fixture pages (Firefox)', () => {
  let ext: FirefoxExt;
  beforeAll(async () => {
    ext = await launchFirefox();
  });
  afterAll(async () => ext?.close());

  it('covers a product and an order page of JD and Taobao', () => {
    for (const platform of ['jd', 'taobao']) {
      const kinds = cases.filter((c) => c.platform === platform).map((c) => c.kind);
      expect(kinds, platform).toEqual(expect.arrayContaining(['product', 'order']));
    }
  });

  it.each(cases)('$name', async (c) => {
    // Exact URL as the prefix: pages of the same shop path (a SKU variant) never get each other's HTML.
    const page = await ext.newShopPage({ [c.url]: c.html });
    try {
      await page.goto(c.url, { waitUntil: 'domcontentloaded' });
      await expectStored(c, async () => ok(await ext.send({ type: 'backup/export' })));
    } finally {
      await page.close();
    }
  });
});
