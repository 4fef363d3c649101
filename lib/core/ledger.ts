/**
 * Money recovered (issue #19): every refund the shopper got, from a platform's own 价保 page (a `claim` success) or a
 * ticket resolved with an amount. Pure over stored data; integer fen end to end; each currency summed apart, never
 * converted or mixed. An answer we cannot check is text only, never money: a claim needs an order we hold on the same
 * platform, in the order's currency, no larger than what was paid (a page can claim anything).
 */
import { orderRef } from './keys';
import type {
  ClaimSnapshot,
  Evidence,
  Money,
  OrderSnapshot,
  PageSnapshot,
  Platform,
  Ticket,
  TicketType,
} from './model';

/** 价保 (the platform's own page), 差价 (a price complaint), 运费 (shipping), 赔付 (compensation). */
export const LEDGER_KINDS = ['price-protection', 'price-difference', 'shipping', 'compensation'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface LedgerEntry {
  id: string;
  platform: Platform | 'other';
  kind: LedgerKind;
  amount: Money;
  at: number;
  source: 'claim' | 'ticket';
  orderId?: string;
  productId?: string;
  text: string;
  url?: string;
  evidenceIds: string[];
}

type Stored = PageSnapshot & { id?: number };

const TICKET_KIND: Partial<Record<TicketType, LedgerKind>> = {
  'price-protection': 'price-difference',
  'price-discrepancy': 'price-difference',
  'return-logistics': 'shipping',
};

function ordersByKey(snaps: readonly Stored[]): Map<string, OrderSnapshot> {
  const orders = new Map<string, OrderSnapshot>();
  for (const s of snaps) {
    if (s.kind !== 'order') continue;
    const k = orderRef(s.platform, s.orderId);
    const prev = orders.get(k);
    if (!prev || s.capturedAt >= prev.capturedAt) orders.set(k, s);
  }
  return orders;
}

/**
 * Could an order that paid `paid` have refunded `amount`: same currency, a positive whole number of minor units, at
 * most what was paid. A page can claim anything; the ledger and the price-drop rule (lib/rules/price-protection.ts)
 * believe only such amounts.
 */
export function refundFits(amount: Money, paid: Money): boolean {
  return (
    Number.isSafeInteger(amount.amount) &&
    amount.amount > 0 &&
    amount.currency === paid.currency &&
    amount.amount <= paid.amount
  );
}

/** Is this amount believable for this order: held, and a refund it can have paid. */
function fits(amount: Money, order: OrderSnapshot | undefined): boolean {
  return !!order && refundFits(amount, order.paid);
}

function claimEvidence(c: Stored & ClaimSnapshot, evidence: readonly Evidence[]): string[] {
  const shots = evidence.filter((e) => e.kind === 'claim-screenshot' && e.orderId === c.orderId);
  const exact = c.id !== undefined ? shots.filter((e) => e.snapshotId === c.id) : [];
  const near = exact.length > 0 ? exact : shots.filter((e) => e.capturedAt >= c.capturedAt).slice(0, 1);
  return near.map((e) => e.id);
}

export function ledgerEntries(
  snaps: readonly Stored[],
  tickets: readonly Ticket[],
  evidence: readonly Evidence[] = [],
): LedgerEntry[] {
  const orders = ordersByKey(snaps);
  const deleted = new Set(evidence.filter((e) => e.kind === 'deletion').map((e) => e.deletes));
  const live = evidence.filter((e) => !deleted.has(e.id));
  const entries = new Map<string, LedgerEntry>();
  const claims = snaps
    .filter((s): s is Stored & ClaimSnapshot => s.kind === 'claim')
    .sort((a, b) => a.capturedAt - b.capturedAt);
  for (const c of claims) {
    if (c.status !== 'success' || !c.refund || !c.orderId) continue;
    if (!fits(c.refund, orders.get(orderRef(c.platform, c.orderId)))) continue;
    // The same answer read twice (its line and its response, a reload) is one refund.
    const id = `claim:${c.platform}:${c.orderId}:${c.productId ?? ''}:${c.refund.amount}:${c.refund.currency}`;
    if (entries.has(id)) continue;
    entries.set(id, {
      id,
      platform: c.platform,
      kind: 'price-protection',
      amount: c.refund,
      at: c.capturedAt,
      source: 'claim',
      orderId: c.orderId,
      ...(c.productId ? { productId: c.productId } : {}),
      text: c.text,
      url: c.url,
      evidenceIds: claimEvidence(c, live),
    });
  }
  for (const t of tickets) {
    if (t.status !== 'resolved' || !t.recovered) continue;
    const order = t.orderId && t.platform ? orders.get(orderRef(t.platform, t.orderId)) : undefined;
    if (t.orderId ? !fits(t.recovered, order) : !(t.recovered.amount > 0)) continue;
    const id = `ticket:${t.id}`;
    entries.set(id, {
      id,
      platform: t.platform ?? 'other',
      kind: TICKET_KIND[t.type] ?? 'compensation',
      amount: t.recovered,
      at: t.resolvedAt ?? t.answeredAt ?? t.createdAt,
      source: 'ticket',
      ...(t.orderId ? { orderId: t.orderId } : {}),
      ...(t.productId ? { productId: t.productId } : {}),
      text: t.reply?.text.slice(0, 300) ?? '',
      evidenceIds: [...new Set([...(t.reply?.evidenceId ? [t.reply.evidenceId] : []), ...t.evidenceIds])].filter(
        (e) => !deleted.has(e),
      ),
    });
  }
  return [...entries.values()].sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : 1));
}

export interface LedgerTotal {
  currency: string;
  all: number;
  month: number;
  byPlatform: Partial<Record<string, number>>;
  byKind: Partial<Record<LedgerKind, number>>;
}

/** `YYYY-MM` of a time in a zone (the shopper's by default). */
export function monthOf(at: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  })
    .formatToParts(new Date(at))
    .reduce<Record<string, string>>((o, p) => ((o[p.type] = p.value), o), {});
  return `${parts.year}-${parts.month}`;
}

/** Sums per currency (never across), for all time and the month of `now`, by platform and kind. */
export function ledgerTotals(entries: readonly LedgerEntry[], now: number, timeZone?: string): LedgerTotal[] {
  const month = monthOf(now, timeZone);
  const totals = new Map<string, LedgerTotal>();
  for (const e of entries) {
    const c = e.amount.currency;
    const t = totals.get(c) ?? { currency: c, all: 0, month: 0, byPlatform: {}, byKind: {} };
    t.all += e.amount.amount;
    if (monthOf(e.at, timeZone) === month) t.month += e.amount.amount;
    t.byPlatform[e.platform] = (t.byPlatform[e.platform] ?? 0) + e.amount.amount;
    t.byKind[e.kind] = (t.byKind[e.kind] ?? 0) + e.amount.amount;
    totals.set(c, t);
  }
  return [...totals.values()].sort((a, b) =>
    a.currency === 'CNY' ? -1 : b.currency === 'CNY' ? 1 : a.currency < b.currency ? -1 : 1,
  );
}

function csvCell(v: string): string {
  // A cell a spreadsheet would run as a formula is quoted as text (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The ledger as CSV (UTF-8 with BOM, for spreadsheet apps): amounts in fen and as yuan text, ISO times. */
export function ledgerCsv(entries: readonly LedgerEntry[]): string {
  const head = [
    'time',
    'platform',
    'kind',
    'amount_minor',
    'currency',
    'amount',
    'order',
    'product',
    'source',
    'text',
    'evidence',
  ];
  const rows = entries.map((e) =>
    [
      new Date(e.at).toISOString(),
      e.platform,
      e.kind,
      String(e.amount.amount),
      e.amount.currency,
      `${Math.floor(e.amount.amount / 100)}.${String(e.amount.amount % 100).padStart(2, '0')}`,
      e.orderId ?? '',
      e.productId ?? '',
      e.source,
      e.text,
      e.evidenceIds.join(' '),
    ].map(csvCell),
  );
  return `\uFEFF${[head, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`;
}
