/**
 * The text a shopping app copies from an order ("复制订单信息", or the shopper selecting the order detail screen)
 * → the order fields it states. Pure, no zod at runtime: the "添加App订单" form fills what this finds and leaves
 * the rest to the shopper.
 *
 * The apps print one "label：value" per line (Taobao/Tmall 订单编号/创建时间/付款时间/成交时间, JD 订单编号/下单时间/
 * 实付款, Pinduoduo 订单编号/下单时间/拼单时间/物流公司/快递单号, Douyin 订单编号/下单时间/支付时间/实付), with full-width
 * colons and ¥ or ￥; a text pasted through a chat app may arrive on one line. So a value runs from its label to
 * the next known label or line break. Unknown labels are ignored; a label we do not read but must not swallow
 * (支付宝交易号, 商品总价, 运费 …) is listed as a stop.
 *
 * Times without a zone are Asia/Shanghai (lib/parse/date.ts). 成交时间 is Taobao's "trade done" time (after
 * confirming receipt on Taobao, the payment on some Tmall screens): it fills the paid time only when no 付款/支付
 * time is stated.
 */
import type { CarrierCode, Money, Platform } from '../core/model';
import { carrierFromName, detectCarrier, normalizeTrackingNumber } from './carrier';
import { parseShopDate } from './date';
import { toHalfWidth } from './normalize';
import { parsePrice } from './price';

export interface ParsedOrderText {
  platform?: Platform;
  orderId?: string;
  paid?: Money;
  paidAt?: number;
  placedAt?: number;
  shippedAt?: number;
  shop?: string;
  /** A single item when the text names one (商品名称 / 商品), with its unit price and quantity when stated. */
  item?: { title: string; unitPrice?: Money; quantity?: number };
  trackingNumbers?: string[];
  carrier?: CarrierCode;
}

type Field =
  | 'orderId'
  | 'paid'
  | 'paidAt'
  | 'doneAt'
  | 'placedAt'
  | 'shippedAt'
  | 'shop'
  | 'title'
  | 'unitPrice'
  | 'quantity'
  | 'tracking'
  | 'carrierName'
  | 'stop';

/** Labels as the apps print them; longer spellings first so 订单编号 wins over 订单号. */
const LABELS: [string, Field][] = [
  ['支付宝交易号', 'stop'],
  ['微信支付单号', 'stop'],
  ['交易流水号', 'stop'],
  ['交易快照', 'stop'],
  ['订单编号', 'orderId'],
  ['订单号码', 'orderId'],
  ['订单号', 'orderId'],
  ['实付金额', 'paid'],
  ['实付款', 'paid'],
  ['实付', 'paid'],
  ['付款金额', 'paid'],
  ['支付金额', 'paid'],
  ['应付总额', 'paid'],
  ['付款时间', 'paidAt'],
  ['支付时间', 'paidAt'],
  ['成交时间', 'doneAt'],
  ['下单时间', 'placedAt'],
  ['创建时间', 'placedAt'],
  ['拼单时间', 'placedAt'],
  ['提交时间', 'placedAt'],
  ['发货时间', 'shippedAt'],
  ['店铺名称', 'shop'],
  ['店铺', 'shop'],
  ['商家名称', 'shop'],
  ['商品名称', 'title'],
  ['商品标题', 'title'],
  ['商品单价', 'unitPrice'],
  ['单价', 'unitPrice'],
  ['购买数量', 'quantity'],
  ['数量', 'quantity'],
  ['快递单号', 'tracking'],
  ['运单号码', 'tracking'],
  ['运单号', 'tracking'],
  ['物流单号', 'tracking'],
  ['快递公司', 'carrierName'],
  ['物流公司', 'carrierName'],
  ['配送方式', 'carrierName'],
  ['承运公司', 'carrierName'],
  ['商品总价', 'stop'],
  ['商品金额', 'stop'],
  ['商品总额', 'stop'],
  ['运费', 'stop'],
  ['店铺优惠', 'stop'],
  ['平台优惠', 'stop'],
  ['优惠券', 'stop'],
  ['优惠', 'stop'],
  ['红包', 'stop'],
  ['支付方式', 'stop'],
  ['付款方式', 'stop'],
  ['收货地址', 'stop'],
  ['收货信息', 'stop'],
  ['收货人', 'stop'],
  ['联系电话', 'stop'],
  ['手机号', 'stop'],
  ['确认收货时间', 'stop'],
  ['完成时间', 'stop'],
  ['订单状态', 'stop'],
  ['买家留言', 'stop'],
  ['发票', 'stop'],
];

const LABEL_RE = new RegExp(
  `(${LABELS.map(([l]) => l)
    .sort((a, b) => b.length - a.length)
    .join('|')})\\s*[:：]?`,
  'g',
);
const FIELD_OF = new Map(LABELS);

/** Platform words a copied text carries (its payment, its brand), checked in order. */
const PLATFORM_WORDS: [RegExp, Platform][] = [
  [/天猫|tmall/i, 'tmall'],
  [/淘宝|支付宝交易号|taobao/i, 'taobao'],
  [/京东|京豆|jd\.com/i, 'jd'],
  [/拼多多|拼单|多多支付|pinduoduo/i, 'pdd'],
  [/抖音|字节跳动|douyin/i, 'douyin'],
];

/** Pinduoduo numbers its orders yymmdd-digits ("251106-123456789012345"). */
const PDD_ORDER = /^\d{6}-\d{9,18}$/;
const ORDER_ID = /^[0-9A-Za-z][0-9A-Za-z-]{5,39}$/;

/** Each known label's value: from after the label (and its colon) to the next label or line break. */
function labelledValues(text: string): [Field, string][] {
  const out: [Field, string][] = [];
  const hits = [...text.matchAll(LABEL_RE)];
  hits.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = hits[i + 1]?.index ?? text.length;
    const value = (text.slice(start, end).split(/\r?\n/)[0] ?? '')
      .replace(/\s*(?:复制|复制单号|查看|查看物流)\s*$/, '')
      .trim();
    const field = FIELD_OF.get(m[1] ?? '');
    if (field && field !== 'stop' && value) out.push([field, value]);
  });
  return out;
}

function first(values: [Field, string][], field: Field): string | undefined {
  return values.find(([f]) => f === field)?.[1];
}

function orderIdOf(value: string | undefined): string | undefined {
  const v = value?.replace(/\s+/g, '');
  return v && ORDER_ID.test(v) && /\d{6}/.test(v) ? v : undefined;
}

function timeOf(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const at = parseShopDate(value, now);
  return at === null ? undefined : at;
}

function platformOf(text: string, orderId: string | undefined): Platform | undefined {
  if (orderId && PDD_ORDER.test(orderId)) return 'pdd';
  for (const [re, platform] of PLATFORM_WORDS) if (re.test(text)) return platform;
  return undefined;
}

function trackingOf(values: [Field, string][]): string[] {
  const numbers = values
    .filter(([f]) => f === 'tracking')
    .map(([, v]) => normalizeTrackingNumber(v.split(/[\s,，;；]/)[0] ?? ''))
    .filter((n) => n.length >= 8 && n.length <= 40);
  return [...new Set(numbers)];
}

function quantityOf(value: string | undefined): number | undefined {
  const m = value ? /(\d{1,5})/.exec(value) : null;
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * What a copied order text states; null when it states nothing we read as an order (no order number, no amount
 * paid, no order time): the form then fills nothing and says so.
 */
export function parseOrderText(raw: string, now: number = Date.now()): ParsedOrderText | null {
  if (typeof raw !== 'string') return null;
  const text = toHalfWidth(raw.slice(0, 20_000)).replace(/\u00a0/g, ' ');
  const values = labelledValues(text);
  const orderId = orderIdOf(first(values, 'orderId'));
  const paidText = first(values, 'paid');
  const paid = paidText ? parsePrice(paidText) : null;
  const paidAt = timeOf(first(values, 'paidAt'), now) ?? timeOf(first(values, 'doneAt'), now);
  const placedAt = timeOf(first(values, 'placedAt'), now);
  if (!orderId && !paid && paidAt === undefined && placedAt === undefined) return null;
  const shippedAt = timeOf(first(values, 'shippedAt'), now);
  const shop = first(values, 'shop')?.slice(0, 200);
  const title = first(values, 'title')?.slice(0, 500);
  const unitText = first(values, 'unitPrice');
  const unitPrice = unitText ? parsePrice(unitText) : null;
  const quantity = quantityOf(first(values, 'quantity'));
  const trackingNumbers = trackingOf(values);
  const named = first(values, 'carrierName');
  const carrier =
    (named ? carrierFromName(named) : null) ?? (trackingNumbers[0] ? detectCarrier(trackingNumbers[0]) : null);
  const platform = platformOf(text, orderId);
  return {
    ...(platform ? { platform } : {}),
    ...(orderId ? { orderId } : {}),
    ...(paid && paid.amount > 0 ? { paid } : {}),
    ...(paidAt !== undefined ? { paidAt } : {}),
    ...(placedAt !== undefined ? { placedAt } : {}),
    ...(shippedAt !== undefined ? { shippedAt } : {}),
    ...(shop ? { shop } : {}),
    ...(title
      ? {
          item: {
            title,
            ...(unitPrice && unitPrice.amount > 0 ? { unitPrice } : {}),
            ...(quantity ? { quantity } : {}),
          },
        }
      : {}),
    ...(trackingNumbers.length ? { trackingNumbers } : {}),
    ...(carrier ? { carrier } : {}),
  };
}
