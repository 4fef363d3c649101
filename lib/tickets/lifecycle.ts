/**
 * Ticket lifecycle as pure transitions:
 *
 *   draft ──send──▶ sent ──answer──▶ answered ──resolve──▶ resolved
 *                    │                  │
 *                    ├──resolve─────────┤
 *                    └──escalate────────┴──▶ escalated  (+ a new draft on the next channel)
 *
 * Every function returns a new Ticket and never mutates its input. An illegal transition
 * (e.g. answering a draft, escalating past 12315) throws TicketTransitionError: these are
 * programming or UI errors, and a silently ignored one would lose the shopper's complaint history.
 */
import type { Money, Ticket, TicketChannel, TicketStatus } from '../core/model';
import { nextChannel } from './facts';

export type TicketAction = 'send' | 'answer' | 'resolve' | 'escalate';

export class TicketTransitionError extends Error {
  override readonly name = 'TicketTransitionError';
  constructor(
    readonly ticketId: string,
    readonly from: TicketStatus,
    readonly action: TicketAction,
    readonly reason: 'illegal-transition' | 'no-next-channel' = 'illegal-transition',
  ) {
    super(
      reason === 'no-next-channel'
        ? `ticket ${ticketId}: cannot escalate past the 12315 channel`
        : `ticket ${ticketId}: cannot ${action} a ticket that is ${from}`,
    );
  }
}

const ALLOWED: Record<TicketAction, readonly TicketStatus[]> = {
  send: ['draft'],
  answer: ['sent'],
  resolve: ['sent', 'answered'],
  escalate: ['sent', 'answered'],
};

export function canTransition(status: TicketStatus, action: TicketAction): boolean {
  return ALLOWED[action].includes(status);
}

function guard(ticket: Ticket, action: TicketAction): void {
  if (!canTransition(ticket.status, action)) {
    throw new TicketTransitionError(ticket.id, ticket.status, action);
  }
}

export interface SendInfo {
  at: number;
  /** The channel it actually went to, when the shopper changed it at the last moment. */
  channel?: TicketChannel;
  /** The shop's or platform's ticket number. */
  externalId?: string;
}

/** Sending starts the answer timer: lib/rules raises ticket-overdue at `answerDueAt`. */
export function markSent(ticket: Ticket, info: SendInfo): Ticket {
  guard(ticket, 'send');
  const externalId = info.externalId?.trim() || ticket.externalId;
  return {
    ...ticket,
    status: 'sent',
    channel: info.channel ?? ticket.channel,
    sentAt: info.at,
    ...(externalId ? { externalId } : {}),
  };
}

/** The platform's or merchant's reply (pasted, or read from a page), kept on the ticket; `evidenceId` once chained. */
export interface TicketReply {
  text: string;
  evidenceId?: string;
}

export function markAnswered(ticket: Ticket, at: number, reply?: TicketReply): Ticket {
  guard(ticket, 'answer');
  return { ...ticket, status: 'answered', answeredAt: at, ...(reply ? { reply: replyAt(reply, at) } : {}) };
}

/**
 * Resolved; with `recovered` (what the shopper got back, integer minor units) it goes into the money-recovered
 * ledger (lib/core/ledger.ts). A negative, fractional or zero amount is refused here rather than counted.
 */
export function markResolved(ticket: Ticket, at: number, recovered?: Money, reply?: TicketReply): Ticket {
  guard(ticket, 'resolve');
  if (recovered && (!Number.isSafeInteger(recovered.amount) || recovered.amount <= 0))
    throw new RangeError(`ticket ${ticket.id}: a recovered amount must be a positive whole number of minor units`);
  return {
    ...ticket,
    status: 'resolved',
    resolvedAt: at,
    ...(recovered ? { recovered } : {}),
    ...(reply ? { reply: replyAt(reply, at) } : {}),
  };
}

/** "answered" with an amount: the answer is recorded and the ticket resolved in one step (both times kept). */
export function answerWithAmount(ticket: Ticket, at: number, reply: TicketReply, recovered: Money): Ticket {
  return markResolved(markAnswered(ticket, at, reply), at, recovered);
}

function replyAt(reply: TicketReply, at: number): NonNullable<Ticket['reply']> {
  return { text: reply.text.slice(0, 5000), at, ...(reply.evidenceId ? { evidenceId: reply.evidenceId } : {}) };
}

/** The parent's side of an escalation; `escalate` makes the child. */
export function markEscalated(ticket: Ticket): Ticket {
  guard(ticket, 'escalate');
  if (!nextChannel(ticket.channel)) {
    throw new TicketTransitionError(ticket.id, ticket.status, 'escalate', 'no-next-channel');
  }
  return { ...ticket, status: 'escalated' };
}

export interface EscalateOptions {
  /** Id of the new ticket; default `<parent id>-<next channel>`, stable for the same parent. */
  id?: string;
  /** Texts composed for the next channel (composeTicket with channel and previousTicket set). */
  text?: Ticket['text'];
}

/**
 * The next channel's draft (seller → platform → 12315) from the same evidence. Pair it with
 * `markEscalated(parent)`, or use `escalatePair` to get both at once.
 */
export function escalate(ticket: Ticket, now: number, options: EscalateOptions = {}): Ticket {
  guard(ticket, 'escalate');
  const channel = nextChannel(ticket.channel);
  if (!channel) throw new TicketTransitionError(ticket.id, ticket.status, 'escalate', 'no-next-channel');
  const { sentAt: _s, answeredAt: _a, resolvedAt: _r, externalId: _e, ...rest } = ticket;
  return {
    ...rest,
    id: options.id ?? `${ticket.id}-${channel}`,
    channel,
    status: 'draft',
    createdAt: now,
    evidenceIds: [...ticket.evidenceIds],
    text: options.text ?? {},
    parentId: ticket.id,
  };
}

export function escalatePair(
  ticket: Ticket,
  now: number,
  options?: EscalateOptions,
): { parent: Ticket; draft: Ticket } {
  return { parent: markEscalated(ticket), draft: escalate(ticket, now, options) };
}

/** When an answer is due (72 h by default, Settings.ticketAnswerHours); null unless waiting. */
export function answerDueAt(ticket: Ticket, answerHours = 72): number | null {
  if (ticket.status !== 'sent' || ticket.sentAt === undefined) return null;
  return ticket.sentAt + answerHours * 3_600_000;
}
