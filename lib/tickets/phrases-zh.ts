/**
 * zh-CN wording per complaint type: polite, factual, firm. Each demand names one concrete outcome
 * and an amount where one can be computed, the way the playbook's "三要素" (问题描述、证据、诉求) asks.
 */
import { formatMoney } from './format';
import { demandAmount, paidUnitPrice, priceDifference, subjectItem } from './facts';
import {
  L,
  channelName,
  clean,
  hours,
  money,
  parcel,
  platformName,
  text,
  time,
  type Ctx,
  type Phrasebook,
} from './template-kit';

function orderLine(c: Ctx): string {
  const shop = clean(c.f.shop);
  const where = [platformName(c), shop ? `「${shop}」` : undefined].filter(Boolean).join('');
  const at = time(c, c.f.paidAt ?? c.f.placedAt, L.paidAt);
  return `我于 ${at} 在${where || '贵店'}下单并付款，订单号 ${text(c, c.f.orderId, L.orderId)}，实付 ${money(c, c.f.paid, L.paid)}。`;
}

function itemLine(c: Ctx): string | undefined {
  const item = subjectItem(c.f);
  if (!item) return undefined;
  const unit = paidUnitPrice(c.f);
  const price = unit ? `，成交单价 ${formatMoney(unit)}` : '';
  return `商品：${clean(item.title) ?? '（未记录标题）'}，数量 ${item.quantity}${price}。`;
}

function lastEventLine(c: Ctx): string {
  const ev = c.f.lastEvent;
  const where = clean(ev?.location);
  return `最后一条物流记录为 ${time(c, ev?.at, L.eventAt)}「${text(c, ev?.text, L.lastEvent)}」${where ? `（${where}）` : ''}`;
}

function fullRefund(c: Ctx): string {
  return c.f.paid ? `全额退款 ${formatMoney(c.f.paid)}` : '全额退款';
}

function protectionRule(c: Ctx): string {
  const p = platformName(c);
  return p ? `${p}价格保护（价保）规则` : '商品页面承诺的价格保护（价保）服务';
}

const differenceDemand = (c: Ctx, intro: string) => {
  const diff = priceDifference(c.f);
  const qty = subjectItem(c.f)?.quantity ?? 1;
  const how = diff
    ? `（(${money(c, paidUnitPrice(c.f), L.unitPrice)} − ${formatMoney(c.f.lowerPrice!)}) × ${qty}）`
    : '';
  return `${intro}，请退还差价 ${money(c, diff, { 'zh-CN': '差价金额', en: 'difference' })}${how}。`;
};

/** Both channels, both prices and both times, from the alert's two observations. */
function discrepancyLine(c: Ctx): string | undefined {
  const d = c.f.discrepancy;
  if (!d) return undefined;
  const { higher, lower } = d;
  const page = (url: string | undefined) => (clean(url, 300) ? `（页面：${clean(url, 300)}）` : '');
  const seen =
    higher.source === 'order'
      ? `我于 ${time(c, higher.at, L.paidAt)} 在${channelName(c, higher)}以单价 ${formatMoney(higher.price)} 购买该商品`
      : `${time(c, higher.at, L.seenAt)}，该商品在${channelName(c, higher)}标价 ${formatMoney(higher.price)}${page(higher.url)}${c.f.orderId ? '，我按此价格付款' : ''}`;
  const diff = higher.price.amount - lower.price.amount;
  const less =
    diff > 0
      ? `，比${c.f.orderId ? '我支付的价格' : '前者'}低 ${formatMoney({ amount: diff, currency: lower.price.currency })}`
      : '';
  return `${seen}；而 ${time(c, lower.at, L.seenAt)}，同一商品在${channelName(c, lower)}标价仅 ${formatMoney(lower.price)}${page(lower.url)}${less}。同一商品在不同渠道同时段价格不一致，两处页面均已截图留存（带时间）。`;
}

export const ZH: Phrasebook = {
  'price-protection': {
    name: '价保申请（差价返还）',
    problem: (c) =>
      [
        orderLine(c),
        itemLine(c),
        `${time(c, c.f.lowerPriceSeenAt, L.seenAt)}，同一商品售价降至 ${money(c, c.f.lowerPrice, L.lowerPrice)}${c.f.priceUrl ? `（页面：${clean(c.f.priceUrl, 500)}）` : ''}，仍在价保期内（截止 ${time(c, c.f.windowEnd, L.windowEnd)}）。`,
      ].filter((s): s is string => !!s),
    demand: (c) => differenceDemand(c, `根据${protectionRule(c)}`),
    basis: () => '《消费者权益保护法》第十六条：经营者与消费者有约定的，应当按照约定履行义务。',
  },
  'price-discrepancy': {
    name: '价格不一致',
    problem: (c) =>
      [
        orderLine(c),
        itemLine(c),
        discrepancyLine(c) ??
          `${time(c, c.f.lowerPriceSeenAt, L.seenAt)}，同一商品在${c.f.priceUrl ? `页面 ${clean(c.f.priceUrl, 500)} ` : '另一页面'}标示价格为 ${money(c, c.f.lowerPrice, L.lowerPrice)}，与我实际支付的价格不一致，已截图留存。`,
      ].filter((s): s is string => !!s),
    demand: (c) => differenceDemand(c, '请按页面标示价格结算'),
    basis: () => '《价格法》第十三条：经营者不得在标价之外加价出售商品。',
  },
  'no-pickup': {
    name: '付款后未揽收',
    problem: (c) => [
      orderLine(c),
      `付款至今已 ${hours(c, c.f.hoursSince, L.hours)}，物流仍没有任何快递揽收记录${c.f.trackingNumber ? `（快递单号 ${parcel(c)}）` : ''}。`,
    ],
    demand: (c) => `请在 24 小时内发货并提供真实的揽收记录；如无法发货，请取消订单并${fullRefund(c)}。`,
    basis: () => '《电子商务法》第二十条：经营者应当按照承诺或者约定的方式、时限交付商品。',
  },
  'shipped-no-scan': {
    name: '已发货但无物流记录',
    problem: (c) => [
      orderLine(c),
      `订单于 ${time(c, c.f.shippedAt, L.shippedAt)} 显示已发货（${parcel(c)}），但至今已 ${hours(c, c.f.hoursSince, L.hours)}，快递公司仍没有任何揽收或运输记录。`,
    ],
    demand: (c) => `请说明实际发货情况，并在 24 小时内提供真实有效的物流信息；否则请取消订单并${fullRefund(c)}。`,
    basis: () => '《电子商务法》第二十条：经营者应当按照承诺或者约定的方式、时限交付商品。',
  },
  'logistics-stalled': {
    name: '物流停滞',
    problem: (c) => [
      orderLine(c),
      `包裹（${parcel(c)}）${lastEventLine(c)}，此后已 ${hours(c, c.f.hoursSince, L.hours)} 没有更新，至今未签收。`,
    ],
    demand: () => '请在 48 小时内联系快递公司核实包裹下落并告知结果；如包裹已丢失或无法送达，请为我补发或全额退款。',
    basis: () => '《电子商务法》第二十条：经营者应当按约定时限交付商品，并承担商品运输中的风险和责任。',
  },
  'logistics-exception': {
    name: '物流异常',
    problem: (c) => [
      orderLine(c),
      `包裹（${parcel(c)}）物流显示异常：「${text(c, c.f.exceptionText ?? c.f.lastEvent?.text, L.exception)}」（${time(c, c.f.lastEvent?.at, L.eventAt)}）。`,
    ],
    demand: (c) => `请核实异常原因，并在 48 小时内为我补发商品或${fullRefund(c)}。`,
    basis: () => '《电子商务法》第二十条：商品运输中的风险和责任由经营者承担。',
  },
  'not-as-described': {
    name: '商品与描述不符',
    problem: (c) =>
      [
        orderLine(c),
        itemLine(c),
        `收到的商品与页面描述不符：${text(c, c.f.defect, L.defect)}。开箱时已拍摄视频/照片留证。`,
      ].filter((s): s is string => !!s),
    demand: (c) =>
      c.f.severity === 'severe'
        ? `商品严重不符，请为我办理退货退款，${fullRefund(c)}，退货运费由商家承担。`
        : `差异较轻微，我愿意保留商品，请部分退款 ${money(c, demandAmount(c.f), L.refund)}。`,
    basis: () =>
      '《消费者权益保护法》第二十条、第二十四条：经营者应提供真实的商品信息；商品不符合质量要求的，消费者可以要求退货，运输等必要费用由经营者承担。',
  },
  'out-of-stock': {
    name: '缺货/超卖',
    problem: (c) =>
      [orderLine(c), itemLine(c), '付款后商家通知该商品缺货，无法按时发货。'].filter((s): s is string => !!s),
    demand: (c) =>
      `订单已经成立，请为我提供同款或同等价值的替代商品；如无法提供，请在${fullRefund(c)}之外给予补偿${c.f.compensation ? ` ${formatMoney(c.f.compensation)}` : '（补偿款或等额优惠券）'}。`,
    basis: () => '《电子商务法》第四十九条：用户提交订单成功，合同成立；经营者应当履行合同。',
  },
  'return-logistics': {
    name: '退货物流异常',
    problem: (c) => [orderLine(c), returnProblem(c)],
    demand: (c) =>
      `请确认收到退货并在 7 日内退还货款${c.f.paid ? ` ${formatMoney(c.f.paid)}` : ''}${c.f.returnIssue === 'wrong-address' ? '；因退货地址有误产生的重新寄送运费，请由商家承担' : ''}。`,
    basis: () => '《消费者权益保护法》第二十五条：经营者应当自收到退回商品之日起七日内返还消费者支付的商品价款。',
  },
  'after-sale-extension': {
    name: '申请延长售后期',
    problem: (c) => [
      orderLine(c),
      `本订单售后期将于 ${time(c, c.f.afterSaleEnd, L.afterSaleEnd)} 结束。因${text(c, c.f.reason, L.reason)}，我未能在期限内完成验收。`,
    ],
    demand: (c) => `请将本订单的售后期延长 ${c.f.extensionDays ?? 7} 天，以便我完成验收并在需要时申请售后。`,
  },
};

function returnProblem(c: Ctx): string {
  const no = parcel(c);
  switch (c.f.returnIssue) {
    case 'wrong-address':
      return `我按商家提供的地址寄回商品（退货单号 ${no}），但该地址有误，包裹无法送达：${lastEventLine(c)}。`;
    case 'fake-signoff':
      return `退货包裹（${no}）${lastEventLine(c)}，显示已签收，但退款至今未处理。`;
    case 'unrecognised':
      return `我已按要求寄回商品，退货单号 ${no}，但该单号至今查不到任何物流记录，快递公司无法识别。`;
    case 'wrong-city':
      return `退货包裹（${no}）${lastEventLine(c)}，签收地与商家提供的退货地址（${c.f.returnAddress ?? '见退货申请'}）不在同一城市。`;
    case 'too-fast':
      return `退货包裹（${no}）${lastEventLine(c)}，揽收后数小时内即显示签收，与实际运输路线不符，签收记录存疑。`;
    default:
      return `退货包裹（${no}）${lastEventLine(c)}，此后已 ${hours(c, c.f.hoursSince, L.hours)} 没有更新。`;
  }
}
