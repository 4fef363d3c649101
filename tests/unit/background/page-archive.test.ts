/** Whole-page MHTML archives beside screenshots: chained like any evidence, bounded, tied to the order. */
import { openDatabase } from '@/lib/store/db';
import { appendEvidence, verifyStoredEvidence } from '@/lib/store/evidence-store';
import { sha256Hex } from '@/lib/core/hash';
import { archivePage, MAX_ARCHIVE_BYTES, MHTML_MIME, wantsArchive } from '@/lib/background/page-archive';
import type { CaptureRequest } from '@/lib/background/capture';

let n = 0;
const T0 = Date.UTC(2026, 10, 22, 3, 0, 0);
const req: CaptureRequest = {
  tabId: 7,
  url: 'https://details.jd.com/normal/item.action?orderid=301234567890',
  kind: 'order-screenshot',
  platform: 'jd',
  orderId: '301234567890',
  caption: '京东 订单 301234567890 实付 ¥89.90',
};
const MHTML = 'From: <Saved by Blink>\r\nSubject: 订单详情\r\nContent-Type: multipart/related;\r\n\r\n301234567890';

async function withShot() {
  const d = await openDatabase(`page-archive-${n++}`);
  const png = new Uint8Array([1, 2, 3]);
  const shot = await appendEvidence(
    d,
    {
      kind: 'order-screenshot',
      capturedAt: T0,
      url: req.url,
      orderId: '301234567890',
      mime: 'image/jpeg',
      bytes: 3,
      sha256: await sha256Hex(png),
    },
    png,
  );
  return { d, shot };
}

describe('page archive (MHTML)', () => {
  it('stores the archive in the chain with the order, the screenshot time and a file name', async () => {
    const { d, shot } = await withShot();
    const saved: number[] = [];
    const rec = await archivePage(d, req, shot, async (tabId) => {
      saved.push(tabId);
      return new Blob([MHTML], { type: 'multipart/related' });
    });
    expect(saved).toEqual([7]);
    expect(rec).toMatchObject({
      kind: 'page-archive',
      mime: MHTML_MIME,
      orderId: '301234567890',
      platform: 'jd',
      capturedAt: T0,
      fileName: '301234567890.mhtml',
      prevHash: shot.recordHash,
    });
    expect(rec!.sha256).toBe(await sha256Hex(new TextEncoder().encode(MHTML)));
    expect(new TextDecoder().decode((await d.get('blobs', rec!.id))!.data)).toContain('301234567890');
    expect(await verifyStoredEvidence(d)).toEqual({ ok: true, records: 3, problems: [] });
  });

  it("saves again when the browser's temporary MHTML file is gone before it is read", async () => {
    const { d, shot } = await withShot();
    let calls = 0;
    const rec = await archivePage(d, req, shot, async () => {
      calls++;
      if (calls === 1) {
        const gone = new Blob(['x']);
        gone.arrayBuffer = () =>
          Promise.reject(
            Object.assign(new Error('A requested file or directory could not be found'), { name: 'NotFoundError' }),
          );
        return gone;
      }
      return new Blob([MHTML]);
    });
    expect(calls).toBe(2);
    expect(rec?.bytes).toBe(new TextEncoder().encode(MHTML).byteLength);
  });

  it('stores nothing for an empty or oversized archive', async () => {
    const { d, shot } = await withShot();
    expect(await archivePage(d, req, shot, async () => undefined)).toBeNull();
    expect(await archivePage(d, req, shot, async () => new ArrayBuffer(0))).toBeNull();
    expect(await archivePage(d, req, shot, async () => new ArrayBuffer(MAX_ARCHIVE_BYTES + 1))).toBeNull();
    expect(await d.count('evidence')).toBe(2); // the chain's start and the screenshot;
  });

  it('archives orders, parcels and manual captures, not every product page', () => {
    expect(wantsArchive('order-screenshot')).toBe(true);
    expect(wantsArchive('logistics-screenshot')).toBe(true);
    expect(wantsArchive('page-screenshot')).toBe(true);
    expect(wantsArchive('price-screenshot')).toBe(false);
  });
});
