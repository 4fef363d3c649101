/**
 * TicketFacts: everything a complaint may say, gathered from stored snapshots, evidence and alerts.
 * Every field but type/channel/evidence is optional: templates omit what is unknown or show a
 * visible placeholder, and the completeness checklist says what is still missing.
 */
import type {
  CarrierCode,
  EvidenceKind,
  Money,
  Platform,
  PriceObservation,
  TicketChannel,
  TicketType,
} from '../core/model';

/** The part of an evidence record a complaint cites (a subset of model.ts `Evidence`). */
export interface EvidenceRef {
  id: string;
  kind: EvidenceKind;
  capturedAt: number;
  sha256: string;
  url?: string;
  caption?: string;
  title?: string;
  mime?: string;
  /** The stored snapshot the record was captured for (its page state), when it was. */
  snapshotId?: number;
}

/**
 * One side of a price discrepancy (lib/rules/price-discrepancy.ts): where, when and at what price, with the
 * screenshots filed under that observation's snapshot — never another page's picture (for an order-side price,
 * the order's own screenshots).
 */
export type ObservationFact = PriceObservation & { evidence: EvidenceRef[] };

export interface FactItem {
  title: string;
  unitPrice?: Money;
  quantity: number;
  productId?: string;
}

export interface TrackingFact {
  at: number;
  text: string;
  location?: string;
}

export type Severity = 'minor' | 'severe';

/** What went wrong with a return shipment (DESIGN.md "Return logistics"). */
/**
 * 'unrecognised': no carrier knows the return number; 'wrong-city': signed for in a city the return address does not
 * name; 'too-fast': signed for sooner after pickup than the route allows (lib/rules/returns.ts).
 */
export type ReturnIssue = 'wrong-address' | 'stalled' | 'fake-signoff' | 'unrecognised' | 'wrong-city' | 'too-fast';

export interface PreviousTicket {
  channel: TicketChannel;
  sentAt: number;
  externalId?: string;
}

/**
 * What pins a complaint to the evidence: the install's signing key, by its SHA-256 fingerprint (RFC 7638
 * thumbprint, lib/core/signing.ts keyFingerprint), and the evidence chain's newest record when the text was
 * drafted (its `seq` and `recordHash`). Sent to the merchant or the platform, the text leaves both in their own
 * log with their own timestamp: a bundle signed by another key, or a chain whose record #headSeq hashes
 * differently, then shows. Hashes are 64 lowercase hex, never a prefix.
 */
export interface ChainPin {
  keyFingerprint: string;
  headSeq: number;
  headHash: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** A full SHA-256 as 64 lowercase hex (a prefix is not a commitment). */
export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && HEX64.test(value);
}

/** Only a complete pin is ever shown: a missing or malformed value omits it, never prints a stand-in. */
export function isChainPin(value: ChainPin | undefined): value is ChainPin {
  return (
    !!value &&
    isSha256Hex(value.keyFingerprint) &&
    isSha256Hex(value.headHash) &&
    Number.isSafeInteger(value.headSeq) &&
    value.headSeq >= 0
  );
}

export interface TicketFacts {
  type: TicketType;
  channel: TicketChannel;
  platform?: Platform;
  orderId?: string;
  /** Shop / merchant name as the page shows it. */
  shop?: string;
  /** Needed by 12315: the merchant's registered or return address. */
  merchantAddress?: string;
  paid?: Money;
  /** `manual`: the order was placed in a phone app and its facts typed in by the buyer (order/add). */
  orderSource?: 'manual';
  paidAt?: number;
  placedAt?: number;
  shippedAt?: number;
  items?: FactItem[];
  /** Which item the complaint is about (price protection); else the first item. */
  productId?: string;
  /** Price protection: the later lower price; price discrepancy: the price shown on the other page. */
  lowerPrice?: Money;
  lowerPriceSeenAt?: number;
  priceUrl?: string;
  /** Price discrepancy: what the shopper paid or was offered (higher) and the lower price in another channel. */
  discrepancy?: { higher: ObservationFact; lower: ObservationFact };
  /** End of the price-protection window (epoch ms). */
  windowEnd?: number;
  trackingNumber?: string;
  carrier?: CarrierCode | string;
  lastEvent?: TrackingFact;
  /** Hours since the reference moment of the type: payment, shipping or the last event. */
  hoursSince?: number;
  exceptionText?: string;
  severity?: Severity;
  /** Not as described: what differs from the listing, in the shopper's words. */
  defect?: string;
  /** Partial refund asked for a minor defect, or compensation for an oversold item. */
  compensation?: Money;
  returnIssue?: ReturnIssue;
  /** The return address the shopper entered (wrong-city). */
  returnAddress?: string;
  /** After-sale extension: when the current after-sale period ends, and how many more days. */
  afterSaleEnd?: number;
  extensionDays?: number;
  reason?: string;
  complainant?: { name?: string; contact?: string };
  evidence: EvidenceRef[];
  previousTicket?: PreviousTicket;
  /** Key fingerprint and chain head, ending every text; absent (e.g. nothing recorded yet) omits the block. */
  chain?: ChainPin;
}

export const CHANNEL_ORDER: readonly TicketChannel[] = ['seller', 'platform', '12315'];

/** seller → platform → 12315; null after 12315 (the last resort). */
export function nextChannel(channel: TicketChannel): TicketChannel | null {
  const i = CHANNEL_ORDER.indexOf(channel);
  return CHANNEL_ORDER[i + 1] ?? null;
}

/** The item a price complaint is about: by productId, else the first. */
export function subjectItem(facts: TicketFacts): FactItem | undefined {
  const items = facts.items ?? [];
  if (facts.productId) {
    const hit = items.find((i) => i.productId === facts.productId);
    if (hit) return hit;
  }
  return items[0];
}

/**
 * The unit price paid: the item's unit price, else `paid` for a single item of quantity 1
 * (the same rule as lib/rules, DESIGN.md "Public contracts").
 */
export function paidUnitPrice(facts: TicketFacts): Money | undefined {
  const item = subjectItem(facts);
  if (item?.unitPrice) return item.unitPrice;
  const items = facts.items ?? [];
  if (facts.paid && (items.length === 0 || (items.length === 1 && items[0]?.quantity === 1))) {
    return facts.paid;
  }
  return undefined;
}

/** Price protection / discrepancy: (paid unit − lower) × quantity, null when unknown or not lower. */
export function priceDifference(facts: TicketFacts): Money | null {
  const unit = paidUnitPrice(facts);
  const lower = facts.lowerPrice;
  if (!unit || !lower || (unit.currency ?? 'CNY') !== (lower.currency ?? 'CNY')) return null;
  const diff = unit.amount - lower.amount;
  if (diff <= 0) return null;
  const quantity = subjectItem(facts)?.quantity ?? 1;
  return { amount: diff * quantity, currency: unit.currency ?? 'CNY' };
}

/** The amount the demand asks for, when the facts let us compute one. */
export function demandAmount(facts: TicketFacts): Money | null {
  switch (facts.type) {
    case 'price-protection':
    case 'price-discrepancy':
      return priceDifference(facts);
    case 'not-as-described':
      if (facts.severity === 'severe') return facts.paid ?? null;
      return facts.compensation ?? null;
    case 'out-of-stock':
      return facts.compensation ?? null;
    case 'no-pickup':
    case 'shipped-no-scan':
    case 'logistics-exception':
    case 'return-logistics':
      return facts.paid ?? null;
    default:
      return null;
  }
}
