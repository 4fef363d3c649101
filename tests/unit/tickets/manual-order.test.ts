/**
 * Tickets for orders typed in from a phone app (issue #18 item 5): the text says where the facts came from, and the
 * checklist asks for the app's order screen in place of an order-page screenshot.
 */
import { APP_ORDER_SCREEN_CAPTION } from '../../../lib/core/manual-order';
import { TICKET_TYPES } from '../../../lib/core/model';
import { checkEvidence, composeTicket, type EvidenceRef, type TicketFacts } from '../../../lib/tickets';

const PAID_AT = Date.UTC(2025, 10, 6, 15, 8);
const yuan = (y: number) => ({ amount: Math.round(y * 100), currency: 'CNY' });
const HASH = 'ab'.repeat(32);

const entry: EvidenceRef = {
  id: 'ev-entry',
  kind: 'order-entry',
  capturedAt: PAID_AT + 3_600_000,
  sha256: HASH,
  caption: '手动录入 抖音 订单 6931234567890123456 实付 ¥59.90',
};
const appShot: EvidenceRef = {
  id: 'ev-app',
  kind: 'attachment',
  capturedAt: PAID_AT + 3_700_000,
  sha256: HASH,
  mime: 'image/png',
  caption: APP_ORDER_SCREEN_CAPTION,
};

const facts = (over: Partial<TicketFacts> = {}): TicketFacts => ({
  type: 'no-pickup',
  channel: 'seller',
  platform: 'douyin',
  orderId: '6931234567890123456',
  orderSource: 'manual',
  paid: yuan(59.9),
  paidAt: PAID_AT,
  hoursSince: 60,
  items: [{ title: '冰丝凉席', unitPrice: yuan(59.9), quantity: 1 }],
  evidence: [entry],
  ...over,
});

describe('tickets for an order entered by hand', () => {
  it('says the facts were entered by the buyer, in both languages, and lists the entry record', () => {
    const zh = composeTicket(facts(), 'zh-CN');
    const en = composeTicket(facts(), 'en');
    expect(zh.evidence[0]).toBe('订单信息由买家录入，附App截图');
    expect(en.evidence[0]).toMatch(/entered by the buyer/);
    expect(zh.text).toContain('买家录入的订单信息');
    expect(en.text).toContain('order details entered by the buyer');
  });

  it('a captured order says nothing of the kind', () => {
    const { orderSource: _s, ...captured } = facts({ evidence: [] });
    expect(composeTicket(captured, 'zh-CN').text).not.toContain('买家录入');
    expect(checkEvidence(captured).map((c) => c.item)).toContain('order-screenshot');
  });

  it.each(TICKET_TYPES)('%s: asks for the app order screen, never an order-page screenshot', (type) => {
    const keys = checkEvidence(facts({ type })).map((c) => c.item);
    expect(keys).toContain('app-order-screenshot');
    expect(keys).not.toContain('order-screenshot');
    expect(keys[0]).toBe('order');
  });

  it('the app screen attached satisfies it; the entry record and other attachments do not', () => {
    const item = (f: TicketFacts) => checkEvidence(f).find((c) => c.item === 'app-order-screenshot');
    expect(item(facts())?.ok).toBe(false);
    expect(item(facts({ evidence: [entry, { ...appShot, caption: '聊天记录' }] }))?.ok).toBe(false);
    expect(item(facts({ evidence: [entry, { ...appShot, mime: 'application/pdf' }] }))?.ok).toBe(false);
    expect(item(facts({ evidence: [entry, appShot] }))?.ok).toBe(true);
    expect(composeTicket(facts(), 'zh-CN').text).toContain('【待补充：App订单详情截图');
    expect(composeTicket(facts({ evidence: [entry, appShot] }), 'zh-CN').text).not.toContain('待补充：App');
  });
});
