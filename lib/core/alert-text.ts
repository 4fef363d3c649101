/** Alert wording for notifications and the popup, in the shopper's language, with live countdowns. */
import { formatMoney } from './format';
import type { MessageKey, T } from './i18n';
import type { Alert, Settings } from './model';

const HOUR = 3_600_000;

export function formatDuration(ms: number, t: T): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  if (d > 0) return t('durationDaysHours', d, h);
  if (h > 0) return t('durationHoursMinutes', h, m % 60);
  return t('durationMinutes', m);
}

export function alertTitle(
  a: Alert,
  t: T,
  s: Pick<Settings, 'noPickupHours' | 'stallHours' | 'ticketAnswerHours'>,
): string {
  const hours: Partial<Record<Alert['kind'], number>> = {
    'no-pickup': s.noPickupHours,
    'logistics-stalled': s.stallHours,
    'ticket-overdue': s.ticketAnswerHours,
  };
  return t(`alert_${a.kind.replace(/-/g, '_')}` as MessageKey, hours[a.kind] ?? '');
}

/** "可退差价 ¥12.00 · 订单 123 · 价保还剩 2 天 3 小时" */
export function alertDetail(a: Alert, t: T, now: number, locale: string): string {
  const parts: string[] = [];
  if (a.amount) parts.push(t('alertAmount', formatMoney(a.amount, locale)));
  if (a.orderId) parts.push(t('alertOrder', a.orderId));
  if (a.trackingNumber) parts.push(t('alertTracking', a.trackingNumber));
  if (a.dueAt !== undefined) {
    const left = a.dueAt - now;
    const isWindow = a.kind === 'price-drop' || a.kind === 'protection-expiring';
    parts.push(
      left <= 0 ? t('alertOverdue') : t(isWindow ? 'alertProtectionLeft' : 'alertLeft', formatDuration(left, t)),
    );
  }
  return parts.join(' · ');
}

/** Most urgent first: the soonest deadline, then money at stake, then the oldest. */
export function byUrgency(a: Alert, b: Alert): number {
  const due = (x: Alert) => x.dueAt ?? x.raisedAt + 7 * 24 * HOUR;
  return (
    due(a) - due(b) ||
    (b.amount?.amount ?? 0) - (a.amount?.amount ?? 0) ||
    a.raisedAt - b.raisedAt ||
    a.id.localeCompare(b.id)
  );
}
