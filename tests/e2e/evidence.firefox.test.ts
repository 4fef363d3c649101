/** Evidence in Firefox ESR: automatic order capture, manual capture, a tampered byte reported on the right record. */
import { flipStoredByte } from './harness/idb';
import { browserAvailable, FIREFOX, FIREFOX_EXT, fixture, waitFor } from './harness/paths';
import { launchFirefox, type FirefoxExt } from './harness/firefox';

const run = browserAvailable(FIREFOX, FIREFOX_EXT);

type Api = { browser: { tabs: { query(q: object): Promise<{ id: number }[]> } } };
interface Verify { ok: boolean; records: number; problems: { evidenceId: string; reason: string }[] }
interface Backup { evidence: { id: string; kind: string; orderId?: string }[] }

describe.runIf(run)('evidence (Firefox)', () => {
  let ext: FirefoxExt;
  beforeAll(async () => {
    ext = await launchFirefox();
  });
  afterAll(async () => ext?.close());

  it('captures, chains and detects a one-byte change', async () => {
    const shop = await ext.newShopPage({ 'https://details.jd.com/': fixture('e2e/jd-order.html') });
    await shop.goto('https://details.jd.com/normal/item.action?orderid=301234567890');
    await shop.bringToFront();
    const auto = await waitFor(async () => {
      const b = await ext.send<Backup>({ type: 'backup/export' });
      return b.evidence.length >= 1 ? b : null;
    }, 'the automatic order capture', 30_000);
    expect(auto.evidence[0]).toMatchObject({ kind: 'order-screenshot', orderId: '301234567890' });

    const [tab] = await ext.bridge.evaluate(() => (globalThis as unknown as Api).browser.tabs.query({ url: 'https://details.jd.com/*' }));
    await shop.bringToFront();
    expect(await ext.send({ type: 'capture/manual', tabId: tab!.id })).toMatchObject({ ok: true });
    expect(await ext.send<Verify>({ type: 'evidence/verify' })).toEqual({ ok: true, records: 2, problems: [] });

    const target = (await ext.send<Backup>({ type: 'backup/export' })).evidence[1]!.id;
    await ext.bridge.evaluate(flipStoredByte, { id: target, index: 50 });
    const result = await ext.send<Verify>({ type: 'evidence/verify' });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ evidenceId: target, reason: expect.stringMatching(/SHA-256/) }]);
  });
});
