import {
  AlertSchema,
  DEFAULT_SETTINGS,
  MoneySchema,
  PageSnapshotSchema,
  SettingsSchema,
  TicketSchema,
} from '@/lib/core/model';
import { MessageSchema, isAllowedFrom, parseMessage } from '@/lib/core/messages';

const product = {
  kind: 'product',
  platform: 'jd',
  url: 'https://item.jd.com/100012043978.html',
  productId: '100012043978',
  title: '小熊电热水壶',
  price: { amount: 8990, currency: 'CNY' },
  listPrice: { amount: 12900, currency: 'CNY' },
  priceProtectionDays: 30,
  capturedAt: 1_763_000_000_000,
};
const order = {
  kind: 'order',
  platform: 'taobao',
  url: 'https://buyertrade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=4863471516469004803',
  orderId: '4863471516469004803',
  paidAt: 1_762_440_000_000,
  paid: { amount: 7600, currency: 'CNY' },
  items: [{ productId: '6543', title: '帆布包', unitPrice: { amount: 9900, currency: 'CNY' }, quantity: 1 }],
  trackingNumbers: ['YT7582835343069'],
  capturedAt: 1_762_440_100_000,
};
const logistics = {
  kind: 'logistics',
  url: 'https://example.com/t',
  trackingNumber: 'YT7582835343069',
  carrier: 'YTO',
  events: [
    { at: 1, text: '已揽收', stage: 'pickup' },
    { at: 2, text: '已签收', stage: 'delivered' },
  ],
  capturedAt: 3,
};

describe('model', () => {
  it.each([product, order, logistics])('round-trips a %s snapshot through JSON', (s) => {
    expect(PageSnapshotSchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it.each([
    ['a float amount', { amount: 89.9, currency: 'CNY' }],
    ['a negative amount', { amount: -1, currency: 'CNY' }],
    ['a lowercase currency', { amount: 1, currency: 'cny' }],
  ])('refuses money with %s', (_n, m) => expect(MoneySchema.safeParse(m).success).toBe(false));

  it('defaults money to CNY', () => expect(MoneySchema.parse({ amount: 5 })).toEqual({ amount: 5, currency: 'CNY' }));

  it('has settings defaults from the product brief', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      noPickupHours: 48,
      shippedNoScanHours: 24,
      stallHours: 72,
      ticketAnswerHours: 72,
      minDifference: { amount: 100 },
    });
    expect(DEFAULT_SETTINGS.protectionDays.jd).toBe(7);
    expect(SettingsSchema.parse(JSON.parse(JSON.stringify(DEFAULT_SETTINGS)))).toEqual(DEFAULT_SETTINGS);
  });

  it('validates alerts and tickets', () => {
    expect(AlertSchema.parse({ id: 'no-pickup:jd:1', kind: 'no-pickup', raisedAt: 1, message: 'x' }).kind).toBe(
      'no-pickup',
    );
    const t = TicketSchema.parse({
      id: 't1',
      type: 'price-protection',
      channel: 'seller',
      status: 'draft',
      createdAt: 1,
    });
    expect(t).toMatchObject({ version: 1, evidenceIds: [], text: {} });
  });
});

describe('message protocol', () => {
  it('parses a content-script snapshot report', () => {
    const r = parseMessage({ type: 'snapshot/report', snapshot: product });
    expect(r.ok).toBe(true);
  });

  it.each([
    null,
    42,
    'backup/export',
    {},
    { type: 'nope' },
    { type: 'snapshot/report', snapshot: { ...product, price: { amount: '89.90' } } },
    { type: 'test/clock', now: -5 },
  ])('turns %j into an error, never a throw', (raw) => {
    const r = parseMessage(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^invalid message/);
  });

  const own = 'ext-id';
  const origin = 'chrome-extension://ext-id/';
  it.each([
    ['page', { id: own, url: `${origin}popup.html` }, true],
    ['page', { id: own, url: 'https://item.jd.com/1.html', tab: { id: 3 } }, false],
    ['page', { id: own, url: 'https://evil.example/', tab: { id: 1 } }, false],
    ['content', { id: own, url: 'https://item.jd.com/1.html', tab: { id: 3 } }, true],
    ['content', { id: own, url: `${origin}popup.html` }, true],
    ['content', { id: own, url: 'https://item.jd.com/1.html' }, false],
    ['content', { id: 'other-extension', url: 'https://item.jd.com/1.html', tab: { id: 3 } }, false],
    ['page', { id: 'other-extension', url: `${origin}popup.html` }, false],
  ] as const)('a %s message from %j allowed: %s', (from, sender, allowed) => {
    expect(isAllowedFrom(from, sender, own, origin)).toBe(allowed);
  });

  it('knows every message type', () => {
    expect(MessageSchema.options.length).toBeGreaterThan(5);
  });
});
