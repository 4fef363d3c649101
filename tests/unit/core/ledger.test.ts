import { ledgerCsv, ledgerEntries, ledgerTotals, monthOf } from '@/lib/core/ledger';
import type { ClaimSnapshot, Evidence, OrderSnapshot, Ticket } from '@/lib/core/model';

const T = Date.UTC(2026, 10, 20, 4, 0);
const cny = (amount: number) => ({ amount, currency: 'CNY' });
const order = (orderId: string, paid = 10000, platform: OrderSnapshot['platform'] = 'jd'): OrderSnapshot => ({
  kind: 'order',
  platform,
  url: `https://details.jd.com/normal/item.action?orderid=${orderId}`,
  orderId,
  paid: cny(paid),
  items: [{ productId: 'P1', title: 'x', quantity: 1 }],
  capturedAt: T - 86_400_000,
});
const claim = (f: Partial<ClaimSnapshot & { id: number }> = {}): ClaimSnapshot & { id: number } => ({
  id: 7,
  kind: 'claim',
  platform: 'jd',
  url: 'https://pcsitepp-fm.jd.com/',
  orderId: 'O1',
  productId: 'P1',
  status: 'success',
  refund: cny(1200),
  text: '价保成功',
  capturedAt: T,
  ...f,
});
const ticket = (f: Partial<Ticket> = {}): Ticket => ({
  version: 1,
  id: 'T1',
  type: 'price-protection',
  channel: 'seller',
  status: 'resolved',
  platform: 'pdd',
  orderId: 'P-1',
  createdAt: T - 3_600_000,
  resolvedAt: T + 1000,
  evidenceIds: ['e-ticket'],
  text: {},
  recovered: cny(500),
  ...f,
});
const shot = { id: 'e-claim', kind: 'claim-screenshot', orderId: 'O1', snapshotId: 7, capturedAt: T + 500 } as Evidence;

describe('money recovered ledger', () => {
  it('a 价保 success and a resolved ticket become entries linked to their evidence', () => {
    const entries = ledgerEntries([order('O1'), order('P-1', 3000, 'pdd'), claim()], [ticket()], [shot]);
    expect(entries.map((e) => [e.kind, e.platform, e.amount.amount, e.evidenceIds])).toEqual([
      ['price-difference', 'pdd', 500, ['e-ticket']],
      ['price-protection', 'jd', 1200, ['e-claim']],
    ]);
  });

  it.each([
    ['larger than what was paid', claim({ refund: cny(10001) })],
    ['for an order we do not hold', claim({ orderId: 'O9' })],
    ['with no amount', claim({ refund: undefined })],
    ['of zero', claim({ refund: cny(0) })],
    ['in another currency than the order', claim({ refund: { amount: 100, currency: 'USD' } })],
    ['a refusal', claim({ status: 'failed' })],
    ['a throttle', claim({ status: 'pending', refund: undefined })],
  ])('an answer %s is text only, never money', (_n, c) => {
    expect(ledgerEntries([order('O1'), c], [])).toEqual([]);
  });

  it('the same refund read twice (the line and its response) counts once', () => {
    expect(ledgerEntries([order('O1'), claim(), claim({ id: 8, capturedAt: T + 5 })], [])).toHaveLength(1);
  });

  it('tickets count only when resolved with an amount that fits the order', () => {
    const o = order('P-1', 3000, 'pdd');
    expect(ledgerEntries([o], [ticket({ status: 'answered' })])).toEqual([]);
    expect(ledgerEntries([o], [ticket({ recovered: undefined })])).toEqual([]);
    expect(ledgerEntries([o], [ticket({ recovered: cny(3001) })])).toEqual([]);
    expect(ledgerEntries([], [ticket({ orderId: undefined, platform: undefined })])[0]?.platform).toBe('other');
    expect(ledgerEntries([o], [ticket({ type: 'return-logistics' })])[0]?.kind).toBe('shipping');
    expect(ledgerEntries([o], [ticket({ type: 'not-as-described' })])[0]?.kind).toBe('compensation');
  });

  it('sums in integer fen per currency, this month and all time, by platform and kind; never across currencies', () => {
    const usdOrder = { ...order('O2'), paid: { amount: 5000, currency: 'USD' } };
    const lastMonth = Date.UTC(2026, 9, 15);
    const entries = ledgerEntries(
      [
        order('O1'),
        order('O3'),
        usdOrder,
        claim(),
        claim({ orderId: 'O3', refund: cny(1), capturedAt: lastMonth }),
        claim({ orderId: 'O2', refund: { amount: 250, currency: 'USD' } }),
      ],
      [],
    );
    expect(ledgerTotals(entries, T + 86_400_000, 'Asia/Shanghai')).toEqual([
      { currency: 'CNY', all: 1201, month: 1200, byPlatform: { jd: 1201 }, byKind: { 'price-protection': 1201 } },
      { currency: 'USD', all: 250, month: 250, byPlatform: { jd: 250 }, byKind: { 'price-protection': 250 } },
    ]);
  });

  it('months are the shopper’s (Shanghai here): 23:30 on the last day is still that month', () => {
    expect(monthOf(Date.UTC(2026, 10, 30, 15, 30), 'Asia/Shanghai')).toBe('2026-11');
    expect(monthOf(Date.UTC(2026, 10, 30, 16, 30), 'Asia/Shanghai')).toBe('2026-12');
  });

  it('CSV: amounts in fen and yuan, formula-looking text defused, quotes escaped', () => {
    const csv = ledgerCsv(ledgerEntries([order('O1'), claim({ text: '=HYPERLINK("x"),价保成功' })], [], [shot]));
    expect(csv.startsWith('\uFEFFtime,platform,kind,amount_minor,currency,amount')).toBe(true);
    expect(csv).toContain(',jd,price-protection,1200,CNY,12.00,O1,P1,claim,"\'=HYPERLINK(""x""),价保成功",e-claim\r\n');
  });
});
