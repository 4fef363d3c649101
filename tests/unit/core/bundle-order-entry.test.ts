// @vitest-environment node
/**
 * A bundle for an order typed in from an app: its `order-entry` record (no file) travels in full in chain.json and
 * verifies, beside the app screenshot attached to it; the entry is never a file and never counted as a screenshot.
 */
import { strFromU8, unzipSync } from 'fflate';
import { buildBundle, verifyBundle } from '../../../lib/core/bundle';
import { EMPTY_SHA256, hasFile, isShopEvidence, sealRecord } from '../../../lib/core/evidence-chain';
import { APP_ORDER_SCREEN_CAPTION, ORDER_ENTRY_MIME } from '../../../lib/core/manual-order';
import type { Evidence, Ticket } from '../../../lib/core/model';
import { exportPublicJwk, generateSigningKey, keyFingerprint, sha256Hex } from '../../../lib/core/signing';

const NOW = Date.UTC(2025, 10, 9, 4, 0);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const ORDER = '6931234567890123456';

async function chain(key: CryptoKeyPair): Promise<Evidence[]> {
  const jwk = await exportPublicJwk(key.publicKey);
  const start = await sealRecord(
    {
      kind: 'chain-start',
      capturedAt: Date.UTC(2025, 10, 1),
      mime: 'application/x-shopwitness-chain',
      bytes: 0,
      sha256: EMPTY_SHA256,
      publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! },
      keyFingerprint: await keyFingerprint(jwk),
    },
    'ev-start',
    null,
  );
  const entry = await sealRecord(
    {
      kind: 'order-entry',
      capturedAt: Date.UTC(2025, 10, 7, 2, 0),
      url: `app-order:douyin/${ORDER}`,
      platform: 'douyin',
      orderId: ORDER,
      snapshotId: 3,
      caption: `手动录入 抖音 订单 ${ORDER} 实付 ¥59.90`,
      mime: ORDER_ENTRY_MIME,
      bytes: 321,
      sha256: await sha256Hex(new TextEncoder().encode('{"kind":"order"}')),
    },
    'ev-entry',
    start,
  );
  const screen = await sealRecord(
    {
      kind: 'attachment',
      capturedAt: Date.UTC(2025, 10, 7, 2, 1),
      platform: 'douyin',
      orderId: ORDER,
      caption: APP_ORDER_SCREEN_CAPTION,
      fileName: 'douyin-order.png',
      mime: 'image/png',
      bytes: PNG.length,
      sha256: await sha256Hex(PNG),
    },
    'ev-screen',
    entry,
  );
  return [start, entry, screen];
}

const ticket: Ticket = {
  version: 1,
  id: 'ticket-app',
  type: 'no-pickup',
  channel: 'seller',
  status: 'draft',
  platform: 'douyin',
  orderId: ORDER,
  createdAt: NOW,
  evidenceIds: ['ev-entry', 'ev-screen'],
  text: {},
};

describe('a bundle with an order entered by hand', () => {
  it('carries the entry record in full, without a file, and verifies', async () => {
    const signingKey = await generateSigningKey();
    const records = await chain(signingKey);
    const [, entry, screen] = records as [Evidence, Evidence, Evidence];
    expect(hasFile(entry)).toBe(false);
    expect(isShopEvidence(entry)).toBe(false);
    const zip = await buildBundle({
      ticket,
      texts: { 'zh-CN': `付款后未揽收：订单 ${ORDER}\n订单信息由买家录入，附App截图`, en: 'No pickup' },
      evidence: [
        { record: entry, data: new Uint8Array(0) },
        { record: screen, data: PNG },
      ],
      chain: records,
      signingKey,
      now: NOW,
    });
    const result = await verifyBundle(zip);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, signature: 'valid', chain: { records: 3, full: 3, reduced: 0 } });
    const files = unzipSync(zip);
    const paths = Object.keys(files);
    expect(paths.filter((p) => p.startsWith('evidence/'))).toEqual([
      expect.stringMatching(/^evidence\/\d{8}-\d{6}-attachment-evscreen\.png$/),
    ]);
    const chainJson = JSON.parse(strFromU8(files['chain.json']!)) as { records: Evidence[] };
    expect(chainJson.records[1]).toMatchObject({ kind: 'order-entry', orderId: ORDER, caption: entry.caption });
    expect(strFromU8(files['report.html']!)).toContain('订单信息由买家录入，附App截图');
  });
});
