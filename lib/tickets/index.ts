/**
 * Complaint tickets: facts → text (zh-CN, en), evidence checklist, lifecycle, and the one-click
 * path from an alert to a draft ticket. Pure: no browser APIs, no storage.
 */
import type { Alert, AlertKind, Ticket, TicketChannel, TicketObservation, TicketType } from '../core/model';
import { demandAmount, nextChannel, type ObservationFact, type TicketFacts } from './facts';
import { DEFAULT_TIME_ZONE } from './format';
import { composeTicket } from './templates';

export * from './completeness';
export * from './facts';
export * from './format';
export * from './lifecycle';
export * from './templates';

/** 'escalation': the alert is about an unanswered ticket; the draft goes to the next channel. */
export type AlertTicketType = TicketType | 'escalation';

export const ALERT_TICKET_TYPES: Record<AlertKind, AlertTicketType> = {
  'price-drop': 'price-protection',
  'protection-expiring': 'price-protection',
  'no-pickup': 'no-pickup',
  'shipped-no-scan': 'shipped-no-scan',
  'logistics-stalled': 'logistics-stalled',
  'delivery-exception': 'logistics-exception',
  'ticket-overdue': 'escalation',
  'price-discrepancy': 'price-discrepancy',
  'return-problem': 'return-logistics',
};

export function ticketTypeForAlert(kind: AlertKind): AlertTicketType {
  return ALERT_TICKET_TYPES[kind];
}

export interface DraftOptions {
  id: string;
  now: number;
  alertId?: string;
  parentId?: string;
  timeZone?: string;
}

/** A draft Ticket with both languages composed, the computed amount and the evidence ids. */
export function draftTicket(facts: TicketFacts, options: DraftOptions): Ticket {
  const tz = options.timeZone ?? DEFAULT_TIME_ZONE;
  const amount = demandAmount(facts);
  const item = facts.items?.find((i) => i.productId === facts.productId) ?? facts.items?.[0];
  const productId = facts.productId ?? item?.productId;
  return {
    version: 1,
    id: options.id,
    type: facts.type,
    channel: facts.channel,
    status: 'draft',
    createdAt: options.now,
    evidenceIds: citedIds(facts),
    text: { 'zh-CN': composeTicket(facts, 'zh-CN', tz).text, en: composeTicket(facts, 'en', tz).text },
    ...(facts.platform ? { platform: facts.platform } : {}),
    ...(facts.orderId ? { orderId: facts.orderId } : {}),
    ...(productId ? { productId } : {}),
    ...(facts.trackingNumber ? { trackingNumber: facts.trackingNumber } : {}),
    ...(options.alertId ? { alertId: options.alertId } : {}),
    ...(options.parentId ? { parentId: options.parentId } : {}),
    ...(amount ? { amount } : {}),
    ...(facts.discrepancy
      ? {
          discrepancy: {
            higher: ticketObservation(facts.discrepancy.higher),
            lower: ticketObservation(facts.discrepancy.lower),
          },
        }
      : {}),
  };
}

/** Every record the complaint cites: its evidence, and both sides' screenshots of a price discrepancy. */
function citedIds(facts: TicketFacts): string[] {
  const sides = facts.discrepancy ? [facts.discrepancy.higher, facts.discrepancy.lower] : [];
  return [...new Set([...facts.evidence, ...sides.flatMap((o) => o.evidence)].map((e) => e.id))];
}

/** The side as the ticket keeps it: its evidence by id (the records travel in the bundle). */
function ticketObservation(o: ObservationFact): TicketObservation {
  const { evidence, ...rest } = o;
  return { ...rest, evidenceIds: evidence.map((e) => e.id) };
}

export type AlertFacts = Omit<TicketFacts, 'type' | 'channel'> & {
  type?: TicketType;
  channel?: TicketChannel;
};

/**
 * One click from an alert to a draft. The alert decides the type; for `ticket-overdue` the facts
 * describe the unanswered complaint (its type, and `previousTicket` or `channel` its channel) and the
 * draft goes to the next channel, with the overdue ticket as parent. After 12315 there is no further
 * channel, so an overdue 12315 complaint drafts a 12315 follow-up.
 */
export function ticketFromAlert(
  alert: Alert,
  facts: AlertFacts,
  options: { id?: string; now?: number; timeZone?: string } = {},
): Ticket {
  const mapped = ticketTypeForAlert(alert.kind);
  const full = withAlertIds(alert, facts);
  let resolved: TicketFacts;
  let parentId: string | undefined;
  if (mapped === 'escalation') {
    const prev = facts.previousTicket?.channel ?? facts.channel ?? 'seller';
    if (!facts.type) throw new TypeError('ticket-overdue: facts.type of the unanswered ticket is required');
    resolved = { ...full, type: facts.type, channel: nextChannel(prev) ?? '12315' };
    parentId = alert.ticketId;
  } else {
    resolved = { ...full, type: mapped, channel: facts.channel ?? defaultChannel(mapped) };
  }
  return draftTicket(resolved, {
    id: options.id ?? `ticket-${alert.id}-${resolved.channel}`,
    now: options.now ?? alert.raisedAt,
    alertId: alert.id,
    ...(parentId ? { parentId } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
}

/** The playbook: a stall of 3+ days goes to the platform; everything else starts with the seller. */
export function defaultChannel(type: TicketType): TicketChannel {
  return type === 'logistics-stalled' ? 'platform' : 'seller';
}

/** The alert knows the order, tracking number and platform even when the gathered facts do not. */
function withAlertIds(alert: Alert, facts: AlertFacts): AlertFacts {
  return {
    ...facts,
    orderId: facts.orderId ?? alert.orderId,
    trackingNumber: facts.trackingNumber ?? alert.trackingNumber,
    platform: facts.platform ?? alert.platform,
    productId: facts.productId ?? alert.productId,
  };
}
