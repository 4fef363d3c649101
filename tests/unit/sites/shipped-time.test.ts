/**
 * The parcel's facts on shop pages (issue 18 item 4): the shipped time wherever a page states it (the date before or
 * after its label, in embedded data or text), never a ship-by promise (that is `shipBy`), and the carrier the page
 * names. A table over every order fixture in tests/fixtures/sites, then the text and data readers on their own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractPage } from '@/lib/sites';
import { shipByIn, shippedInData, shippedInText } from '@/lib/sites/build';

const FIXTURES = join(__dirname, '../../fixtures/sites');
const SHIPPED = Date.UTC(2025, 10, 7, 4, 39, 38); // 2025-11-07 12:39:38 Shanghai
const NOW = 1762700000000;

/** Every order fixture: [fixture, shippedAt, shipBy, carrier]. */
const TABLE: [string, number | undefined, number | undefined, string | undefined][] = [
  ['douyin/order', undefined, undefined, undefined],
  ['jd/order-detail', SHIPPED, undefined, 'JD'],
  ['pdd/order', SHIPPED, undefined, 'YTO'],
  ['pdd/orders', undefined, undefined, undefined],
  ['taobao/trade-detail', SHIPPED, undefined, 'ZTO'],
  // Date before its label (orderBar node {date, text: 卖家发货}), no 发货时间 row, and a "11月08日 11:56前发货" promise.
  ['taobao/trade-detail-2025', SHIPPED, Date.UTC(2025, 10, 8, 3, 56), 'ZTO'],
  ['tmall/order-detail', SHIPPED, undefined, 'SF'],
];

describe('shipped time, ship-by and carrier on every order fixture', () => {
  it('the table covers every order fixture', () => {
    const orders = readdirSync(FIXTURES).flatMap((p) =>
      readdirSync(join(FIXTURES, p))
        .filter((f) => f.endsWith('.expected.json'))
        .filter(
          (f) =>
            (JSON.parse(readFileSync(join(FIXTURES, p, f), 'utf8')) as { snapshot?: { kind?: string } }).snapshot
              ?.kind === 'order',
        )
        .map((f) => `${p}/${f.replace('.expected.json', '')}`),
    );
    expect(TABLE.map((r) => r[0]).sort()).toEqual(orders.sort());
  });

  it.each(TABLE)('%s: shipped %s, ship-by %s, carrier %s', (name, shippedAt, shipBy, carrier) => {
    const { url, now } = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as {
      url: string;
      now: number;
    };
    document.documentElement.innerHTML = readFileSync(join(FIXTURES, `${name}.html`), 'utf8');
    const s = extractPage(document, url, now);
    expect(s?.kind).toBe('order');
    if (s?.kind !== 'order') return;
    expect(s.shippedAt).toBe(shippedAt);
    expect(s.shipBy).toBe(shipBy);
    expect(s.carrier).toBe(carrier);
  });
});

describe('shipped time in text', () => {
  it.each([
    ['发货时间：2025-11-07 12:39:38', SHIPPED],
    ['发货时间 2025/11/07 12:39:38', SHIPPED],
    ['2025-11-07 12:39:38 卖家发货', SHIPPED],
    ['2025-11-07 12:39:38\n商家发货', SHIPPED],
    ['卖家发货\n11月07日 12:39:38', SHIPPED],
    ['11月08日 11:56前发货', null],
    ['卖家承诺 2025-11-08 11:56 之前发货', null],
    ['预计发货时间：2025-11-08 11:56', null],
    ['11月08日 11:56前发货 2025-11-07 12:39:38 卖家发货', SHIPPED],
    ['付款时间：2025-11-06 23:09:33', null],
    ['', null],
  ])('%j → %s', (text, at) => {
    expect(shippedInText(text, NOW)).toBe(at);
  });

  it.each([
    [['11月08日 11:56前发货'], Date.UTC(2025, 10, 8, 3, 56)],
    [['卖家承诺2025-11-08 11:56前完成发货'], Date.UTC(2025, 10, 8, 3, 56)],
    [['48小时内发货'], null],
    [['2025-11-07 12:39:38', '卖家发货'], null],
  ])('ship-by %j → %s', (texts, at) => {
    expect(shipByIn(texts, NOW)).toBe(at);
  });
});

describe('shipped time in data', () => {
  it.each([
    ['date before label in a node', { nodes: [{ date: '2025-11-07 12:39:38', index: 3, text: '卖家发货' }] }, SHIPPED],
    ['label before date in a node', { nodes: [{ content: '卖家发货', time: '2025-11-07 12:39:38' }] }, SHIPPED],
    [
      'a later node’s date is not this node’s',
      { nodes: [{ text: '卖家发货' }, { text: '确认收货', date: '2025-11-09 10:00:00' }] },
      null,
    ],
    ['a promise is not a label', { tip: { text: '11月08日 11:56前发货', date: '2025-11-08 11:56:00' } }, null],
  ])('%s', (_name, data, at) => {
    const flat: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') flat.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(data);
    expect(shippedInData(data, flat, NOW)).toBe(at);
  });
});
