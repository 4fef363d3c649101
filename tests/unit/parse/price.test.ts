import fc from 'fast-check';
import { decimalToMinor, fullScan, parsePrice, parsePriceDetailed, parseSignedPrice } from '../../../lib/parse/price';

// [text as seen on a page, amount in minor units, currency]
const PRICES: [string, number, string][] = [
  // JD
  ['￥5499.00', 549900, 'CNY'],
  ['¥5499.00', 549900, 'CNY'],
  ['京东价 ￥1,299.00', 129900, 'CNY'],
  ['京东价：￥1299.00', 129900, 'CNY'],
  ['￥ 3,999.00', 399900, 'CNY'],
  ['PLUS价 ￥1,249.00', 124900, 'CNY'],
  ['PLUS价￥89.90', 8990, 'CNY'],
  ['plus价 ¥89.90', 8990, 'CNY'],
  ['秒杀价 ￥29.90', 2990, 'CNY'],
  ['￥199.00 秒杀价', 19900, 'CNY'],
  ['补贴领后价 ￥4,599', 459900, 'CNY'],
  ['到手价 ￥4599', 459900, 'CNY'],
  ['预售价 ￥6999.00', 699900, 'CNY'],
  ['￥\n 99\n.00', 9900, 'CNY'],
  ['¥\n 99\n.00', 9900, 'CNY'],
  ['￥ 99 .00', 9900, 'CNY'],
  ['实付款：¥1,288.00', 128800, 'CNY'],
  ['商品总价 ￥5,499.00', 549900, 'CNY'],
  ['总额 ¥ 59.80', 5980, 'CNY'],
  ['合计：¥ 0.01', 1, 'CNY'],
  // Taobao / Tmall
  ['券后 ¥89', 8900, 'CNY'],
  ['券后¥89起', 8900, 'CNY'],
  ['到手价¥ 12.9', 1290, 'CNY'],
  ['¥12.9到手价', 1290, 'CNY'],
  ['¥12.90-25.00', 1290, 'CNY'],
  ['¥12.90 - ¥25.00', 1290, 'CNY'],
  ['12.9~25', 1290, 'CNY'],
  ['¥ 39.90 ~ 59.90', 3990, 'CNY'],
  ['¥128～¥258', 12800, 'CNY'],
  ['平台加补后 ¥3,899', 389900, 'CNY'],
  ['百亿补贴 ¥4,699', 469900, 'CNY'],
  ['国庆价 ¥199', 19900, 'CNY'],
  ['领券后 ¥59.9', 5990, 'CNY'],
  ['优惠前¥79.9', 7990, 'CNY'],
  ['折后 ¥45.00', 4500, 'CNY'],
  ['优惠价¥159', 15900, 'CNY'],
  ['原价¥199 券后¥99', 9900, 'CNY'],
  ['券后 ¥89 2件', 8900, 'CNY'],
  ['2件 ¥158', 15800, 'CNY'],
  ['2件 158', 15800, 'CNY'],
  ['双11价 99', 9900, 'CNY'],
  ['3期免息 5999', 599900, 'CNY'],
  ['9折 89.10', 8910, 'CNY'],
  ['iPhone 16e 128GB ¥4,499', 449900, 'CNY'],
  ['¥ 2,399.00', 239900, 'CNY'],
  ['￥１２９．００', 12900, 'CNY'],
  ['￥１，２９９．００', 129900, 'CNY'],
  ['１２９元', 12900, 'CNY'],
  ['¥.5', 50, 'CNY'],
  ['.5', 50, 'CNY'],
  ['99.', 9900, 'CNY'],
  ['¥99.', 9900, 'CNY'],
  // PDD / Douyin
  ['拼单价 ¥9.9', 990, 'CNY'],
  ['单独购买价 ¥15.8', 1580, 'CNY'],
  ['¥6.66', 666, 'CNY'],
  ['已拼10万+件 ¥19.9', 1990, 'CNY'],
  ['99元', 9900, 'CNY'],
  ['9.9元包邮', 990, 'CNY'],
  ['1.2万', 1200000, 'CNY'],
  ['¥1.2万', 1200000, 'CNY'],
  ['1.2万元', 1200000, 'CNY'],
  ['3万', 3000000, 'CNY'],
  ['0.5亿', 5000000000, 'CNY'],
  ['人民币 88', 8800, 'CNY'],
  ['RMB 88', 8800, 'CNY'],
  ['RMB88.50', 8850, 'CNY'],
  ['rmb 88', 8800, 'CNY'],
  ['CNY 1,299.00', 129900, 'CNY'],
  ['88 CNY', 8800, 'CNY'],
  ['1299', 129900, 'CNY'],
  ['1,299', 129900, 'CNY'],
  ['12,345,678.90', 1234567890, 'CNY'],
  ['¥0.00', 0, 'CNY'],
  ['¥0', 0, 'CNY'],
  // rounding: more than 2 decimals rounds half up on the digits
  ['12.345', 1235, 'CNY'],
  ['12.344', 1234, 'CNY'],
  ['0.005', 1, 'CNY'],
  ['0.004', 0, 'CNY'],
  ['¥19.999', 2000, 'CNY'],
  ['¥0.1 + 0.2', 10, 'CNY'],
  // other currencies
  ['US$19.99', 1999, 'USD'],
  ['$19.99', 1999, 'USD'],
  ['USD 1,234.56', 123456, 'USD'],
  ['19.99 USD', 1999, 'USD'],
  ['美元 25', 2500, 'USD'],
  ['€ 1.299,00', 129900, 'EUR'],
  ['€12,90', 1290, 'EUR'],
  ['EUR 49.95', 4995, 'EUR'],
  ['1.299,00 €', 129900, 'EUR'],
  ['£7.50', 750, 'GBP'],
  ['GBP 1,000', 100000, 'GBP'],
  ['￡12', 1200, 'GBP'],
  ['HK$ 1,288', 128800, 'HKD'],
  ['HKD 88.80', 8880, 'HKD'],
  ['港币 100', 10000, 'HKD'],
  ['JPY 1,000', 1000, 'JPY'],
  ['1,000円', 1000, 'JPY'],
  ['JPY 1,234.5', 1235, 'JPY'],
  ['日元 3980', 3980, 'JPY'],
  ['NT$ 990', 990, 'TWD'],
];

const GARBAGE: string[] = [
  '',
  '   ',
  '免费',
  '暂无报价',
  '--',
  '¥--',
  '￥ -- ',
  '价格待定',
  'abc',
  '到手价',
  '¥',
  '.',
  ',',
  '¥.',
  '99999999999999999',
  '¥123456789012345678.00',
  '1e21',
  '1.5E+3',
  '-￥23.00',
  '- ¥ 23',
  '优惠 -¥23.00',
  '¥-5',
  '−12.00',
  '敬请期待',
  '已售罄',
];

describe('parsePrice', () => {
  it('has a large table', () => expect(PRICES.length + GARBAGE.length).toBeGreaterThanOrEqual(80));

  it.each(PRICES)('%j → %i %s', (text, amount, currency) => {
    expect(parsePrice(text)).toEqual({ amount, currency });
  });

  it.each(GARBAGE)('%j → null', (text) => {
    expect(parsePrice(text)).toBeNull();
  });

  it('never returns a float', () => {
    for (const [text] of PRICES) expect(Number.isInteger(parsePrice(text)?.amount)).toBe(true);
  });
});

describe('parsePriceDetailed', () => {
  it.each([
    ['券后 ¥89', '券后', true],
    ['到手价¥ 12.9', '到手价', true],
    ['平台加补后 ¥3,899', '平台加补后', true],
    ['领券后 ¥59.9', '领券后', true],
    ['预估到手价 ¥1,999', '预估到手价', true],
    ['百亿补贴 ¥4,699', '百亿补贴', true],
    ['PLUS价 ￥1,249.00', 'PLUS价', true],
    ['京东价 ￥1,299.00', '京东价', false],
    ['秒杀价 ￥29.90', '秒杀价', false],
    ['折后 ¥45.00', '折后', false],
    ['¥199.00 秒杀价', '秒杀价', false],
    ['原价¥199 券后¥99', '券后', true],
  ] as const)('%j → label %s, conditional %s', (text, label, conditional) => {
    expect(parsePriceDetailed(text)).toMatchObject({ label, conditional });
  });

  it('has no label for a bare number', () => {
    expect(parsePriceDetailed('￥5499.00')).toEqual({ price: { amount: 549900, currency: 'CNY' }, conditional: false });
  });

  it.each([
    ['¥12.90-25.00', 1290, 2500],
    ['12.9~25', 1290, 2500],
    ['¥128～¥258', 12800, 25800],
    ['12元-25元', 1200, 2500],
    ['1.2万-1.5万元', 1200000, 1500000],
    ['¥ 39.90 至 59.90', 3990, 5990],
  ])('%j is a range %i–%i, the low bound is the price', (text, low, high) => {
    const r = parsePriceDetailed(text);
    expect(r?.price.amount).toBe(low);
    expect(r?.low?.amount).toBe(low);
    expect(r?.high?.amount).toBe(high);
  });

  it('a descending pair is not a range', () => {
    expect(parsePriceDetailed('25-12')?.high).toBeUndefined();
  });
});

describe('parseSignedPrice', () => {
  it.each([
    ['-￥23.00', -2300, 'CNY'],
    ['- ¥ 23', -2300, 'CNY'],
    ['优惠 -¥23.00', -2300, 'CNY'],
    ['店铺优惠：-￥5.00', -500, 'CNY'],
    ['¥-5', -500, 'CNY'],
    ['−12.00', -1200, 'CNY'],
    ['-$3.50', -350, 'USD'],
    ['运费 ￥0.00', 0, 'CNY'],
    ['-¥0.00', 0, 'CNY'],
    ['￥23.00', 2300, 'CNY'],
    ['¥12.90-25.00', 1290, 'CNY'],
  ])('%j → %i %s', (text, amount, currency) => {
    expect(parseSignedPrice(text)).toEqual({ amount, currency });
  });

  it.each(['', '--', '免费'])('%j → null', (text) => expect(parseSignedPrice(text)).toBeNull());
});

describe('decimalToMinor', () => {
  it.each([
    ['5499.00', 2, 549900],
    ['12.9', 2, 1290],
    ['12', 2, 1200],
    ['.5', 2, 50],
    ['99.', 2, 9900],
    ['0', 2, 0],
    [' 12.90 ', 2, 1290],
    ['12.345', 2, 1235],
    ['1000', 0, 1000],
    ['1000.5', 0, 1001],
    ['0.1', 2, 10],
    ['90071992547409.91', 2, 9007199254740991],
  ] as const)('%j (%i digits) → %i', (s, digits, minor) => {
    expect(decimalToMinor(s, digits)).toBe(minor);
  });

  it.each(['', '.', 'abc', '-5', '+5', '1,299.00', '1e3', '12.3.4', '90071992547409.92', 'NaN'])('%j → null', (s) => {
    expect(decimalToMinor(s)).toBeNull();
  });

  it('rejects odd digit counts', () => {
    expect(decimalToMinor('1', -1)).toBeNull();
    expect(decimalToMinor('1', 1.5)).toBeNull();
  });
});

describe('plain price shortcut', () => {
  // scan() reads "￥89.90"-shaped text directly; every such text must read exactly as the full scan reads it.
  const piece = fc.constantFrom(
    ' ',
    '\u3000',
    '\u00a0',
    '\ufeff',
    '\n',
    '¥',
    '￥',
    '.',
    '0',
    '1',
    '5',
    '9',
    '12',
    '99',
    '.90',
    '.5',
  );
  it('agrees with the full scan on every text of the plain shape (and near it)', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 14 }).map((p) => p.join('')),
        (text) => {
          const s = fullScan(text);
          const expected = s && !s.negative ? s : null;
          const got = parsePriceDetailed(text);
          expect(got ? { amount: got.price.amount, currency: got.price.currency, label: got.label } : null).toEqual(
            expected ? { amount: expected.amount, currency: expected.currency, label: expected.label } : null,
          );
          expect(got?.high).toEqual(
            expected?.high === undefined ? undefined : { amount: expected.high, currency: expected.currency },
          );
        },
      ),
      { numRuns: 3000 },
    );
  });
  it.each(['￥89.90', ' ¥ 1299 ', '59.9', '0', '000012.5', '\u3000￥5499.00\n'])(
    '%j reads the same both ways',
    (text) => {
      expect(parsePriceDetailed(text)?.price).toEqual(
        ((s) => (s ? { amount: s.amount, currency: s.currency } : undefined))(fullScan(text)),
      );
    },
  );
});
