/**
 * English wording per complaint type, same facts and demands as phrases-zh.ts (for shoppers who
 * write in English, and for reviewers of the evidence bundle).
 */
import type { PriceObservation } from '../core/model';
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
  const where = [shop ? `"${shop}"` : undefined, platformName(c) ? `on ${platformName(c)}` : undefined]
    .filter(Boolean)
    .join(' ');
  const at = time(c, c.f.paidAt ?? c.f.placedAt, L.paidAt);
  return `On ${at} I placed and paid order ${text(c, c.f.orderId, L.orderId)}${where ? ` with ${where}` : ''}, paying ${money(c, c.f.paid, L.paid)}.`;
}

function itemLine(c: Ctx): string | undefined {
  const item = subjectItem(c.f);
  if (!item) return undefined;
  const unit = paidUnitPrice(c.f);
  const price = unit ? ` at ${formatMoney(unit)} each` : '';
  return `Item: ${clean(item.title) ?? '(title not recorded)'}, quantity ${item.quantity}${price}.`;
}

function lastEventLine(c: Ctx): string {
  const ev = c.f.lastEvent;
  const where = clean(ev?.location);
  return `the last tracking event is "${text(c, ev?.text, L.lastEvent)}"${where ? ` (${where})` : ''} at ${time(c, ev?.at, L.eventAt)}`;
}

function fullRefund(c: Ctx): string {
  return c.f.paid ? `refund the full ${formatMoney(c.f.paid)}` : 'refund in full';
}

function protectionRule(c: Ctx): string {
  const p = platformName(c);
  return p ? `${p}'s price-protection rules` : 'the price protection promised on the product page';
}

const differenceDemand = (c: Ctx, intro: string) => {
  const diff = priceDifference(c.f);
  const qty = subjectItem(c.f)?.quantity ?? 1;
  const how = diff
    ? ` ((${money(c, paidUnitPrice(c.f), L.unitPrice)} − ${formatMoney(c.f.lowerPrice!)}) × ${qty})`
    : '';
  return `${intro}, please refund the difference of ${money(c, diff, { 'zh-CN': '差价金额', en: 'difference' })}${how}.`;
};

const ART20_ECOMMERCE =
  'E-Commerce Law of the PRC, Art. 20: goods must be delivered as promised or agreed, and the seller bears the risk of transport.';

/** "on the shop page", "in the live room (room 7001)", "in a video (video 99)". */
function place(c: Ctx, o: PriceObservation): string {
  return `${o.channel === 'shop' ? 'on' : 'in'} ${channelName(c, o)}`;
}

/** Both channels, both prices and both times, from the alert's two observations. */
function discrepancyLine(c: Ctx): string | undefined {
  const d = c.f.discrepancy;
  if (!d) return undefined;
  const { higher, lower } = d;
  const page = (url: string | undefined) => (clean(url, 300) ? ` (page: ${clean(url, 300)})` : '');
  const seen =
    higher.source === 'order'
      ? `On ${time(c, higher.at, L.paidAt)} I bought the item ${place(c, higher)} at ${formatMoney(higher.price)} a unit`
      : `On ${time(c, higher.at, L.seenAt)} the item was priced ${formatMoney(higher.price)} ${place(c, higher)}${page(higher.url)}${c.f.orderId ? ', and I paid that price' : ''}`;
  const diff = higher.price.amount - lower.price.amount;
  const less =
    diff > 0
      ? `, ${formatMoney({ amount: diff, currency: lower.price.currency })}${c.f.orderId ? ' less than I paid' : ' less'}`
      : '';
  return `${seen}; yet on ${time(c, lower.at, L.seenAt)} the same item was priced only ${formatMoney(lower.price)} ${place(c, lower)}${page(lower.url)}${less}. The same item was priced differently in two channels at the same time; I kept timestamped screenshots of both pages.`;
}

export const EN: Phrasebook = {
  'price-protection': {
    name: 'Price protection refund',
    problem: (c) =>
      [
        orderLine(c),
        itemLine(c),
        `On ${time(c, c.f.lowerPriceSeenAt, L.seenAt)} the same item was sold for ${money(c, c.f.lowerPrice, L.lowerPrice)}${c.f.priceUrl ? ` (page: ${clean(c.f.priceUrl, 500)})` : ''}, inside the price-protection window that ends ${time(c, c.f.windowEnd, L.windowEnd)}.`,
      ].filter((s): s is string => !!s),
    demand: (c) => differenceDemand(c, `Under ${protectionRule(c)}`),
    basis: () =>
      'Consumer Rights Protection Law of the PRC, Art. 16: a business must honour what it agreed with the consumer.',
  },
  'price-discrepancy': {
    name: 'Price discrepancy',
    problem: (c) =>
      [
        orderLine(c),
        itemLine(c),
        discrepancyLine(c) ??
          `On ${time(c, c.f.lowerPriceSeenAt, L.seenAt)} the same item was marked at ${money(c, c.f.lowerPrice, L.lowerPrice)} on ${c.f.priceUrl ? clean(c.f.priceUrl, 500) : 'another page'}, which differs from what I was charged; I kept a screenshot.`,
      ].filter((s): s is string => !!s),
    demand: (c) => differenceDemand(c, 'Please charge the marked price'),
    basis: () => 'Price Law of the PRC, Art. 13: goods may not be sold above the marked price.',
  },
  'no-pickup': {
    name: 'Not picked up after payment',
    problem: (c) => [
      orderLine(c),
      `${hours(c, c.f.hoursSince, L.hours)} have passed since payment and there is still no carrier pickup scan${c.f.trackingNumber ? ` (tracking ${parcel(c)})` : ''}.`,
    ],
    demand: (c) =>
      `Please ship within 24 hours with a real pickup scan; if you cannot ship, cancel the order and ${fullRefund(c)}.`,
    basis: () => ART20_ECOMMERCE,
  },
  'shipped-no-scan': {
    name: 'Marked shipped without any carrier scan',
    problem: (c) => [
      orderLine(c),
      `The order was marked shipped on ${time(c, c.f.shippedAt, L.shippedAt)} (${parcel(c)}), yet after ${hours(c, c.f.hoursSince, L.hours)} the carrier shows no pickup or transit scan.`,
    ],
    demand: (c) =>
      `Please explain the actual shipping status and give valid tracking within 24 hours; otherwise cancel the order and ${fullRefund(c)}.`,
    basis: () => ART20_ECOMMERCE,
  },
  'logistics-stalled': {
    name: 'Parcel stalled in transit',
    problem: (c) => [
      orderLine(c),
      `For parcel ${parcel(c)}, ${lastEventLine(c)}; it has not moved for ${hours(c, c.f.hoursSince, L.hours)} and is not delivered.`,
    ],
    demand: () =>
      'Please contact the carrier within 48 hours, find the parcel and tell me the result; if it is lost or cannot be delivered, reship the item or refund in full.',
    basis: () => ART20_ECOMMERCE,
  },
  'logistics-exception': {
    name: 'Delivery exception',
    problem: (c) => [
      orderLine(c),
      `Parcel ${parcel(c)} shows an exception: "${text(c, c.f.exceptionText ?? c.f.lastEvent?.text, L.exception)}" (${time(c, c.f.lastEvent?.at, L.eventAt)}).`,
    ],
    demand: (c) => `Please find out the cause and, within 48 hours, reship the item or ${fullRefund(c)}.`,
    basis: () => ART20_ECOMMERCE,
  },
  'not-as-described': {
    name: 'Item not as described',
    problem: (c) =>
      [
        orderLine(c),
        itemLine(c),
        `The item I received does not match the listing: ${text(c, c.f.defect, L.defect)}. I recorded the unboxing on video/photos.`,
      ].filter((s): s is string => !!s),
    demand: (c) =>
      c.f.severity === 'severe'
        ? `The difference is serious: please accept the return and ${fullRefund(c)}, with return shipping paid by the seller.`
        : `The difference is minor and I will keep the item: please give a partial refund of ${money(c, demandAmount(c.f), L.refund)}.`,
    basis: () =>
      'Consumer Rights Protection Law of the PRC, Art. 20 and 24: product information must be true; goods that do not conform may be returned, with transport costs borne by the business.',
  },
  'out-of-stock': {
    name: 'Out of stock after payment',
    problem: (c) =>
      [
        orderLine(c),
        itemLine(c),
        'After payment the seller told me the item is out of stock and will not ship on time.',
      ].filter((s): s is string => !!s),
    demand: (c) =>
      `The contract is formed: please send the same item or a substitute of equal value; if you cannot, ${fullRefund(c)} and add compensation${c.f.compensation ? ` of ${formatMoney(c.f.compensation)}` : ' (money or an equivalent coupon)'}.`,
    basis: () =>
      'E-Commerce Law of the PRC, Art. 49: a successfully submitted order forms a contract the seller must perform.',
  },
  'return-logistics': {
    name: 'Return shipment problem',
    problem: (c) => [orderLine(c), returnProblem(c)],
    demand: (c) =>
      `Please confirm receipt of the return and refund${c.f.paid ? ` ${formatMoney(c.f.paid)}` : ' the price'} within 7 days${c.f.returnIssue === 'wrong-address' ? '; the cost of sending it again, caused by the wrong address, is yours' : ''}.`,
    basis: () =>
      'Consumer Rights Protection Law of the PRC, Art. 25: the price must be refunded within seven days of receiving the returned goods.',
  },
  'after-sale-extension': {
    name: 'After-sale period extension',
    problem: (c) => [
      orderLine(c),
      `The after-sale period of this order ends on ${time(c, c.f.afterSaleEnd, L.afterSaleEnd)}. Because of ${text(c, c.f.reason, L.reason)}, I could not inspect the item in time.`,
    ],
    demand: (c) =>
      `Please extend the after-sale period of this order by ${c.f.extensionDays ?? 7} days so I can inspect the item and ask for after-sale service if needed.`,
  },
};

function returnProblem(c: Ctx): string {
  const no = parcel(c);
  switch (c.f.returnIssue) {
    case 'wrong-address':
      return `I sent the item back to the address the seller gave (return tracking ${no}), but the address is wrong and the parcel cannot be delivered: ${lastEventLine(c)}.`;
    case 'fake-signoff':
      return `For return parcel ${no}, ${lastEventLine(c)}, showing it as signed for, yet my refund has not been processed.`;
    case 'unrecognised':
      return `I sent the item back as asked (return tracking ${no}), but no carrier recognises the number: it has shown no tracking record at all.`;
    case 'wrong-city':
      return `For return parcel ${no}, ${lastEventLine(c)}: it was signed for in another city than the return address the seller gave (${c.f.returnAddress ?? 'see the return request'}).`;
    case 'too-fast':
      return `For return parcel ${no}, ${lastEventLine(c)}: it shows as signed for within hours of pickup, faster than the route allows, so the sign-off is doubtful.`;
    default:
      return `For return parcel ${no}, ${lastEventLine(c)}; it has not moved for ${hours(c, c.f.hoursSince, L.hours)}.`;
  }
}
