/**
 * Formatting for complaint text: money, dates, durations, placeholders.
 * Money is integer fen; we never go through floats so ¥0.10 never prints as ¥0.09999.
 */
import type { Money } from '../core/model';

export type Lang = 'zh-CN' | 'en';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const SYMBOLS: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', GBP: '£', JPY: '¥', HKD: 'HK$' };

/** ¥1,299.00 — grouping and two decimals from integer minor units. */
export function formatMoney(money: Money): string {
  const amount = Math.round(money.amount);
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const major = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const minor = (abs % 100).toString().padStart(2, '0');
  const currency = money.currency ?? 'CNY';
  const symbol = SYMBOLS[currency] ?? `${currency} `;
  return `${sign}${symbol}${major}.${minor}`;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    dateFormatters.set(timeZone, f);
  }
  return f;
}

/** Calendar parts of an instant in a zone; Intl does the DST/offset work. */
export function zonedParts(ms: number, timeZone = DEFAULT_TIME_ZONE): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return parts;
}

/** "2025-11-06 23:08" in the given zone (Asia/Shanghai by default, as Chinese shops show times). */
export function formatDateTime(ms: number, timeZone = DEFAULT_TIME_ZONE): string {
  const p = zonedParts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "3 天 5 小时" / "3 days 5 hours"; under a day shows hours only. */
export function formatHours(hours: number, lang: Lang): string {
  const h = Math.max(0, Math.floor(hours));
  const days = Math.floor(h / 24);
  const rest = h % 24;
  if (lang === 'zh-CN') {
    if (days === 0) return `${h} 小时`;
    return rest ? `${days} 天 ${rest} 小时` : `${days} 天`;
  }
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days === 0) return plural(h, 'hour');
  return rest ? `${plural(days, 'day')} ${plural(rest, 'hour')}` : plural(days, 'day');
}

/** What the shopper still has to fill in: visible, never "undefined". */
export function placeholder(label: { 'zh-CN': string; en: string }, lang: Lang): string {
  return lang === 'zh-CN' ? `【请填写：${label['zh-CN']}】` : `[please fill in: ${label.en}]`;
}

export function isFiniteTime(ms: number | undefined): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0;
}
