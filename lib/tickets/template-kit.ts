/**
 * Helpers shared by the zh-CN and en complaint phrasebooks: every value goes through here so a
 * missing fact becomes a visible placeholder, never "undefined" or "NaN".
 */
import { ellipsis } from '../core/ellipsis';
import type { Money, Platform, PriceObservation, TicketType } from '../core/model';
import { formatDateTime, formatHours, formatMoney, isFiniteTime, placeholder, type Lang } from './format';
import type { TicketFacts } from './facts';

export interface Ctx {
  f: TicketFacts;
  lang: Lang;
  tz: string;
}

export type Label = { 'zh-CN': string; en: string };

/** One type's wording in one language. Each returns plain text; lists are sentences. */
export interface TypePhrases {
  name: string;
  problem: (c: Ctx) => string[];
  demand: (c: Ctx) => string;
  /** The rule or law that makes the demand hard to refuse. */
  basis?: (c: Ctx) => string | undefined;
}

export type Phrasebook = Record<TicketType, TypePhrases>;

/** Page-derived text on one line, bounded, so a hostile title cannot reshape the ticket. */
export function clean(text: string | undefined, max = 300): string | undefined {
  if (typeof text !== 'string') return undefined;
  const one = text.replace(/\s+/g, ' ').trim();
  if (!one) return undefined;
  return ellipsis(one, max);
}

export function pick(c: Ctx, label: Label): string {
  return placeholder(label, c.lang);
}

export function text(c: Ctx, value: string | undefined, label: Label): string {
  return clean(value) ?? pick(c, label);
}

export function money(c: Ctx, value: Money | null | undefined, label: Label): string {
  return value && Number.isFinite(value.amount) ? formatMoney(value) : pick(c, label);
}

export function time(c: Ctx, ms: number | undefined, label: Label): string {
  return isFiniteTime(ms) ? formatDateTime(ms, c.tz) : pick(c, label);
}

export function hours(c: Ctx, value: number | undefined, label: Label): string {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? formatHours(value, c.lang)
    : pick(c, label);
}

export const L = {
  orderId: { 'zh-CN': '订单号', en: 'order id' },
  shop: { 'zh-CN': '商家名称', en: 'merchant name' },
  address: { 'zh-CN': '商家地址', en: 'merchant address' },
  paid: { 'zh-CN': '实付金额', en: 'amount paid' },
  paidAt: { 'zh-CN': '付款时间', en: 'payment time' },
  shippedAt: { 'zh-CN': '发货时间', en: 'time shipped' },
  unitPrice: { 'zh-CN': '成交单价', en: 'unit price paid' },
  lowerPrice: { 'zh-CN': '降价后价格', en: 'lower price' },
  seenAt: { 'zh-CN': '发现降价的时间', en: 'time the lower price was seen' },
  windowEnd: { 'zh-CN': '价保截止时间', en: 'end of the protection window' },
  tracking: { 'zh-CN': '快递单号', en: 'tracking number' },
  lastEvent: { 'zh-CN': '最后一条物流记录', en: 'last tracking event' },
  eventAt: { 'zh-CN': '物流记录时间', en: 'time of the tracking event' },
  hours: { 'zh-CN': '经过时长', en: 'time elapsed' },
  exception: { 'zh-CN': '物流异常内容', en: 'the exception shown' },
  defect: { 'zh-CN': '与描述不符之处', en: 'what differs from the listing' },
  refund: { 'zh-CN': '部分退款金额', en: 'partial refund amount' },
  reason: { 'zh-CN': '延期原因', en: 'reason' },
  afterSaleEnd: { 'zh-CN': '售后截止时间', en: 'end of the after-sale period' },
  name: { 'zh-CN': '投诉人姓名', en: "complainant's name" },
  contact: { 'zh-CN': '联系电话', en: 'contact phone' },
} as const satisfies Record<string, Label>;

const PLATFORM_NAMES: Record<Platform, Label> = {
  jd: { 'zh-CN': '京东', en: 'JD.com' },
  taobao: { 'zh-CN': '淘宝', en: 'Taobao' },
  tmall: { 'zh-CN': '天猫', en: 'Tmall' },
  douyin: { 'zh-CN': '抖音商城', en: 'Douyin Shop' },
  pdd: { 'zh-CN': '拼多多', en: 'Pinduoduo' },
  generic: { 'zh-CN': '该网店', en: 'the online shop' },
};

export function platformName(c: Ctx): string | undefined {
  if (!c.f.platform || c.f.platform === 'generic') return undefined;
  return PLATFORM_NAMES[c.f.platform]?.[c.lang];
}

/** The carrier and number together, e.g. "SF 顺丰 SF1234567890" → "SF SF1234567890". */
export function parcel(c: Ctx): string {
  const no = text(c, c.f.trackingNumber, L.tracking);
  const carrier = clean(c.f.carrier, 40);
  return carrier ? `${carrier} ${no}` : no;
}

const CHANNEL_NAMES: Record<PriceObservation['channel'], Label> = {
  shop: { 'zh-CN': '店铺页面', en: 'the shop page' },
  live: { 'zh-CN': '直播间', en: 'the live room' },
  video: { 'zh-CN': '短视频', en: 'a video' },
};

/** Where a price was seen: "直播间（房间号 7001）", "the live room (room 7001)", "店铺页面". */
export function channelName(c: Ctx, o: Pick<PriceObservation, 'channel' | 'roomId' | 'videoId'>): string {
  const name = (CHANNEL_NAMES[o.channel] ?? CHANNEL_NAMES.shop)[c.lang];
  const room = clean(o.roomId, 64);
  const video = clean(o.videoId, 64);
  if (c.lang === 'zh-CN') return `${name}${room ? `（房间号 ${room}）` : video ? `（视频 ${video}）` : ''}`;
  return `${name}${room ? ` (room ${room})` : video ? ` (video ${video})` : ''}`;
}
