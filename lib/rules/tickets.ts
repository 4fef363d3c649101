/**
 * ticket-overdue: a complaint sent `ticketAnswerHours` ago (default 72 h) with no answer recorded is
 * escalated seller → platform → 12315 (DESIGN.md "Ticket response"). Only status 'sent' counts:
 * answered/resolved tickets got their answer, escalated ones were already moved on, drafts never left.
 */
import type { Alert, Settings, Ticket } from '../core/model';
import { hoursMs } from './settings';
import { formatHours } from './text';

const CHANNEL_NAMES: Record<Ticket['channel'], string> = { seller: '商家', platform: '平台', '12315': '12315' };

/** When the ticket becomes overdue, or null if it cannot (not sent, or answered). */
export function ticketDueAt(ticket: Ticket, settings: Settings): number | null {
  if (ticket.status !== 'sent' || ticket.sentAt === undefined || ticket.answeredAt !== undefined) return null;
  return ticket.sentAt + hoursMs(settings.ticketAnswerHours);
}

export function ticketOverdueAlert(ticket: Ticket, now: number, settings: Settings): Alert | null {
  const dueAt = ticketDueAt(ticket, settings);
  if (dueAt === null || now < dueAt) return null;
  return {
    id: `ticket-overdue:${ticket.id}`,
    kind: 'ticket-overdue',
    ...(ticket.platform ? { platform: ticket.platform } : {}),
    ...(ticket.orderId ? { orderId: ticket.orderId } : {}),
    ...(ticket.productId ? { productId: ticket.productId } : {}),
    ...(ticket.trackingNumber ? { trackingNumber: ticket.trackingNumber } : {}),
    ticketId: ticket.id,
    raisedAt: dueAt,
    dueAt,
    message: `向${CHANNEL_NAMES[ticket.channel]}的投诉已发出 ${formatHours(settings.ticketAnswerHours)} 小时仍未回复，可以升级`,
  };
}

export function ticketAlerts(tickets: Ticket[], now: number, settings: Settings, alerts: Alert[] = []): Alert[] {
  for (const ticket of tickets) {
    const alert = ticketOverdueAlert(ticket, now, settings);
    if (alert) alerts.push(alert);
  }
  return alerts;
}
