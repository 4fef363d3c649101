/** Builders for the rules tests: a real-looking JD/Taobao timeline in a few words. */
import type { Alert, LogisticsSnapshot, OrderSnapshot, ProductSnapshot, Stage, Ticket } from '../../lib/model';

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
export function parcel(
  events: [number, Stage][],
  fields: Partial<LogisticsSnapshot> = {},
): LogisticsSnapshot {
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
