import type { Money } from './model';

const DIGITS: Record<string, number> = { JPY: 0, KRW: 0 };

/** "¥1,299.00" — money is integer minor units; formatting never goes through a float sum. */
export function formatMoney(m: Money, locale = 'zh-CN'): string {
  const digits = DIGITS[m.currency] ?? 2;
  const major = m.amount / 10 ** digits;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency, minimumFractionDigits: digits }).format(major);
  } catch {
    return `${m.currency} ${major.toFixed(digits)}`;
  }
}

/** "2026-11-22 11:57" in the given zone. */
export function formatDateTime(at: number, timeZone?: string, locale = 'zh-CN'): string {
  return new Intl.DateTimeFormat(locale, {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));
}
