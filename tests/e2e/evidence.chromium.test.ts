/** Evidence in real Chromium: automatic capture on an order page, manual capture, and a tampered byte reported precisely. */
import { flipStoredByte } from './harness/idb';
import { browserAvailable, CHROME_EXT, CHROMIUM, fixture, waitFor } from './harness/paths';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { ok, shopEvidence } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);

type Api = { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } };
type StorageApi = { chrome: { storage: { local: { set(v: object): Promise<void> } } } };

describe.runIf(run)('evidence (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
  });
  afterAll(async () => ext?.close());

  it('captures an order page automatically and a page on demand, chained and intact', async () => {
    await ext.send({ type: 'state/summary' }); // opens the message bridge tab now, not over the shop page later
    await serve(ext.context, 'https://details.jd.com/**', fixture('e2e/jd-order.html'));
    const page = await ext.context.newPage();
    await page.goto('https://details.jd.com/normal/item.action?orderid=301234567890');
    await page.bringToFront();
    await waitFor(async () => (await ext.count('evidence')) === 1, 'the automatic order capture');

    // Reloading the same order state never makes a second screenshot.
    await page.reload();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await ext.count('evidence')).toBe(1);

    const [tab] = await ext.worker.evaluate(() =>
      (globalThis as unknown as Api).chrome.tabs.query({ url: 'https://details.jd.com/*' }),
    );
    await page.bringToFront();
    // The page still looks exactly as in the automatic screenshot: kept once, this time recorded.
    const same = ok(await ext.send({ type: 'capture/manual', tabId: tab!.id }));
    expect(same).toMatchObject({ ok: true, evidence: { duplicateOf: expect.stringMatching(/^ev-/) } });
    expect(await ext.count('evidence')).toBe(1);

    // Once the page shows something else, a manual capture is stored, and it belongs to the order read there.
    await page.evaluate(() =>
      document.body.insertAdjacentHTML('afterbegin', '<p style="font-size:40px">客服回复：不予价保</p>'),
    );
    await page.bringToFront();
    expect(await ext.send({ type: 'capture/manual', tabId: tab!.id })).toMatchObject({
      ok: true,
      evidence: { kind: 'page-screenshot' },
    });

    const backup = ok(await ext.send({ type: 'backup/export' }));
    // The chain's first record pins the install's key; the two captures follow it.
    expect([...backup.evidence].sort((a, b) => a.seq - b.seq).map((e) => e.kind)).toEqual([
      'chain-start',
      'order-screenshot',
      'page-screenshot',
    ]);
    expect(shopEvidence(backup)[0]).toMatchObject({
      orderId: '301234567890',
      url: 'https://details.jd.com/normal/item.action?orderid=301234567890',
    });
    expect(shopEvidence(backup)[0]!.caption).toContain('301234567890');
    expect(shopEvidence(backup)[1]).toMatchObject({
      orderId: '301234567890',
      caption: expect.stringContaining('301234567890'),
    });
    // Each screenshot keeps the hash of the page as captured (its start is burned into the band); they differ.
    expect(shopEvidence(backup)[0]!.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(shopEvidence(backup)[1]!.contentSha256).not.toBe(shopEvidence(backup)[0]!.contentSha256);
    expect(await ext.send({ type: 'evidence/verify' })).toEqual({ ok: true, records: 3, problems: [] });
  });

  it('reports precisely which record broke after one byte of a stored image changes', async () => {
    const backup = ok(await ext.send({ type: 'backup/export' }));
    const target = shopEvidence(backup)[1]!.id;
    await ext.worker.evaluate(flipStoredByte, { id: target, index: 100 });
    const result = ok(await ext.send({ type: 'evidence/verify' }));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ evidenceId: target, reason: expect.stringMatching(/SHA-256/) }]);
  });

  it('finishes or reports a capture that a killed worker left half-done', async () => {
    const page = await ext.context.newPage();
    await page.goto('https://details.jd.com/normal/item.action?orderid=301234567890');
    await page.bringToFront();
    const [tab] = await ext.worker.evaluate(() =>
      (globalThis as unknown as Api).chrome.tabs.query({ url: 'https://details.jd.com/*', active: true }),
    );
    const before = await ext.count('evidence');
    // What a worker killed mid-capture leaves in IndexedDB: one request for a live tab, one for a closed tab.
    const pending = [
      {
        key: 'a',
        at: 1,
        req: {
          tabId: tab!.id,
          url: 'https://details.jd.com/normal/item.action?orderid=301234567890',
          kind: 'order-screenshot',
          orderId: '301234567890',
        },
      },
      { key: 'b', at: 1, req: { tabId: 999999, url: 'https://item.jd.com/1.html', kind: 'price-screenshot' } },
    ];
    await ext.worker.evaluate(
      (value) =>
        new Promise<void>((resolve) => {
          const req = indexedDB.open('shopwitness');
          req.onsuccess = () => {
            const tx = req.result.transaction('meta', 'readwrite');
            tx.objectStore('meta').put({ key: 'pendingCaptures', value });
            tx.oncomplete = () => resolve();
          };
        }),
      pending,
    );
    await ext.killWorker();
    await new Promise((r) => setTimeout(r, 500));
    await ext.send({ type: 'state/summary' }); // wakes a fresh worker, which recovers
    await waitFor(async () => (await ext.count('evidence')) === before + 1, 'the recovered capture');
    const backup = await waitFor(async () => {
      const b = ok(await ext.send({ type: 'backup/export' }));
      return b.captureFailures.some((f) => f.url === 'https://item.jd.com/1.html') ? b : null;
    }, 'the failed capture reported');
    expect(backup.captureFailures.find((f) => f.url === 'https://item.jd.com/1.html')!.reason).toMatch(/closed/);
  });

  it('keeps the whole page as MHTML beside the screenshot once archives are turned on', async () => {
    await ext.send({ type: 'state/summary' }); // the message bridge tab first, not over the shop page later
    await ext.worker.evaluate(() =>
      (globalThis as unknown as StorageApi).chrome.storage.local.set({ pageArchive: true }),
    );
    await serve(ext.context, 'https://details.jd.com/**', fixture('e2e/jd-order.html'));
    const seen = await ext.count('snapshots');
    const page = await ext.context.newPage();
    await page.goto('https://details.jd.com/normal/item.action?orderid=301234567890');
    // The content script reports at document_idle; the manual capture then knows which order it shows.
    await waitFor(async () => (await ext.count('snapshots')) > seen, 'the order read on the page');
    await page.evaluate(() =>
      document.body.insertAdjacentHTML('afterbegin', '<p style="font-size:40px">售后记录 2026-11-22</p>'),
    );
    await page.bringToFront();
    const [tab] = await ext.worker.evaluate(() =>
      (globalThis as unknown as Api).chrome.tabs.query({ url: 'https://details.jd.com/*', active: true }),
    );
    const shot = ok(await ext.send({ type: 'capture/manual', tabId: tab!.id }));
    expect(shot).toMatchObject({ ok: true, evidence: { kind: 'page-screenshot' } });
    const archive = await waitFor(async () => {
      const b = ok(await ext.send({ type: 'backup/export' }));
      return b.evidence.find((e) => e.kind === 'page-archive') ?? null;
    }, 'the MHTML archive').catch(async (e: unknown) => {
      const b = ok(await ext.send({ type: 'backup/export' }));
      throw new Error(
        `${String(e)}; evidence ${b.evidence.map((x) => x.kind).join()}; failures ${JSON.stringify(b.captureFailures.slice(-3))}`,
      );
    });
    expect(archive).toMatchObject({
      orderId: '301234567890',
      mime: 'application/x-mimearchive',
      capturedAt: shot.evidence.capturedAt,
      fileName: '301234567890.mhtml',
    });
    const text = await ext.worker.evaluate(
      (id) =>
        new Promise<string>((resolve) => {
          const req = indexedDB.open('shopwitness');
          req.onsuccess = () => {
            const r = req.result.transaction('blobs').objectStore('blobs').get(id);
            r.onsuccess = () => resolve(new TextDecoder().decode((r.result as { data: Uint8Array }).data));
          };
        }),
      archive.id,
    );
    // The page itself, text and all, not a picture of it.
    expect(text).toMatch(/^From: <Saved by Blink>|Content-Type: multipart\/related/m);
    expect(text).toContain('details.jd.com/normal/item.action?orderid=301234567890');
    const verify = ok(await ext.send({ type: 'evidence/verify' }));
    expect(verify.problems.map((p) => p.evidenceId)).not.toContain(archive.id);
    await ext.worker.evaluate(() =>
      (globalThis as unknown as StorageApi).chrome.storage.local.set({ pageArchive: false }),
    );
  });
});
