/**
 * Carrier event text → Stage, and raw event lists → TrackingEvent[] (oldest first). Pure, no zod.
 *
 * classifyEvent checks the rules below in order; the first that matches wins. Order is the design:
 *
 * | # | stage       | why it comes here |
 * |---|-------------|-------------------|
 * | 1 | returning   | "拒收，退回" / "派送失败，已退回": once the parcel heads back, that is what matters (the rules raise delivery-exception for returning too) |
 * | 2 | exception   | "派送不成功", "收件人拒收", "滞留": beats the delivering/transit words they contain |
 * | 3 | delivered   | strong sign-off words: "已签收，签收人凭取货码签收" is delivered although it names a pickup code |
 * | 4 | locker      | "快件已被 菜鸟驿站 代收", "已送达【丰巢】": beats the weak delivered words (送达) |
 * | 5 | delivered   | weak words: 已送达, 投递成功, "delivered" |
 * | 6 | delivering  | (正在/开始/安排…)(为您)?(派件/派送/配送/投递), 派送中 (not 配送中心), 配送员, out for delivery |
 * | 7 | info        | data-only states before a carrier scan: 等待揽收, 揽件中, 已打印面单, 商家已发货, label created — before pickup because they contain 揽收 |
 * | 8 | pickup      | 已揽收, 已收件, picked up: "已揽收，准备发往…" is the pickup scan, not transit |
 * | 9 | transit     | 到达, 发往, 离开, 中转, in transit, arrived, departed |
 * | — | fallback    | a text naming a site (【…】, 中心, 网点, 分拨, facility) reads like a carrier scan → transit; anything else → info. An unknown scan then never counts as pickup, so a no-pickup alert errs on the side of telling the shopper. |
 *
 * Boilerplate such as "如有疑问请联系…" is cut first: it contains 问题/异常 words that are not the event.
 */
import type { Stage, TrackingEvent } from '../core/model';
import { MAX_INPUT, toHalfWidth } from './normalize';
import { parseShopDate } from './date';

const RULES: [Stage, RegExp][] = [
  [
    'returning',
    /退回|退件|退还|返回寄件人|返回发件人|退返|逆向|return(?:ed|ing)? to (?:sender|shipper|origin)|being returned|returned/i,
  ],
  [
    'exception',
    /异常|拒收|拒签|丢失|遗失|破损|损坏|滞留|无法派送|无法投递|派送不成功|派送失败|投递失败|未妥投|未能派送|问题件|疑难件|延误|超区|地址不详|地址错误|地址有误|电话无人接听|联系不上|无法联系|拦截|exception|\blost\b|damaged?|refused|rejected|undeliverable|unable to deliver|not delivered|delivery attempt|attempted delivery|failed|delay/i,
  ],
  [
    'delivered',
    /已签收|签收成功|已经签收|完成签收|已妥投|妥投|本人签收|他人代?签收|代签收|已代签|签收人|派送成功|已取出|已被取出|已从.{0,30}取出|已被?领取|signed for/i,
  ],
  [
    'locker',
    /快递柜|丰巢|驿站|代收点|代收|自提点|自提柜|自提|智能柜|快递超市|已放入|已存放|已投柜|入柜|待取件|取件码|取货码|提货码|兔喜|e栈|速递易|parcel locker|pickup point|ready for pick ?up|available for pick ?up|awaiting collection/i,
  ],
  ['delivered', /已送达|送达成功|投递成功|已投递|\bdelivered\b/i],
  [
    'delivering',
    // The phrasing, not a list of cases: (正在|开始|安排|准备…)(为您|给您)?(派件|派送|配送|投递), "派送中"/"配送途中"
    // (not 配送中心, a depot), and the courier's title. "正在为您派件" was transit or info before (issue #17).
    /(?:正在|正|开始|安排|准备|马上|即将)(?:为您|给您|向您)?(?:派件|派送|配送|投递)|(?:派件|派送|配送|投递)(?:中(?![心转])|途中)|(?:派送|派件|配送|投递)员|out for delivery|with delivery courier|vehicle for delivery/i,
  ],
  [
    'info',
    /等待揽收|待揽收|等待揽件|待揽件|揽件中|揽收中|等待快递员|通知快递|打印|面单|已下单|提交了订单|订单信息|信息已提交|已接单|已发货|商家已|卖家已|等待出库|准备出库|拣货|打包|等待系统确认|label created|shipping label|information received|pre-shipment|order processed|awaiting item/i,
  ],
  [
    'pickup',
    /已揽收|揽收成功|已揽件|揽件成功|揽收|揽件|已收件|已收取|收件员|已取件|已出库|已交付|交付京东快递|picked up|pickup scan|accepted at|acceptance|origin scan|shipment received|collected/i,
  ],
  [
    'transit',
    /运输中|在途|运送中|到达|已到|发往|送往|运往|已发出|发出|离开|中转|转运|分拣|分拨|装车|卸车|航班|干线|出港|进港|清关|已收入|in transit|arrived|departed|departure|arrival|processed|on its way|en route|sorting|customs/i,
  ],
];

const SITE_RE = /【[^】]+】|中心|网点|分部|分公司|集散|分拨|营业部|facility|hub|depot/i;

/** "如有疑问请联系…", "有问题请拨打…": closing courtesy lines, not the event. */
const BOILERPLATE_RE =
  /(?:如有|若有|有任何)(?:疑问|问题|异常|需要)[^，。,.;；!！]*|有问题(?:请|可)[^，。,.;；!！]*|投诉[^，。,.;；!！]*电话[^，。,.;；!！]*/g;

/** PUBLIC CONTRACT (DESIGN.md): the stage an event text describes. Never throws. */
export function classifyEvent(text: string): Stage {
  if (typeof text !== 'string') return 'info';
  const s = toHalfWidth(text).replace(BOILERPLATE_RE, ' ').replace(/\s+/g, ' ').trim();
  if (!s) return 'info';
  for (const [stage, re] of RULES) if (re.test(s)) return stage;
  return SITE_RE.test(s) ? 'transit' : 'info';
}

export interface RawEvent {
  time: string;
  text: string;
  location?: string;
}

const TEXT_MAX = 2000;

/**
 * Raw events (any order, often newest first) → TrackingEvent[] oldest first. Events whose time does not
 * parse are dropped, never given an invented time; identical (at, text) pairs are kept once. Equal times
 * keep the source's chronology: a newest-first list is read backwards.
 */
export function normalizeEvents(raw: RawEvent[], now?: number): TrackingEvent[] {
  if (!Array.isArray(raw)) return [];
  const parsed = raw.slice(0, MAX_INPUT).flatMap((e, index) => {
    if (!e || typeof e.text !== 'string' || typeof e.time !== 'string') return [];
    const at = parseShopDate(e.time, now);
    const text = e.text.replace(/\s+/g, ' ').trim().slice(0, TEXT_MAX);
    return at === null || !text ? [] : [{ at, text, index, location: e.location }];
  });
  const first = parsed[0];
  const last = parsed.at(-1);
  const newestFirst = !!first && !!last && first.at > last.at;
  parsed.sort((a, b) => a.at - b.at || (newestFirst ? b.index - a.index : a.index - b.index));
  const seen = new Set<string>();
  const out: TrackingEvent[] = [];
  for (const e of parsed) {
    const key = `${e.at}\n${e.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const event: TrackingEvent = { at: e.at, text: e.text, stage: classifyEvent(e.text) };
    const location = typeof e.location === 'string' ? e.location.trim().slice(0, TEXT_MAX) : '';
    if (location) event.location = location;
    out.push(event);
  }
  return out;
}
