/**
 * zh-CN fallback texts for alerts. The UI localises from kind + fields; `message` is what a notification
 * shows when it cannot. Pure integer formatting: money never goes through a float (DESIGN.md "Money").
 */
import type { Money } from '../core/model';
import { DAY, HOUR } from './settings';

const ZERO_DIGIT_CURRENCIES = new Set(['JPY', 'KRW']);

/** 1200 CNY → "¥12.00"; other currencies → "USD 12.00". */
export function formatFen(money: Money): string {
  const sign = money.currency === 'CNY' ? '¥' : `${money.currency} `;
  if (ZERO_DIGIT_CURRENCIES.has(money.currency)) return `${sign}${money.amount}`;
  const major = Math.floor(money.amount / 100);
  const minor = String(money.amount % 100).padStart(2, '0');
  return `${sign}${major}.${minor}`;
}

/** Time left until `end`: "3 天", "2 天 5 小时", "7 小时", "不到 1 小时". */
export function formatLeft(end: number, now: number): string {
  const ms = Math.max(0, end - now);
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  return hours > 0 ? `${hours} 小时` : '不到 1 小时';
}

/** Settings hours as the shopper set them: 48 → "48", 0.5 → "0.5". */
export function formatHours(hours: number): string {
  return String(Math.round(hours * 100) / 100);
}
