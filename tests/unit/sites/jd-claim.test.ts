import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readResponse } from '@/lib/sites';
import {
  classifyClaimText,
  nextShanghaiDay,
  readClaimLines,
  readOnceApply,
  refundInText,
  yuanToFen,
} from '@/lib/sites/jd-claim';
import { keptUrl } from '@/lib/content/page-responses/urls';

const DIR = resolve(__dirname, '../../fixtures/responses/jd-claim');
const json = (name: string): unknown => JSON.parse(readFileSync(resolve(DIR, name), 'utf8'));
const NOW = Date.UTC(2026, 10, 22, 4, 0); // 12:00 in Shanghai
const PC = 'https://pcsitepp-fm.jd.com/';
const APPLY = 'https://pcsitepp-fm.jd.com/rest/pricepro/skuProtectApply?orderId=301234567890&skuId=100012345678';
const ONCE_PAGE = 'https://h5.m.jd.com/babelDiy/Zeus/2RePMzTqg6UoffvMwtwVeMcnPGeg/index.html?type=25';

describe('JD 价保 answer texts (PLATFORMS.md)', () => {
  it.each([
    ['价保成功', 'success', undefined],
    ['申请成功', 'success', undefined],
    ['恭喜您价保成功，退款¥12.00已退回', 'success', 1200],
    ['价保成功 退款 8.5元', 'success', 850],
    ['不支持价保', 'ineligible', undefined],
    ['该商品已超过价保周期', 'ineligible', undefined],
    ['未开通价保服务', 'ineligible', undefined],
    ['无差价', 'ineligible', undefined],
    ['商品参加了满减活动，价保失败', 'failed', undefined],
  ] as const)('%s → %s', (text, status, refund) => {
    const a = classifyClaimText(text, NOW);
    expect(a?.status).toBe(status);
    expect(a?.refund?.amount).toBe(refund);
    expect(a?.retryAt).toBeUndefined();
  });

  it.each([
    ['10分钟内只能申请一次', NOW + 10 * 60_000],
    ['单日申请上限10次', Date.UTC(2026, 10, 22, 16, 0)], // next midnight in Shanghai
    ['不要频繁点我', NOW + 10 * 60_000],
  ])('throttle %s → pending, try again at the allowed time, never now', (text, at) => {
    expect(classifyClaimText(text, NOW)).toEqual({ status: 'pending', text, retryAt: at });
  });

  it.each(['', '   ', '预计1分钟内返回价保结果', '系统繁忙'])('interim or empty %j is not an answer yet', (t) =>
    expect(classifyClaimText(t, NOW)).toBeNull(),
  );

  it('midnight in Shanghai, from just before and just after it', () => {
    expect(nextShanghaiDay(Date.UTC(2026, 10, 22, 15, 59))).toBe(Date.UTC(2026, 10, 22, 16, 0));
    expect(nextShanghaiDay(Date.UTC(2026, 10, 22, 16, 0))).toBe(Date.UTC(2026, 10, 23, 16, 0));
  });

  it.each<[unknown, number | null]>([
    ['12.00', 1200],
    [12.5, 1250],
    ['¥3', 300],
    ['0', 0],
    ['-5.00', null],
    [-5, null],
    ['12.345', null],
    ['abc', null],
    [Number.NaN, null],
    [Infinity, null],
    ['1e9', null],
    [null, null],
    [{ amount: 1 }, null],
  ])('yuanToFen(%j) = %j', (v, fen) => expect(yuanToFen(v)).toBe(fen));

  it('a refund in a text is never negative or zero', () => {
    expect(refundInText('退款¥0.00')).toBeNull();
    expect(refundInText('退款 -¥5')).toBeNull();
    expect(refundInText('退款-3元')).toBeNull();
    expect(refundInText('没有金额')).toBeNull();
  });
});

describe('JD 价保 responses (constructed fixtures) through readResponse', () => {
  it('ApplySuccess: the refund in fen, the order and SKU', () => {
    expect(readResponse(APPLY, json('apply-success-constructed.json'), PC, NOW)).toEqual([
      {
        kind: 'claim',
        platform: 'jd',
        url: PC,
        orderId: '301234567890',
        productId: '100012345678',
        status: 'success',
        text: '价保成功，退款¥12.00将退回原支付账户',
        refund: { amount: 1200, currency: 'CNY' },
        capturedAt: NOW,
      },
    ]);
  });

  it('ApplyFail: refused with the reason', () => {
    const [c] = readResponse(APPLY, json('apply-fail-constructed.json'), PC, NOW);
    expect(c).toMatchObject({ status: 'failed', text: '商品参加了满减活动，价保失败', orderId: '301234567890' });
    expect(c).not.toHaveProperty('refund');
  });

  it('ApplyFail with a throttle text: pending with retryAt', () => {
    const [c] = readResponse(APPLY, json('apply-throttled-constructed.json'), PC, NOW);
    expect(c).toMatchObject({ status: 'pending', retryAt: NOW + 600_000 });
  });

  it('skuProResultPC overTime: not eligible', () => {
    const url = 'https://sitepp-fm.jd.com/rest/webserver/skuProResultPC';
    const [c] = readResponse(url, json('result-overtime-constructed.json'), PC, NOW);
    expect(c).toMatchObject({ status: 'ineligible', orderId: '301234567890', productId: '100012345678' });
  });

  it('one-click: succAmount is the refund, the coupon is not', () => {
    const [c] = readResponse(
      'https://api.m.jd.com/api?functionId=x',
      json('once-apply-success-constructed.json'),
      ONCE_PAGE,
      NOW,
    );
    expect(c).toMatchObject({ status: 'success', refund: { amount: 2550, currency: 'CNY' } });
    expect(c).not.toHaveProperty('orderId');
  });

  it('is read only on JD’s 价保 pages, and the main world keeps only those URLs', () => {
    expect(
      readResponse(APPLY, json('apply-success-constructed.json'), 'https://order.jd.com/center/list.action', NOW),
    ).toEqual([]);
    expect(keptUrl(APPLY)).toBe(true);
    expect(keptUrl('https://sitepp-fm.jd.com/rest/webserver/skuProResultPC')).toBe(true);
    expect(keptUrl('https://pcsitepp-fm.jd.com/rest/pricepro/other')).toBe(false);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'ApplySuccess'],
    ['an array of junk', [1, 'x', null, [[[]]]]],
    ['a negative amount', { proApplyStatus: 'ApplySuccess', refundtotalamount: '-12.00' }],
    ['a non-numeric amount', { proApplyStatus: 'ApplySuccess', refundtotalamount: '十二元' }],
    ['a float-looking amount', { proApplyStatus: 'ApplySuccess', refundtotalamount: 1e12 }],
    ['a prototype trap', JSON.parse('{"__proto__": {"proApplyStatus": "ApplySuccess", "refundtotalamount": "9"}}')],
  ])('hostile or malformed (%s): never a counted refund, never a throw', (_name, body) => {
    const out = readResponse(APPLY, body, PC, NOW);
    for (const c of out) if (c.kind === 'claim') expect(c.refund).toBeUndefined();
  });

  it('a huge message is cut, an unknown status says nothing', () => {
    const [c] = readResponse(APPLY, { proApplyStatus: 'ApplyFail', proApplyMsg: 'x'.repeat(100_000) }, PC, NOW);
    expect(c?.kind === 'claim' && c.text.length).toBe(300);
    expect(readResponse(APPLY, { proApplyStatus: 'Whatever' }, PC, NOW)).toEqual([]);
  });

  it('one-click with zero refund: not eligible; a throttle message: pending', () => {
    expect(readOnceApply({ data: { succAmount: 0 } }, NOW)?.status).toBe('ineligible');
    expect(readOnceApply({ data: { succAmount: 0, msg: '不要频繁点我' } }, NOW)?.status).toBe('pending');
    expect(readOnceApply({ data: {} }, NOW)).toBeNull();
  });
});

describe('the PC 价保 page’s lines (constructed page)', () => {
  const page = () => {
    document.documentElement.innerHTML = readFileSync(resolve(DIR, 'pc-page-constructed.html'), 'utf8');
    return document;
  };
  it('reads a line’s final text into a claim with its order and SKU; interim and empty lines say nothing', () => {
    const doc = page();
    (doc.getElementById('applyResult_301234567890_100012345678_1') as HTMLElement).textContent = '价保成功，退款¥12.00';
    (doc.getElementById('applyResult_301234567891_100012345679_1') as HTMLElement).textContent = '预计1分钟内返回';
    expect(readClaimLines(doc, PC, NOW)).toEqual([
      expect.objectContaining({
        orderId: '301234567890',
        productId: '100012345678',
        status: 'success',
        refund: { amount: 1200, currency: 'CNY' },
      }),
    ]);
  });
});
