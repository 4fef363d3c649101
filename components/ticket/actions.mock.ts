/**
 * TicketActions as a plain object, with a sample ticket to build: no extension, no database, no downloads. For
 * unit tests of the ticket page, and for rendering it anywhere else:
 * `<TicketBuilder facts={SAMPLE_TICKET_FACTS} initial={SAMPLE_TICKET} actions={createTicketActionsMock()} … />`.
 *
 * The clock stands still at `now` (SAMPLE_NOW unless told). What the page asks to be done is recorded in `calls`
 * (`copy:<first 20 characters>`, `export`, `attach:<file>`); saved tickets, in `saved`; attached files, in `attached`. Each attachment moves the
 * chain head one record on (`chainPin` answers SAMPLE_CHAIN until then). `overrides` replace any member.
 */
import type { Ticket } from '@/lib/core/model';
import { draftTicket, type ChainPin, type TicketFacts } from '@/lib/tickets';
import type { TicketActions } from './actions';

export interface TicketActionsMock extends TicketActions {
  /** What the page asked to be done, in order. */
  calls: string[];
  /** Every ticket save was given, in order. */
  saved: Ticket[];
  /** Every file attach was given, with its caption, in order. */
  attached: { file: File; caption?: string }[];
}

const H = 3_600_000;
/** The sample's clock. */
export const SAMPLE_NOW = Date.UTC(2026, 10, 12, 6, 0);
const PAID = SAMPLE_NOW - 50 * H;

/** The sample install's key fingerprint and chain head (record #1 is the price screenshot below). */
export const SAMPLE_CHAIN: ChainPin = { keyFingerprint: 'd'.repeat(64), headSeq: 1, headHash: 'e'.repeat(64) };

/** A JD order whose item got ¥20 cheaper inside its price-protection window, with its two screenshots. */
export const SAMPLE_TICKET_FACTS: TicketFacts = {
  type: 'price-protection',
  channel: 'seller',
  platform: 'jd',
  orderId: '301234567890',
  shop: '小熊电器京东自营旗舰店',
  paid: { amount: 25980, currency: 'CNY' },
  paidAt: PAID,
  items: [
    { productId: '1001', title: '小熊电热水壶 1.7L', unitPrice: { amount: 12990, currency: 'CNY' }, quantity: 2 },
  ],
  productId: '1001',
  lowerPrice: { amount: 10990, currency: 'CNY' },
  lowerPriceSeenAt: SAMPLE_NOW - 2 * H,
  priceUrl: 'https://item.jd.com/1001.html',
  windowEnd: PAID + 7 * 24 * H,
  evidence: [
    { id: 'ev-order', kind: 'order-screenshot', capturedAt: PAID + 60_000, sha256: 'a'.repeat(64) },
    { id: 'ev-price', kind: 'price-screenshot', capturedAt: SAMPLE_NOW - 2 * H, sha256: 'b'.repeat(64) },
  ],
  chain: SAMPLE_CHAIN,
};

/** The draft the ticket page would open with for SAMPLE_TICKET_FACTS. */
export const SAMPLE_TICKET: Ticket = draftTicket(SAMPLE_TICKET_FACTS, { id: 'ticket-sample', now: SAMPLE_NOW });

export function createTicketActionsMock(
  options: { now?: number } = {},
  overrides: Partial<TicketActions> = {},
): TicketActionsMock {
  const now = options.now ?? SAMPLE_NOW;
  const calls: string[] = [];
  const saved: Ticket[] = [];
  const attached: TicketActionsMock['attached'] = [];
  let head = { seq: SAMPLE_CHAIN.headSeq, hash: SAMPLE_CHAIN.headHash };
  return {
    calls,
    saved,
    attached,
    now: () => now,
    save: async (ticket) => void saved.push(ticket),
    copy: async (text) => void calls.push(`copy:${text.slice(0, 20)}`),
    share: async (text) => {
      calls.push(`share:${text.slice(0, 20)}`);
      return true;
    },
    exportBundle: async () => void calls.push('export'),
    attach: async (file, _orderId, caption) => {
      calls.push(`attach:${file.name}`);
      attached.push({ file, ...(caption ? { caption } : {}) });
      head = { seq: head.seq + 1, hash: (head.seq + 1).toString(16).padStart(64, 'f') };
      return { id: `att-${file.name}`, kind: 'attachment', capturedAt: now, sha256: 'c'.repeat(64), title: file.name };
    },
    chainPin: async () => ({ keyFingerprint: SAMPLE_CHAIN.keyFingerprint, headSeq: head.seq, headHash: head.hash }),
    ...overrides,
  };
}
