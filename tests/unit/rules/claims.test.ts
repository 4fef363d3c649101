import { evaluate } from '../../../lib/rules/index';
import type { ClaimSnapshot, PageSnapshot } from '../../../lib/core/model';
import { D, T0, cny, ofKind, order, product } from './builders';

const claim = (fields: Partial<ClaimSnapshot>): ClaimSnapshot => ({
  kind: 'claim',
  platform: 'jd',
  url: 'https://pcsitepp-fm.jd.com/',
  orderId: 'O1',
  productId: 'P1',
  status: 'success',
  refund: cny(1200),
  text: '价保成功',
  capturedAt: T0 + 3 * D,
  ...fields,
});
const drops = (snapshots: PageSnapshot[], now: number) => ofKind(evaluate({ snapshots }, now), 'price-drop');

describe('price-drop sees the platform’s own 价保 answers (issue #19)', () => {
  const base = [order(), product(8800, T0 + 2 * D)];

  it('a success for the order’s item closes the drop as recovered', () => {
    expect(drops(base, T0 + 3 * D)).toHaveLength(1);
    expect(drops([...base, claim({})], T0 + 4 * D)).toEqual([]);
  });

  it('a success naming only the order closes every item of it', () => {
    expect(drops([...base, claim({ productId: undefined })], T0 + 4 * D)).toEqual([]);
  });

  it.each(['failed', 'ineligible', 'pending'] as const)(
    'a %s answer keeps the alert open (the complaint is next)',
    (status) => {
      expect(drops([...base, claim({ status, refund: undefined, text: '价保失败' })], T0 + 4 * D)).toHaveLength(1);
    },
  );

  it('another order’s, another SKU’s or another platform’s success changes nothing; a future one is not known yet', () => {
    for (const other of [
      claim({ orderId: 'O2' }),
      claim({ productId: 'P2' }),
      claim({ platform: 'taobao' }),
      claim({ capturedAt: T0 + 6 * D }),
    ])
      expect(drops([...base, other], T0 + 4 * D)).toHaveLength(1);
  });

  it('a success whose refund the order cannot have paid (more than paid, another currency, 0) leaves the drop open', () => {
    // The order paid ¥100.00: a page (misread, or forged) saying "success ¥100.01" must not hide the drop still owed.
    for (const refund of [cny(10001), { amount: 1200, currency: 'USD' }, cny(0)])
      expect(drops([...base, claim({ refund })], T0 + 4 * D), JSON.stringify(refund)).toHaveLength(1);
    // Up to what was paid, or no amount stated at all, it is recovered; one credible success among others is enough.
    expect(drops([...base, claim({ refund: cny(10000) })], T0 + 4 * D)).toEqual([]);
    expect(drops([...base, claim({ refund: undefined })], T0 + 4 * D)).toEqual([]);
    expect(drops([...base, claim({ refund: cny(99900) }), claim({ refund: cny(1200) })], T0 + 4 * D)).toEqual([]);
  });

  it('the expiring reminder goes with the recovered drop', () => {
    const end = T0 + 7 * D - 3_600_000;
    expect(ofKind(evaluate({ snapshots: base }, end), 'protection-expiring')).toHaveLength(1);
    expect(ofKind(evaluate({ snapshots: [...base, claim({})] }, end), 'protection-expiring')).toEqual([]);
  });
});

describe('a refusal of the platform’s own 价保 page', () => {
  it('keeps the drop open, says why, and the latest refusal wins', () => {
    const base = [order(), product(8800, T0 + 2 * D)];
    const [alert] = drops(
      [
        ...base,
        claim({ status: 'failed', refund: undefined, text: '旧的拒绝', capturedAt: T0 + 2 * D }),
        claim({ status: 'ineligible', refund: undefined, text: '无差价', capturedAt: T0 + 3 * D }),
      ],
      T0 + 4 * D,
    );
    expect(alert).toMatchObject({ claimRefused: '无差价' });
    expect(alert?.message).toContain('平台价保被拒：无差价');
    expect(drops(base, T0 + 4 * D)[0]).not.toHaveProperty('claimRefused');
  });
});
