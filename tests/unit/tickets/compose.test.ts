/**
 * Complaint text and evidence checklist, from one table of realistic facts per complaint type.
 */
import type { TicketType } from '../../../lib/core/model';
import { TICKET_TYPES } from '../../../lib/core/model';
import {
  checkEvidence,
  composeTicket,
  demandAmount,
  draftTicket,
  formatDateTime,
  formatMoney,
  isComplete,
  missingItems,
  type ChainPin,
  type EvidenceRef,
  type TicketFacts,
} from '../../../lib/tickets';

const H = 3_600_000;
/** 2025-11-06 23:08 Asia/Shanghai. */
const PAID_AT = Date.UTC(2025, 10, 6, 15, 8);
const yuan = (y: number) => ({ amount: Math.round(y * 100), currency: 'CNY' });

const ev = (kind: EvidenceRef['kind'], capturedAt: number, id = `ev-${kind}`): EvidenceRef => ({
  id,
  kind,
  capturedAt,
  sha256: '0123456789abcdef'.repeat(4),
  url: 'https://item.jd.com/100012043978.html',
});

const BASE: Omit<TicketFacts, 'type'> = {
  channel: 'seller',
  platform: 'jd',
  orderId: '312345678901',
  shop: '优品数码旗舰店',
  paid: yuan(1299),
  paidAt: PAID_AT,
  items: [{ title: '无线降噪耳机 Pro', unitPrice: yuan(1299), quantity: 1, productId: '100012043978' }],
  evidence: [ev('order-screenshot', PAID_AT + 60_000)],
};

/** Per type: extra facts, and strings the text must contain in both languages. */
const CASES: { type: TicketType; facts: Partial<TicketFacts>; expect: string[] }[] = [
  {
    type: 'price-protection',
    facts: {
      items: [{ title: '无线降噪耳机 Pro', unitPrice: yuan(1299), quantity: 2, productId: '100012043978' }],
      paid: yuan(2598),
      lowerPrice: yuan(1287),
      lowerPriceSeenAt: PAID_AT + 40 * H,
      windowEnd: PAID_AT + 7 * 24 * H,
      evidence: [ev('order-screenshot', PAID_AT + 60_000), ev('price-screenshot', PAID_AT + 40 * H)],
    },
    expect: [
      '312345678901',
      '¥2,598.00',
      '¥1,287.00',
      '¥24.00',
      '2025-11-06 23:08',
      '2025-11-08 15:08',
      '2025-11-13 23:08',
    ],
  },
  {
    type: 'price-discrepancy',
    facts: { lowerPrice: yuan(1199), lowerPriceSeenAt: PAID_AT - 2 * H, priceUrl: 'https://live.douyin.com/123' },
    expect: ['312345678901', '¥1,299.00', '¥1,199.00', '¥100.00', 'https://live.douyin.com/123'],
  },
  {
    type: 'no-pickup',
    facts: { hoursSince: 52 },
    expect: ['312345678901', '¥1,299.00', '2025-11-06 23:08'],
  },
  {
    type: 'shipped-no-scan',
    facts: { shippedAt: PAID_AT + 3 * H, trackingNumber: 'SF1234567890123', carrier: 'SF', hoursSince: 30 },
    expect: ['312345678901', 'SF1234567890123', '2025-11-07 02:08', '¥1,299.00'],
  },
  {
    type: 'logistics-stalled',
    facts: {
      trackingNumber: 'YT7712345678901',
      carrier: 'YTO',
      lastEvent: { at: PAID_AT + 30 * H, text: '快件已到达【杭州转运中心】', location: '杭州' },
      hoursSince: 80,
    },
    expect: ['312345678901', 'YT7712345678901', '杭州转运中心', '2025-11-08 05:08'],
  },
  {
    type: 'logistics-exception',
    facts: {
      trackingNumber: '78912345678901',
      exceptionText: '快件破损，已退回寄件人',
      lastEvent: { at: PAID_AT + 50 * H, text: '快件破损，已退回寄件人' },
    },
    expect: ['312345678901', '78912345678901', '快件破损', '2025-11-09 01:08', '¥1,299.00'],
  },
  {
    type: 'not-as-described',
    facts: {
      severity: 'severe',
      defect: '颜色与图片不同，且缺少充电盒',
      evidence: [ev('order-screenshot', PAID_AT + 60_000), ev('attachment', PAID_AT + 72 * H)],
    },
    expect: ['312345678901', '¥1,299.00', '缺少充电盒'],
  },
  {
    type: 'out-of-stock',
    facts: { compensation: yuan(50) },
    expect: ['312345678901', '¥1,299.00', '¥50.00'],
  },
  {
    type: 'return-logistics',
    facts: {
      returnIssue: 'fake-signoff',
      trackingNumber: 'JT0001234567890',
      lastEvent: { at: PAID_AT + 200 * H, text: '已签收，签收人：仓库' },
    },
    expect: ['312345678901', 'JT0001234567890', '¥1,299.00', '2025-11-15 07:08'],
  },
  {
    type: 'after-sale-extension',
    facts: { afterSaleEnd: PAID_AT + 15 * 24 * H, reason: '出差', extensionDays: 10 },
    expect: ['312345678901', '2025-11-21 23:08', '10'],
  },
];

function factsFor(type: TicketType, extra: Partial<TicketFacts> = {}): TicketFacts {
  const c = CASES.find((x) => x.type === type);
  return { ...BASE, ...(c?.facts ?? {}), ...extra, type };
}

const LANGS = ['zh-CN', 'en'] as const;
const CHANNELS = ['seller', 'platform', '12315'] as const;

describe('format', () => {
  it.each([
    [{ amount: 129900, currency: 'CNY' }, '¥1,299.00'],
    [{ amount: 2400, currency: 'CNY' }, '¥24.00'],
    [{ amount: 5, currency: 'CNY' }, '¥0.05'],
    [{ amount: 123456789, currency: 'CNY' }, '¥1,234,567.89'],
    [{ amount: 1999, currency: 'USD' }, '$19.99'],
    [{ amount: 100, currency: 'KRW' }, 'KRW 1.00'],
  ])('formatMoney(%o) = %s', (money, want) => {
    expect(formatMoney(money)).toBe(want);
  });

  it.each([
    [PAID_AT, 'Asia/Shanghai', '2025-11-06 23:08'],
    [PAID_AT, 'UTC', '2025-11-06 15:08'],
    [Date.UTC(2025, 11, 31, 16, 0), 'Asia/Shanghai', '2026-01-01 00:00'],
  ])('formatDateTime(%i, %s) = %s', (ms, tz, want) => {
    expect(formatDateTime(ms, tz)).toBe(want);
  });
});

describe('composeTicket', () => {
  it('covers every ticket type', () => {
    expect(CASES.map((c) => c.type).sort()).toEqual([...TICKET_TYPES].sort());
  });

  const matrix = CASES.flatMap((c) =>
    LANGS.flatMap((lang) => CHANNELS.map((ch) => [c.type, lang, ch, c.expect] as const)),
  );

  it.each(matrix)('%s in %s to %s: facts in the text, nothing undefined', (type, lang, channel, want) => {
    const t = composeTicket(factsFor(type, { channel }), lang);
    for (const s of want) expect(t.text).toContain(s);
    expect(t.text).not.toMatch(/undefined|NaN|null|\[object/);
    expect(t.title).toContain('312345678901');
    expect(t.text).toContain(t.problem);
    expect(t.text).toContain(t.demand);
    expect(t.evidence.length).toBeGreaterThan(0);
    expect(t.demand.length).toBeGreaterThan(10);
  });

  it.each(LANGS)('every type with almost no facts still has no undefined/NaN (%s)', (lang) => {
    for (const type of TICKET_TYPES) {
      for (const channel of CHANNELS) {
        const t = composeTicket({ type, channel, evidence: [] }, lang);
        expect(t.text).not.toMatch(/undefined|NaN|null/);
        expect(t.text).toMatch(lang === 'zh-CN' ? /【请填写：/ : /\[please fill in: /);
      }
    }
  });

  it('price protection demands difference × quantity, with the 价保 rule cited', () => {
    const t = composeTicket(factsFor('price-protection'), 'zh-CN');
    expect(t.demand).toContain('请退还差价 ¥24.00');
    expect(t.demand).toContain('(¥1,299.00 − ¥1,287.00) × 2');
    expect(t.demand).toContain('京东价格保护（价保）规则');
    expect(composeTicket(factsFor('price-protection'), 'en').demand).toContain('refund the difference of ¥24.00');
  });

  it.each([
    ['minor', { amount: 20000, currency: 'CNY' }, '部分退款 ¥200.00', 'partial refund of ¥200.00'],
    ['severe', undefined, '全额退款 ¥1,299.00', 'refund the full ¥1,299.00'],
  ] as const)('not as described, %s', (severity, compensation, zh, en) => {
    const f = factsFor('not-as-described', { severity, ...(compensation ? { compensation } : {}) });
    expect(composeTicket(f, 'zh-CN').demand).toContain(zh);
    expect(composeTicket(f, 'en').demand).toContain(en);
  });

  it('out of stock asks for a substitute before compensation', () => {
    const t = composeTicket(factsFor('out-of-stock'), 'zh-CN');
    expect(t.demand).toMatch(/替代商品.*补偿 ¥50\.00/);
  });

  it('the platform channel cites the earlier ticket and mentions 12315', () => {
    const f = factsFor('logistics-stalled', {
      channel: 'platform',
      previousTicket: { channel: 'seller', sentAt: PAID_AT + 90 * H, externalId: 'CS-778899' },
    });
    for (const lang of LANGS) {
      const text = composeTicket(f, lang).text;
      expect(text).toContain('12315');
      expect(text).toContain('CS-778899');
      expect(text).toContain('2025-11-10 17:08');
    }
  });

  it('a 12315 complaint names both parties, or shows what to fill in', () => {
    const full = factsFor('no-pickup', {
      channel: '12315',
      complainant: { name: '张三', contact: '13800138000' },
      merchantAddress: '广东省深圳市南山区科技园 1 号',
    });
    const zh = composeTicket(full, 'zh-CN').text;
    expect(zh).toContain('投诉人：张三，联系电话：13800138000');
    expect(zh).toContain('被投诉人：优品数码旗舰店，地址：广东省深圳市南山区科技园 1 号');
    const bare = composeTicket(factsFor('no-pickup', { channel: '12315' }), 'zh-CN').text;
    expect(bare).toContain('【请填写：投诉人姓名】');
    expect(bare).toContain('【请填写：商家地址】');
  });

  it('lists evidence with capture time and hash, and marks what is missing', () => {
    const t = composeTicket(
      factsFor('price-protection', { evidence: [ev('order-screenshot', PAID_AT + 60_000)] }),
      'zh-CN',
    );
    expect(t.evidence[0]).toBe(`订单截图（2025-11-06 23:09 截取）\nSHA-256：${'0123456789abcdef'.repeat(4)}`);
    // In the text the hash goes on its own line, indented under its item.
    expect(t.text).toContain(`1. 订单截图（2025-11-06 23:09 截取）\n   SHA-256：${'0123456789abcdef'.repeat(4)}\n`);
    expect(t.evidence.some((e) => e.startsWith('【待补充：价保期内的降价截图'))).toBe(true);
  });

  it('keeps a hostile page title on one line', () => {
    const f = factsFor('not-as-described', { items: [{ title: 'A\n\n【诉求】\n免单', quantity: 1 }] });
    expect(composeTicket(f, 'zh-CN').text).toContain('商品：A 【诉求】 免单');
  });

  it('formats in another time zone when asked', () => {
    expect(composeTicket(factsFor('no-pickup'), 'en', 'UTC').text).toContain('2025-11-06 15:08');
  });
});

/** Distinct values, so a swapped key and head would show. */
const CHAIN: ChainPin = {
  keyFingerprint: '3f'.repeat(16) + 'a0'.repeat(16),
  headSeq: 4127,
  headHash: '9c'.repeat(16) + '05'.repeat(16),
};
const BLOCK = {
  'zh-CN': [
    '【证据核对】证据包中的记录和签名可与以下两项核对：',
    `证据链记录 #4127 的哈希：${CHAIN.headHash}`,
    `签名密钥指纹（SHA-256）：${CHAIN.keyFingerprint}`,
  ].join('\n'),
  en: [
    "Evidence check: the evidence bundle's records and signature can be checked against these two values.",
    `Evidence chain record #4127 hash: ${CHAIN.headHash}`,
    `Signing key fingerprint (SHA-256): ${CHAIN.keyFingerprint}`,
  ].join('\n'),
} as const;

/** Every run of 16 or more hex digits: a hash in a complaint is 64 of them, never a shortened prefix. */
const hexRuns = (text: string) => text.match(/[0-9a-f]{16,}/g) ?? [];

describe('key and chain head at the end of every complaint text', () => {
  const matrix = CASES.flatMap((c) => LANGS.flatMap((lang) => CHANNELS.map((ch) => [c.type, lang, ch] as const)));

  it.each(matrix)('%s in %s to %s ends with the block, full hashes only', (type, lang, channel) => {
    const text = composeTicket(factsFor(type, { channel, chain: CHAIN }), lang).text;
    expect(text.endsWith(`\n\n${BLOCK[lang]}`)).toBe(true);
    expect(hexRuns(text).length).toBeGreaterThanOrEqual(3); // evidence file(s), chain head, key
    for (const run of hexRuns(text)) expect(run).toHaveLength(64);
    expect(text).not.toMatch(/[0-9a-f]…/);
  });

  it.each(LANGS)('without a pin the block is left out, never filled with a stand-in (%s)', (lang) => {
    for (const type of TICKET_TYPES) {
      for (const channel of CHANNELS) {
        const text = composeTicket(factsFor(type, { channel }), lang).text;
        expect(text).not.toContain(lang === 'zh-CN' ? '【证据核对】' : 'Evidence check');
        expect(text).not.toMatch(/指纹|fingerprint/i);
        for (const run of hexRuns(text)) expect(run).toHaveLength(64);
      }
    }
  });

  it.each<[string, Partial<ChainPin>]>([
    ['a 16-hex fingerprint', { keyFingerprint: '3f'.repeat(8) }],
    ['a 16-hex head', { headHash: '9c'.repeat(8) }],
    ['upper-case hex', { headHash: CHAIN.headHash.toUpperCase() }],
    ['a negative record number', { headSeq: -1 }],
    ['a fractional record number', { headSeq: 1.5 }],
  ])('a malformed pin (%s) is left out rather than printed', (_, bad) => {
    for (const lang of LANGS) {
      const text = composeTicket(factsFor('no-pickup', { chain: { ...CHAIN, ...bad } }), lang).text;
      expect(text).not.toContain(lang === 'zh-CN' ? '【证据核对】' : 'Evidence check');
    }
  });

  it('a drafted ticket carries the block in both languages', () => {
    const t = draftTicket(factsFor('price-protection', { chain: CHAIN }), { id: 't', now: PAID_AT });
    expect(t.text['zh-CN']!.endsWith(BLOCK['zh-CN'])).toBe(true);
    expect(t.text.en!.endsWith(BLOCK.en)).toBe(true);
  });
});

describe('demandAmount', () => {
  it.each([
    ['price-protection', {}, 2400],
    ['price-discrepancy', {}, 10000],
    ['price-protection', { lowerPrice: { amount: 129900, currency: 'CNY' } }, null],
    ['price-protection', { lowerPrice: { amount: 100, currency: 'USD' } }, null],
    ['no-pickup', {}, 129900],
    ['logistics-stalled', {}, null],
    ['out-of-stock', {}, 5000],
  ] as const)('%s %o → %s', (type, extra, want) => {
    expect(demandAmount(factsFor(type, extra))?.amount ?? null).toBe(want);
  });

  it('uses paid for a single item of quantity 1 without a unit price', () => {
    const f = factsFor('price-protection', {
      items: [{ title: 'x', quantity: 1 }],
      paid: { amount: 150000, currency: 'CNY' },
    });
    expect(demandAmount(f)).toEqual({ amount: 21300, currency: 'CNY' });
  });
});

describe('checkEvidence', () => {
  const keys = (f: TicketFacts) => checkEvidence(f).map((c) => c.item);
  const missing = (f: TicketFacts) => missingItems(checkEvidence(f)).map((c) => c.item);

  it.each([
    ['price-protection', ['order', 'paid-unit-price', 'order-screenshot', 'lower-price', 'price-screenshot-in-window']],
    ['no-pickup', ['order', 'order-screenshot', 'logistics-screenshot']],
    ['logistics-stalled', ['order', 'tracking-number', 'last-event', 'logistics-screenshot']],
    ['not-as-described', ['order', 'order-screenshot', 'severity', 'unboxing']],
  ] as const)('%s needs %o', (type, want) => {
    expect(keys(factsFor(type))).toEqual(want);
  });

  it.each(TICKET_TYPES)('%s: every item has labels and how-to in both languages', (type) => {
    for (const c of checkEvidence(factsFor(type, { channel: '12315' }))) {
      for (const lang of LANGS) {
        expect(c.label[lang].length).toBeGreaterThan(1);
        expect(c.howTo[lang].length).toBeGreaterThan(1);
      }
    }
  });

  it.each<[TicketType, Partial<TicketFacts>, string[]]>([
    ['price-protection', {}, []],
    [
      'price-protection',
      { evidence: [ev('order-screenshot', PAID_AT), ev('price-screenshot', PAID_AT - H)] },
      ['price-screenshot-in-window'],
    ],
    [
      'price-protection',
      { evidence: [ev('order-screenshot', PAID_AT), ev('price-screenshot', PAID_AT + 8 * 24 * H)] },
      ['price-screenshot-in-window'],
    ],
    ['price-protection', { windowEnd: undefined }, ['price-screenshot-in-window']],
    ['no-pickup', {}, ['logistics-screenshot']],
    ['no-pickup', { evidence: [ev('order-screenshot', PAID_AT), ev('logistics-screenshot', PAID_AT + 50 * H)] }, []],
    ['logistics-stalled', { evidence: [] }, ['logistics-screenshot']],
    ['logistics-stalled', { lastEvent: undefined, evidence: [ev('logistics-screenshot', PAID_AT)] }, ['last-event']],
    ['not-as-described', {}, []],
    ['not-as-described', { severity: undefined, evidence: [] }, ['order-screenshot', 'severity', 'unboxing']],
    ['out-of-stock', {}, ['stock-notice']],
    ['after-sale-extension', { reason: ' ' }, ['reason']],
    ['shipped-no-scan', { orderId: undefined }, ['order', 'logistics-screenshot']],
  ])('%s %o misses %o', (type, extra, want) => {
    expect(missing(factsFor(type, extra))).toEqual(want);
  });

  it('12315 adds complainant and merchant details', () => {
    const f = factsFor('price-protection', { channel: '12315' });
    expect(missing(f)).toEqual(['complainant-name', 'complainant-contact', 'merchant-address']);
    const done = { ...f, complainant: { name: '张三', contact: '13800138000' }, merchantAddress: '深圳' };
    expect(isComplete(checkEvidence(done))).toBe(true);
  });

  it('says how to get the logistics timeline', () => {
    const item = checkEvidence(factsFor('no-pickup')).find((c) => c.item === 'logistics-screenshot')!;
    expect(item.ok).toBe(false);
    expect(item.howTo['zh-CN']).toBe('打开物流页面以截取物流时间线');
    expect(item.howTo.en).toBe('open the logistics page to capture the tracking timeline');
  });
});
