/**
 * buildBundle for 50 screenshots (~300 KB each, incompressible like a JPEG) with hashing and ECDSA
 * signing, and verifyBundle on the result. The evidence records (their SHA-256 and hash chain) are made
 * beforehand, as capture does; the key comes from generateSigningKey once, as at install.
 */
import { performance } from 'node:perf_hooks';
import { buildBundle, verifyBundle } from '../lib/core/bundle';
import { sealRecord } from '../lib/core/evidence-chain';
import { sha256Hex } from '../lib/core/hash';
import type { Evidence, Ticket } from '../lib/core/model';
import { TicketSchema } from '../lib/core/model';
import { generateSigningKey } from '../lib/core/signing';
import type { Row } from './types';
import { budgeted, info, int, median, rng, round } from './util';

const BUILD_BUDGET_MS = 1500;
const SHOTS = 50;
const RUNS = 3;

function fakeJpeg(r: () => number, size: number): Uint8Array {
  const words = new Uint32Array(Math.ceil(size / 4));
  for (let i = 0; i < words.length; i++) words[i] = (r() * 4294967296) >>> 0;
  const bytes = new Uint8Array(words.buffer, 0, size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes;
}

export async function measureEvidenceBundle(): Promise<Row[]> {
  const r = rng(50);
  const t0 = Date.UTC(2026, 5, 1);
  const evidence: { record: Evidence; data: Uint8Array }[] = [];
  let last: Evidence | null = null;
  for (let i = 0; i < SHOTS; i++) {
    const data = fakeJpeg(r, int(r, 280_000, 320_000));
    const record: Evidence = await sealRecord(
      {
        kind: i % 2 ? 'order-screenshot' : 'price-screenshot',
        capturedAt: t0 + i * 3_600_000,
        url: `https://item.jd.com/${100012043978 + i}.html`,
        title: `商品 ${i}`,
        platform: 'jd',
        productId: String(100012043978 + i),
        caption: `京东 商品 ${100012043978 + i} ¥89.90`,
        mime: 'image/jpeg',
        bytes: data.byteLength,
        sha256: await sha256Hex(data),
        width: 1280,
        height: 860,
      },
      `ev-${i.toString().padStart(4, '0')}`,
      last,
    );
    last = record;
    evidence.push({ record, data });
  }
  const ticket: Ticket = TicketSchema.parse({
    id: 'tk-bench',
    type: 'price-protection',
    channel: 'seller',
    status: 'draft',
    platform: 'jd',
    orderId: 'O1',
    createdAt: t0 + 60 * 3_600_000,
    amount: { amount: 1000, currency: 'CNY' },
    evidenceIds: evidence.map((e) => e.record.id),
  });
  const signingKey = await generateSigningKey();
  const input = {
    ticket,
    texts: {
      'zh-CN': '订单 O1 付款后降价 ¥10.00，申请价保。',
      en: 'Order O1 dropped ¥10.00 after payment; price protection requested.',
    },
    evidence,
    signingKey,
    now: t0 + 61 * 3_600_000,
  };
  const totalBytes = evidence.reduce((n, e) => n + e.data.byteLength, 0);
  let zip = await buildBundle(input); // warm-up
  const build: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    zip = await buildBundle(input);
    build.push(performance.now() - s);
  }
  const verify: number[] = [];
  let ok = false;
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    ok = (await verifyBundle(zip)).ok;
    verify.push(performance.now() - s);
  }
  return [
    budgeted(`bundle build, ${SHOTS} screenshots ~300 KB`, Math.round(median(build)), 'ms', BUILD_BUDGET_MS, {
      note: `median of ${RUNS}; ${round(totalBytes / 1048576, 1)} MB in, ${round(zip.byteLength / 1048576, 1)} MB zip`,
      detail: { samplesMs: build.map((s) => round(s, 1)), inputBytes: totalBytes, zipBytes: zip.byteLength },
    }),
    info('bundle verify (same bundle)', Math.round(median(verify)), 'ms', {
      note: `median of ${RUNS}; verify ok=${ok}`,
      ...(ok ? {} : { ok: false }),
      detail: { samplesMs: verify.map((s) => round(s, 1)), ok },
    }),
  ];
}
