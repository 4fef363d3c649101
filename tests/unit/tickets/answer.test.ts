import { answerWithAmount, markAnswered, markResolved, markSent } from '@/lib/tickets';
import { ledgerEntries } from '@/lib/core/ledger';
import type { OrderSnapshot, Ticket } from '@/lib/core/model';

const T = Date.UTC(2026, 10, 22, 4, 0);
const draft: Ticket = {
  version: 1,
  id: 'T1',
  type: 'price-protection',
  channel: 'platform',
  status: 'draft',
  platform: 'pdd',
  orderId: '261122-1',
  createdAt: T,
  evidenceIds: ['ev-1'],
  text: {},
};
const order: OrderSnapshot = {
  kind: 'order',
  platform: 'pdd',
  url: 'https://mobile.yangkeduo.com/order.html?order_sn=261122-1',
  orderId: '261122-1',
  paid: { amount: 5990, currency: 'CNY' },
  items: [],
  capturedAt: T,
};
const sent = markSent(draft, { at: T + 1000 });

describe('tickets learn the platform’s answer (issue #19)', () => {
  it('records the reply as the ticket’s evidence, without an amount: answered, not in the ledger', () => {
    const t = markAnswered(sent, T + 2000, { text: '已为您申请补偿 5 元', evidenceId: 'ev-reply' });
    expect(t).toMatchObject({
      status: 'answered',
      reply: { text: '已为您申请补偿 5 元', at: T + 2000, evidenceId: 'ev-reply' },
    });
    expect(ledgerEntries([order], [t])).toEqual([]);
  });

  it('answered with an amount → resolved → a ledger entry linking the reply and the ticket’s evidence', () => {
    const t = answerWithAmount(
      sent,
      T + 3000,
      { text: '补偿5元已到账', evidenceId: 'ev-reply' },
      { amount: 500, currency: 'CNY' },
    );
    expect(t).toMatchObject({ status: 'resolved', answeredAt: T + 3000, resolvedAt: T + 3000 });
    expect(ledgerEntries([order], [t])).toEqual([
      expect.objectContaining({
        kind: 'price-difference',
        platform: 'pdd',
        amount: { amount: 500, currency: 'CNY' },
        text: '补偿5元已到账',
        evidenceIds: ['ev-reply', 'ev-1'],
      }),
    ]);
  });

  it.each([0, -500, 12.5])('refuses a recovered amount of %s', (amount) => {
    expect(() => markResolved(sent, T, { amount, currency: 'CNY' })).toThrow(RangeError);
  });
});
