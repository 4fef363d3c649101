/** Builders for the rules tests: a real-looking JD/Taobao timeline in a few words. */
import type { Alert, LogisticsSnapshot, OrderSnapshot, ProductSnapshot, Stage, Ticket } from '../../../lib/core/model';

export const MIN = 60_000;
export const H = 60 * MIN;
export const D = 24 * H;
/** 2026-06-01 10:00 Asia/Shanghai: paid in the morning, like most timelines in the fixtures. */
export const T0 = Date.UTC(2026, 5, 1, 2, 0);

export const cny = (amount: number) => ({ amount, currency: 'CNY' });

export function order(fields: Partial<OrderSnapshot> = {}): OrderSnapshot {
  return {
    kind: 'order',
    platform: 'jd',
    url: 'https://details.jd.com/normal/item.action?orderid=O1',
    orderId: 'O1',
    paidAt: T0,
    paid: cny(10000),
    items: [{ productId: 'P1', title: '小米 充电宝 20000mAh', unitPrice: cny(10000), quantity: 1 }],
    status: '等待收货',
    capturedAt: T0,
    ...fields,
  };
}

export function product(amount: number, capturedAt: number, fields: Partial<ProductSnapshot> = {}): ProductSnapshot {
  return {
    kind: 'product',
    platform: 'jd',
    url: 'https://item.jd.com/P1.html',
    productId: 'P1',
    title: '小米 充电宝 20000mAh',
    price: cny(amount),
    capturedAt,
    ...fields,
  };
}

const TEXTS: Record<Stage, string> = {
  info: '商家已通知快递公司揽件',
  pickup: '【深圳市】顺丰速运 已收取快件',
  transit: '快件已发往 上海转运中心',
  delivering: '快件交给王师傅，正在派送途中',
  locker: '快件已放入丰巢快递柜',
  delivered: '快件已签收，签收人：本人',
  exception: '快件滞留，收件地址不详',
  returning: '快件已退回寄件人',
};

/** Events as [at, stage]; captured at the last event unless told. */
export function parcel(events: [number, Stage][], fields: Partial<LogisticsSnapshot> = {}): LogisticsSnapshot {
  const last = events[events.length - 1]?.[0] ?? T0;
  return {
    kind: 'logistics',
    url: 'https://www.kuaidi100.com/',
    orderId: 'O1',
    trackingNumber: 'SF1234567890',
    carrier: 'SF',
    events: events.map(([at, stage]) => ({ at, stage, text: TEXTS[stage] })),
    capturedAt: last,
    ...fields,
  };
}

export function ticket(fields: Partial<Ticket> = {}): Ticket {
  return {
    version: 1,
    id: 'T1',
    type: 'price-protection',
    channel: 'seller',
    status: 'sent',
    platform: 'jd',
    orderId: 'O1',
    createdAt: T0,
    sentAt: T0,
    evidenceIds: [],
    text: {},
    ...fields,
  };
}

export const ids = (alerts: Alert[]) => alerts.map((a) => a.id);
export const ofKind = (alerts: Alert[], kind: Alert['kind']) => alerts.filter((a) => a.kind === kind);

/**
 * Random but realistic histories for property tests: few ids so orders, parcels and prices collide,
 * hour-grained times so ties happen, texts tied to stages (the classifier is a function of the text).
 */
import fc from 'fast-check';
import type { PageSnapshot } from '../../../lib/core/model';
import { STAGES } from '../../../lib/core/model';
import type { RulesHistory } from '../../../lib/rules/index';

const at = fc.integer({ min: 0, max: 120 }).map((h) => T0 + h * H);
const platform = fc.oneof(
  { arbitrary: fc.constant('jd' as const), weight: 3 },
  { arbitrary: fc.constant('taobao' as const), weight: 1 },
);
const stage = fc.constantFrom(...STAGES);

/** Mostly absent: a stated window end or a ship time on every order would hide the default paths. */
const rarely = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });

export function orderArb(prefix = '') {
  return fc.record(
    {
      kind: fc.constant('order' as const),
      platform,
      url: fc.constant('https://details.jd.com/'),
      orderId: fc.constantFrom(`${prefix}O1`, `${prefix}O2`, `${prefix}O3`),
      paidAt: fc.option(at, { nil: undefined }),
      placedAt: rarely(at),
      paid: fc.integer({ min: 1000, max: 20000 }).map(cny),
      items: fc.array(
        fc.record(
          {
            productId: fc.constantFrom(`${prefix}P1`, `${prefix}P2`),
            title: fc.constantFrom('充电宝', '耳机'),
            unitPrice: fc.option(fc.integer({ min: 5000, max: 10000 }).map(cny), { nil: undefined }),
            quantity: fc.integer({ min: 1, max: 3 }),
            priceProtectionDays: rarely(fc.constantFrom(7, 15)),
          },
          { requiredKeys: ['title', 'quantity'] },
        ),
        { minLength: 1, maxLength: 2 },
      ),
      status: rarely(fc.constantFrom('等待收货', '已发货', '已完成')),
      shippedAt: rarely(at),
      trackingNumbers: fc.option(fc.subarray([`${prefix}SF1`, `${prefix}YT2`]), { nil: undefined }),
      priceProtectionUntil: rarely(at),
      capturedAt: at,
    },
    { requiredKeys: ['kind', 'platform', 'url', 'orderId', 'paid', 'items', 'capturedAt'] },
  );
}

export function productArb(prefix = '') {
  return fc.record({
    kind: fc.constant('product' as const),
    platform,
    url: fc.constant('https://item.jd.com/'),
    productId: fc.constantFrom(`${prefix}P1`, `${prefix}P2`),
    title: fc.constant('充电宝'),
    price: fc.integer({ min: 3000, max: 11000 }).map(cny),
    capturedAt: at,
  });
}

export function eventsArb() {
  return fc.array(
    fc.record({ at, stage }).map((e) => ({ ...e, text: `${e.stage} 事件` })),
    { maxLength: 4 },
  );
}

export function parcelArb(prefix = '') {
  return fc.record(
    {
      kind: fc.constant('logistics' as const),
      platform: fc.option(platform, { nil: undefined }),
      url: fc.constant('https://www.kuaidi100.com/'),
      orderId: fc.option(fc.constantFrom(`${prefix}O1`, `${prefix}O2`, `${prefix}O3`), { nil: undefined }),
      trackingNumber: fc.constantFrom(`${prefix}SF1`, `${prefix}YT2`, `${prefix}ZT3`),
      events: eventsArb(),
      direction: fc.option(fc.constantFrom('forward' as const, 'return' as const), { nil: undefined }),
      capturedAt: at,
    },
    { requiredKeys: ['kind', 'url', 'trackingNumber', 'events', 'capturedAt'] },
  );
}

export const snapshotsArb = (prefix = '') =>
  fc.array(
    fc.oneof(
      { arbitrary: orderArb(prefix), weight: 2 },
      { arbitrary: productArb(prefix), weight: 3 },
      { arbitrary: parcelArb(prefix), weight: 2 },
    ) as fc.Arbitrary<PageSnapshot>,
    { maxLength: 16 },
  );

export const ticketsArb = fc.uniqueArray(
  fc.record(
    {
      version: fc.constant(1 as const),
      id: fc.constantFrom('T1', 'T2', 'T3'),
      type: fc.constantFrom('price-protection' as const, 'no-pickup' as const),
      channel: fc.constantFrom('seller' as const, 'platform' as const),
      status: fc.constantFrom('draft' as const, 'sent' as const, 'answered' as const, 'resolved' as const),
      platform: fc.option(platform, { nil: undefined }),
      orderId: fc.option(fc.constantFrom('O1', 'O2'), { nil: undefined }),
      createdAt: at,
      sentAt: fc.option(at, { nil: undefined }),
      answeredAt: fc.option(at, { nil: undefined }),
      evidenceIds: fc.constant([] as string[]),
      text: fc.constant({}),
    },
    { requiredKeys: ['version', 'id', 'type', 'channel', 'status', 'createdAt', 'evidenceIds', 'text'] },
  ),
  { selector: (t) => t.id, maxLength: 3 },
);

export const historyArb: fc.Arbitrary<RulesHistory> = fc.record({ snapshots: snapshotsArb(), tickets: ticketsArb });
export const nowArb = fc.integer({ min: 0, max: 8 * 24 * 4 }).map((q) => T0 + q * 15 * MIN);

/** A deterministic shuffle from a seed (fast-check shrinks the seed, not the permutation). */
export function shuffle<T>(items: T[], seed: number): T[] {
  const out = items.slice();
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
