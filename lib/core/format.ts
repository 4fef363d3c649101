import type { Money } from './model';

const DIGITS: Record<string, number> = { JPY: 0, KRW: 0 };

/**
 * Intl formatters are costly to build (a list of twenty orders built forty of them: most of the popup's
 * first render) and cheap to reuse: one per locale and options, kept.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function moneyFormat(locale: string, currency: string, digits: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits });
    numberFormats.set(key, f);
  }
  return f;
}

/** "¥1,299.00" — money is integer minor units; formatting never goes through a float sum. */
export function formatMoney(m: Money, locale = 'zh-CN'): string {
  const digits = DIGITS[m.currency] ?? 2;
  const major = m.amount / 10 ** digits;
  try {
    return moneyFormat(locale, m.currency, digits).format(major);
  } catch {
    return `${m.currency} ${major.toFixed(digits)}`;
  }
}

/**
 * "2026-11-22 11:57" in the given zone, in every language: year-month-day is what Chinese pages, receipts
 * and complaints use, and it cannot be misread the way 11/02 can. `locale` picks only the digits' script.
 */
export function formatDateTime(at: number, timeZone?: string, locale = 'zh-CN'): string {
  const key = `${locale}|${timeZone ?? ''}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      ...(timeZone ? { timeZone } : {}),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      numberingSystem: 'latn',
    });
    dateFormats.set(key, f);
  }
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of f.formatToParts(new Date(at))) part[p.type] = p.value;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}
