// @vitest-environment node
/**
 * The brief's scenario from the stored data to the bundle: a Douyin product on its shop page at ¥99, an order paid at
 * ¥99, the live room selling it at ¥79 the same evening → the alert, the facts with each page's own screenshot, the
 * ticket naming both channels, prices and times, the checklist asking for both screenshots, and a bundle that
 * verifies, cites both and shows them side by side in report.html.
 */
import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { Evidence, PageSnapshot } from '../../../lib/core/model';
import { buildBundle, verifyBundle } from '../../../lib/core/bundle';
import { sealRecord } from '../../../lib/core/evidence-chain';
import { exportPublicJwk, generateSigningKey, keyFingerprint, sha256Hex } from '../../../lib/core/signing';
import { gatherFacts } from '../../../lib/core/ticket-facts';
import { evaluate } from '../../../lib/rules';
import { checkEvidence, composeTicket, ticketFromAlert, type TicketFacts } from '../../../lib/tickets';

const H = 3_600_000;
/** 2026-11-11 20:00 Asia/Shanghai. */
const PAID = Date.UTC(2026, 10, 11, 12, 0);
const PID = '3581234567890123456';
const SHOP_URL = `https://haohuo.jinritemai.com/ecommerce/trade/detail/index.html?id=${PID}`;
const LIVE_URL = 'https://live.douyin.com/730001';

const snaps = [
  {
    id: 1,
    kind: 'product',
    platform: 'douyin',
    url: SHOP_URL,
    productId: PID,
    title: '云南高山红茶 500g 礼盒装',
    price: { amount: 9900, currency: 'CNY' },
    capturedAt: PAID - 2 * H,
  },
  {
    id: 2,
    kind: 'order',
    platform: 'douyin',
    url: 'https://haohuo.jinritemai.com/order/DY1',
    orderId: '6920000000000000001',
    paidAt: PAID,
    paid: { amount: 9900, currency: 'CNY' },
    shop: '滇红官方旗舰店',
    items: [
      { productId: PID, title: '云南高山红茶 500g 礼盒装', unitPrice: { amount: 9900, currency: 'CNY' }, quantity: 1 },
    ],
    capturedAt: PAID + 60_000,
  },
  {
    id: 3,
    kind: 'product',
    platform: 'douyin',
    url: LIVE_URL,
    productId: PID,
    title: '云南高山红茶 500g 礼盒装',
    price: { amount: 7900, currency: 'CNY' },
    channel: 'live',
    roomId: '730001',
    capturedAt: PAID + 3 * H,
  },
] as (PageSnapshot & { id: number })[];

const SHOP_JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...strToU8('shop page ¥99'), 0xff, 0xd9]);
const LIVE_JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...strToU8('live room ¥79'), 0xff, 0xd9]);
const OTHER_JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...strToU8('a manual shot of another page'), 0xff, 0xd9]);

async function shot(
  data: Uint8Array,
  fields: Partial<Evidence>,
): Promise<Omit<Evidence, 'id' | 'seq' | 'prevHash' | 'recordHash'>> {
  return {
    kind: 'price-screenshot',
    capturedAt: PAID,
    platform: 'douyin',
    productId: PID,
    mime: 'image/jpeg',
    bytes: data.length,
    sha256: await sha256Hex(data),
    ...fields,
  };
}

async function chain(key: CryptoKeyPair): Promise<Evidence[]> {
  const jwk = await exportPublicJwk(key.publicKey);
  const start = await sealRecord(
    {
      kind: 'chain-start',
      capturedAt: PAID - 24 * H,
      mime: 'application/x-shopwitness-chain',
      bytes: 0,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! },
      keyFingerprint: await keyFingerprint(jwk),
    },
    'ev-start',
    null,
  );
  const drafts: [string, Omit<Evidence, 'id' | 'seq' | 'prevHash' | 'recordHash'>][] = [
    ['ev-shop', await shot(SHOP_JPEG, { snapshotId: 1, url: SHOP_URL, capturedAt: PAID - 2 * H + 2000 })],
    // A screenshot of the same product that no observation of the alert was read from: it never stands for a side.
    ['ev-other', await shot(OTHER_JPEG, { kind: 'page-screenshot', url: SHOP_URL, capturedAt: PAID + H })],
    ['ev-live', await shot(LIVE_JPEG, { snapshotId: 3, url: LIVE_URL, capturedAt: PAID + 3 * H + 2000 })],
  ];
  const out = [start];
  for (const [id, draft] of drafts) out.push(await sealRecord(draft, id, out[out.length - 1]!));
  return out;
}

const DATA: Record<string, Uint8Array> = { 'ev-shop': SHOP_JPEG, 'ev-live': LIVE_JPEG, 'ev-other': OTHER_JPEG };

describe('price discrepancy: alert → facts → ticket → bundle', () => {
  const now = PAID + 4 * H;
  const [alert] = evaluate({ snapshots: snaps }, now).filter((a) => a.kind === 'price-discrepancy');

  it('raises the alert with both observations and the difference', () => {
    expect(alert).toMatchObject({
      orderId: '6920000000000000001',
      amount: { amount: 2000, currency: 'CNY' },
      discrepancy: {
        higher: { channel: 'shop', snapshotId: 1, price: { amount: 9900 } },
        lower: { channel: 'live', roomId: '730001', snapshotId: 3, price: { amount: 7900 } },
      },
    });
  });

  it('each side carries only the screenshots filed under its own observation', async () => {
    const facts = gatherFacts(snaps, await chain(await generateSigningKey()), alert!, now);
    expect(facts.discrepancy?.higher.evidence.map((e) => e.id)).toEqual(['ev-shop']);
    expect(facts.discrepancy?.lower.evidence.map((e) => e.id)).toEqual(['ev-live']);
    expect(facts).toMatchObject({ lowerPrice: { amount: 7900 }, lowerPriceSeenAt: PAID + 3 * H, priceUrl: LIVE_URL });
  });

  it('a page read twice in a moment (its DOM, then its own answer): the screenshot of the first reading stands for the second', async () => {
    // The same shop page read again 70 ms later at the same price: the rule cites the later reading, the screenshot
    // was filed under the first (the page state was captured once).
    const again = { ...snaps[0]!, id: 4, capturedAt: PAID - 2 * H + 70 } as PageSnapshot & { id: number };
    const twice = [...snaps, again];
    const [a] = evaluate({ snapshots: twice }, now).filter((x) => x.kind === 'price-discrepancy');
    expect(a?.discrepancy?.higher.snapshotId).toBe(4);
    const evidence = await chain(await generateSigningKey());
    expect(gatherFacts(twice, evidence, a!, now).discrepancy?.higher.evidence.map((e) => e.id)).toEqual(['ev-shop']);
    // A different price read in between is another page state: its picture no longer stands for the later reading.
    const changed = { ...snaps[0]!, id: 5, price: { amount: 9800, currency: 'CNY' }, capturedAt: PAID - 2 * H + 30 };
    const broken = [...twice, changed] as (PageSnapshot & { id: number })[];
    const [b] = evaluate({ snapshots: broken }, now).filter((x) => x.kind === 'price-discrepancy');
    expect(b?.discrepancy?.higher.snapshotId).toBe(4);
    expect(gatherFacts(broken, evidence, b!, now).discrepancy?.higher.evidence).toEqual([]);
  });

  it('the ticket names both channels (with the room), both prices and both times, in zh-CN and en', async () => {
    const facts = gatherFacts(snaps, await chain(await generateSigningKey()), alert!, now);
    const ticket = ticketFromAlert(alert!, facts, { now });
    expect(ticket.type).toBe('price-discrepancy');
    expect(ticket.amount).toEqual({ amount: 2000, currency: 'CNY' });
    const zh = ticket.text['zh-CN']!;
    for (const s of [
      '店铺页面',
      '直播间（房间号 730001）',
      '¥99.00',
      '¥79.00',
      '2026-11-11 18:00',
      '2026-11-11 23:00',
      '¥20.00',
    ])
      expect(zh).toContain(s);
    const en = ticket.text.en!;
    for (const s of [
      'the shop page',
      'the live room (room 730001)',
      '¥99.00',
      '¥79.00',
      '2026-11-11 18:00',
      '2026-11-11 23:00',
    ])
      expect(en).toContain(s);
    expect(ticket.evidenceIds).toEqual(expect.arrayContaining(['ev-shop', 'ev-live']));
    expect(ticket.discrepancy?.higher.evidenceIds).toEqual(['ev-shop']);
    expect(ticket.discrepancy?.lower.evidenceIds).toEqual(['ev-live']);
  });

  it('the checklist asks for both screenshots, each of its own page', async () => {
    const facts = gatherFacts(snaps, await chain(await generateSigningKey()), alert!, now);
    const full = { ...facts, type: 'price-discrepancy', channel: 'seller' } as TicketFacts;
    const state = (f: TicketFacts) =>
      Object.fromEntries(
        checkEvidence(f)
          .filter((c) => c.item.endsWith('price-screenshot'))
          .map((c) => [c.item, c.ok]),
      );
    expect(state(full)).toEqual({ 'higher-price-screenshot': true, 'lower-price-screenshot': true });
    const noLive = {
      ...full,
      discrepancy: { ...full.discrepancy!, lower: { ...full.discrepancy!.lower, evidence: [] } },
    };
    expect(state(noLive)).toEqual({ 'higher-price-screenshot': true, 'lower-price-screenshot': false });
    expect(composeTicket(noLive).text).toContain('【待补充：显示较低价格的另一渠道页面截图（带时间）】');
  });

  it('the bundle verifies, cites both screenshots and shows them side by side in report.html', async () => {
    const key = await generateSigningKey();
    const records = await chain(key);
    const facts = gatherFacts(snaps, records, alert!, now);
    const ticket = ticketFromAlert(alert!, facts, { now });
    const wanted = new Set(ticket.evidenceIds);
    const zip = await buildBundle({
      ticket,
      texts: { 'zh-CN': ticket.text['zh-CN']!, en: ticket.text.en! },
      evidence: records.filter((r) => wanted.has(r.id)).map((record) => ({ record, data: DATA[record.id]! })),
      chain: records,
      signingKey: key,
      now,
    });
    const result = await verifyBundle(zip);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.cited.map((c) => c.id)).toEqual(expect.arrayContaining(['ev-shop', 'ev-live']));
    const report = strFromU8(unzipSync(zip)['report.html']!);
    const comparison = report.slice(
      report.indexOf('价格对比 · Price comparison'),
      report.indexOf('这份证据能证明什么'),
    );
    expect(comparison).toContain('店铺页面 Shop page');
    expect(comparison).toContain('直播间 Live room · 房间号 room 730001');
    expect(comparison).toContain(records.find((r) => r.id === 'ev-shop')!.sha256);
    expect(comparison).toContain(records.find((r) => r.id === 'ev-live')!.sha256);
    expect(comparison.match(/<img /g)).toHaveLength(2);
    expect(comparison.indexOf('较高价格')).toBeLessThan(comparison.indexOf('较低价格'));
  });

  it('a ticket that shows a screenshot beside a price without citing it does not verify', async () => {
    const key = await generateSigningKey();
    const records = await chain(key);
    const ticket = ticketFromAlert(alert!, gatherFacts(snaps, records, alert!, now), { now });
    const uncited = { ...ticket, evidenceIds: ticket.evidenceIds.filter((id) => id !== 'ev-live') };
    const zip = await buildBundle({
      ticket: uncited,
      texts: { 'zh-CN': uncited.text['zh-CN']!, en: uncited.text.en! },
      evidence: records
        .filter((r) => uncited.evidenceIds.includes(r.id))
        .map((record) => ({ record, data: DATA[record.id]! })),
      chain: records,
      signingKey: key,
      now,
    });
    const result = await verifyBundle(zip);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toContain('shows evidence ev-live beside a price but does not cite it');
  });
});
