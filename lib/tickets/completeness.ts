/**
 * The evidence checklist: what each complaint type needs before it is hard to refuse, whether the
 * facts have it, and how to get it when they do not (a ticket is never silently incomplete).
 */
import { isAppOrderScreen } from '../core/manual-order';
import type { EvidenceKind } from '../core/model';
import { isFiniteTime, type Lang } from './format';
import { paidUnitPrice, type TicketFacts } from './facts';

export type Localized = Record<Lang, string>;

export interface CheckItem {
  /** Stable key, e.g. 'order' or 'price-screenshot-in-window'. */
  item: string;
  ok: boolean;
  label: Localized;
  howTo: Localized;
}

interface Requirement {
  label: Localized;
  howTo: Localized;
  test: (f: TicketFacts) => boolean;
}

const has = (f: TicketFacts, kind: EvidenceKind) => f.evidence.some((e) => e.kind === kind);
const filled = (s: string | undefined) => typeof s === 'string' && s.trim().length > 0;

/** A price screenshot taken inside the protection window: after payment, before the window ends. */
function priceShotInWindow(f: TicketFacts): boolean {
  const start = f.paidAt ?? f.placedAt;
  if (!isFiniteTime(start) || !isFiniteTime(f.windowEnd)) return false;
  const end = f.windowEnd;
  return f.evidence.some((e) => e.kind === 'price-screenshot' && e.capturedAt >= start && e.capturedAt <= end);
}

const SCREENSHOT_KINDS = new Set<EvidenceKind>(['price-screenshot', 'page-screenshot', 'order-screenshot']);

/**
 * A price discrepancy needs both pages' screenshots: each side's own (filed under its observation, gatherFacts).
 * Without the observations (a ticket drafted by hand), two price screenshots stand for the two pages.
 */
function sideShot(side: 'higher' | 'lower') {
  return (f: TicketFacts): boolean => {
    const d = f.discrepancy;
    if (!d) return f.evidence.filter((e) => e.kind === 'price-screenshot').length >= (side === 'higher' ? 2 : 1);
    return d[side].evidence.some((e) => SCREENSHOT_KINDS.has(e.kind));
  };
}

const OPEN_ORDER: Localized = {
  'zh-CN': '打开该订单的订单详情页，插件会记录订单并截图',
  en: 'open the order detail page; the extension records the order and captures it',
};
const OPEN_LOGISTICS: Localized = {
  'zh-CN': '打开物流页面以截取物流时间线',
  en: 'open the logistics page to capture the tracking timeline',
};

export const REQUIREMENTS: Record<string, Requirement> = {
  order: {
    label: { 'zh-CN': '订单号、实付金额和付款时间', en: 'order id, amount paid and payment time' },
    howTo: OPEN_ORDER,
    test: (f) => filled(f.orderId) && !!f.paid && isFiniteTime(f.paidAt ?? f.placedAt),
  },
  'paid-unit-price': {
    label: { 'zh-CN': '商品成交单价和数量', en: 'unit price paid and quantity' },
    howTo: OPEN_ORDER,
    test: (f) => !!paidUnitPrice(f),
  },
  'order-screenshot': {
    label: { 'zh-CN': '订单截图（含实付金额和付款时间）', en: 'order screenshot (amount paid and payment time)' },
    howTo: OPEN_ORDER,
    test: (f) => has(f, 'order-screenshot'),
  },
  /** An app order has no order page to capture: the app's own order detail screen, attached as a picture. */
  'app-order-screenshot': {
    label: {
      'zh-CN': 'App订单详情截图（含订单号、实付金额和付款时间）',
      en: "screenshot of the app's order detail screen (order number, amount paid, payment time)",
    },
    howTo: {
      'zh-CN': '在手机App中打开该订单的订单详情并截图，然后在订单证据页“添加App订单”中附上',
      en: "open the order's detail screen in the phone app, take a screenshot, and attach it on the order evidence page (Add app order)",
    },
    test: (f) => f.evidence.some(isAppOrderScreen),
  },
  'lower-price': {
    label: { 'zh-CN': '更低的价格及发现时间', en: 'the lower price and when it was seen' },
    howTo: {
      'zh-CN': '打开商品页面，插件会记录当前价格',
      en: 'open the product page; the extension records the current price',
    },
    test: (f) => !!f.lowerPrice && isFiniteTime(f.lowerPriceSeenAt),
  },
  'price-screenshot-in-window': {
    label: {
      'zh-CN': '价保期内的降价截图（带时间）',
      en: 'screenshot of the lower price inside the protection window',
    },
    howTo: {
      'zh-CN': '在价保期结束前打开商品页面并截图，截图会带上时间',
      en: 'open the product page before the window ends and capture it; the time is burned in',
    },
    test: priceShotInWindow,
  },
  'price-screenshot': {
    label: { 'zh-CN': '另一页面显示价格的截图（带时间）', en: 'screenshot of the other page showing its price' },
    howTo: {
      'zh-CN': '打开显示较低价格的页面（如直播间或店铺首页）并截图',
      en: 'open the page showing the lower price (live room or shop page) and capture it',
    },
    test: (f) => has(f, 'price-screenshot'),
  },
  'higher-price-screenshot': {
    label: {
      'zh-CN': '您付款（或看到较高价格）的页面截图（带时间）',
      en: 'screenshot of the page where you paid (or saw the higher price), time burned in',
    },
    howTo: {
      'zh-CN': '打开您下单的页面（店铺页面或直播间）并截图，截图会带上时间',
      en: 'open the page you bought on (shop page or live room) and capture it; the time is burned in',
    },
    test: sideShot('higher'),
  },
  'lower-price-screenshot': {
    label: {
      'zh-CN': '显示较低价格的另一渠道页面截图（带时间）',
      en: 'screenshot of the other channel showing the lower price, time burned in',
    },
    howTo: {
      'zh-CN': '打开显示较低价格的页面（如直播间、短视频或店铺页面）并截图',
      en: 'open the page showing the lower price (live room, video or shop page) and capture it',
    },
    test: sideShot('lower'),
  },
  'tracking-number': {
    label: { 'zh-CN': '快递单号', en: 'tracking number' },
    howTo: OPEN_LOGISTICS,
    test: (f) => filled(f.trackingNumber),
  },
  'shipped-time': {
    label: { 'zh-CN': '发货时间', en: 'time marked as shipped' },
    howTo: OPEN_ORDER,
    test: (f) => isFiniteTime(f.shippedAt),
  },
  'last-event': {
    label: { 'zh-CN': '最后一条物流记录及时间', en: 'last tracking event and its time' },
    howTo: OPEN_LOGISTICS,
    test: (f) => !!f.lastEvent && isFiniteTime(f.lastEvent.at) && filled(f.lastEvent.text),
  },
  'exception-event': {
    label: {
      'zh-CN': '物流异常记录（丢失、拒收、破损、退回等）',
      en: 'the exception event (lost, refused, damaged, returned)',
    },
    howTo: OPEN_LOGISTICS,
    test: (f) => filled(f.exceptionText) || (!!f.lastEvent && filled(f.lastEvent.text)),
  },
  'logistics-screenshot': {
    label: { 'zh-CN': '物流页面截图（含单号和时间线）', en: 'logistics screenshot (tracking number and timeline)' },
    howTo: OPEN_LOGISTICS,
    test: (f) => has(f, 'logistics-screenshot'),
  },
  unboxing: {
    label: {
      'zh-CN': '开箱视频或照片（商品状态、标签、快递面单）',
      en: 'unboxing video or photos (condition, labels, waybill)',
    },
    howTo: {
      'zh-CN': '在“附件”中上传开箱视频或照片',
      en: 'upload the unboxing video or photos as attachments',
    },
    test: (f) => has(f, 'attachment'),
  },
  severity: {
    label: { 'zh-CN': '不符程度（轻微或严重）', en: 'how serious the difference is (minor or severe)' },
    howTo: {
      'zh-CN': '在工单中选择“轻微不符”或“严重不符”',
      en: 'choose "minor" or "severe" in the ticket',
    },
    test: (f) => f.severity === 'minor' || f.severity === 'severe',
  },
  'stock-notice': {
    label: { 'zh-CN': '缺货通知或聊天记录截图', en: 'the out-of-stock notice or chat log' },
    howTo: {
      'zh-CN': '截取商家的缺货通知，或上传聊天记录截图',
      en: "capture the seller's out-of-stock notice, or upload the chat log",
    },
    test: (f) => has(f, 'page-screenshot') || has(f, 'attachment'),
  },
  reason: {
    label: { 'zh-CN': '申请延长的原因', en: 'the reason for the extension' },
    howTo: {
      'zh-CN': '在工单中填写原因（如出差未能及时验收）',
      en: 'write the reason in the ticket (e.g. away on travel)',
    },
    test: (f) => filled(f.reason),
  },
  'complainant-name': {
    label: { 'zh-CN': '投诉人姓名', en: "complainant's name" },
    howTo: { 'zh-CN': '在设置中填写姓名（仅保存在本机）', en: 'enter your name in settings (kept on this device)' },
    test: (f) => filled(f.complainant?.name),
  },
  'complainant-contact': {
    label: { 'zh-CN': '投诉人联系电话', en: "complainant's phone or contact" },
    howTo: {
      'zh-CN': '在设置中填写联系电话（仅保存在本机）',
      en: 'enter your phone number in settings (kept on this device)',
    },
    test: (f) => filled(f.complainant?.contact),
  },
  'merchant-name': {
    label: { 'zh-CN': '商家名称', en: 'merchant name' },
    howTo: {
      'zh-CN': '打开店铺首页或订单详情页查看店铺名称',
      en: 'open the shop page or the order page to read the shop name',
    },
    test: (f) => filled(f.shop),
  },
  'merchant-address': {
    label: { 'zh-CN': '商家地址', en: 'merchant address' },
    howTo: {
      'zh-CN': '在店铺首页的“营业执照/资质”中查看经营地址并填写',
      en: "read the address in the shop's business licence page and fill it in",
    },
    test: (f) => filled(f.merchantAddress),
  },
};

export type RequirementKey = keyof typeof REQUIREMENTS;

const BY_TYPE: Record<TicketFacts['type'], string[]> = {
  'price-protection': ['order', 'paid-unit-price', 'order-screenshot', 'lower-price', 'price-screenshot-in-window'],
  'price-discrepancy': [
    'order',
    'paid-unit-price',
    'order-screenshot',
    'lower-price',
    'higher-price-screenshot',
    'lower-price-screenshot',
  ],
  'no-pickup': ['order', 'order-screenshot', 'logistics-screenshot'],
  'shipped-no-scan': ['order', 'shipped-time', 'tracking-number', 'order-screenshot', 'logistics-screenshot'],
  'logistics-stalled': ['order', 'tracking-number', 'last-event', 'logistics-screenshot'],
  'logistics-exception': ['order', 'tracking-number', 'exception-event', 'logistics-screenshot'],
  'not-as-described': ['order', 'order-screenshot', 'severity', 'unboxing'],
  'out-of-stock': ['order', 'order-screenshot', 'stock-notice'],
  'return-logistics': ['order', 'tracking-number', 'last-event', 'logistics-screenshot'],
  'after-sale-extension': ['order', 'order-screenshot', 'reason'],
};

/** 12315 accepts a complaint only with who complains, against whom, the facts and a concrete demand. */
const BY_CHANNEL: Record<TicketFacts['channel'], string[]> = {
  seller: [],
  platform: [],
  '12315': ['complainant-name', 'complainant-contact', 'merchant-name', 'merchant-address'],
};

/**
 * What the complaint needs. An order typed in from a phone app (`orderSource: 'manual'`) has no order page: the app's
 * order detail screenshot stands where the order-page screenshot would.
 */
export function requiredKeys(facts: Pick<TicketFacts, 'type' | 'channel' | 'orderSource'>): string[] {
  const keys = [...BY_TYPE[facts.type], ...BY_CHANNEL[facts.channel]];
  if (facts.orderSource !== 'manual') return keys;
  const manual = keys.map((k) => (k === 'order-screenshot' ? 'app-order-screenshot' : k));
  if (!manual.includes('app-order-screenshot')) manual.splice(manual.indexOf('order') + 1, 0, 'app-order-screenshot');
  return manual;
}

export function checkEvidence(facts: TicketFacts): CheckItem[] {
  return requiredKeys(facts).map((key) => {
    const req = REQUIREMENTS[key]!;
    return { item: key, ok: req.test(facts), label: req.label, howTo: req.howTo };
  });
}

export function isComplete(checklist: readonly CheckItem[]): boolean {
  return checklist.every((c) => c.ok);
}

/** The missing items, for the export warning ("exporting an incomplete ticket warns"). */
export function missingItems(checklist: readonly CheckItem[]): CheckItem[] {
  return checklist.filter((c) => !c.ok);
}
