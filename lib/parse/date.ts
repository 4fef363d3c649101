/**
 * Shop and carrier time strings → epoch ms. Pure, no zod at runtime.
 *
 * A time without a zone is Asia/Shanghai (+08:00, no DST since 1991), computed with Date.UTC minus
 * eight hours, so the result never depends on the machine's zone. A string with "Z" or "+hh:mm"
 * keeps its own zone. Garbage → null; nothing throws.
 *
 * Year inference for "11月08日 23:10" / "11-08": the year of `now` in Shanghai; when that lands more
 * than a day after `now` the page meant last year (a December order seen in January).
 */
import { toHalfWidth } from './normalize';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHANGHAI = 8 * HOUR;

interface Parts {
  y: number;
  mo: number;
  d: number;
  h?: string;
  mi?: string;
  s?: string;
  ms?: string;
}

/** Wall-clock parts at a given UTC offset → epoch ms; null when a field is out of range. */
function fromParts(p: Parts, offset = SHANGHAI): number | null {
  const h = Number(p.h ?? 0);
  const mi = Number(p.mi ?? 0);
  const s = Number(p.s ?? 0);
  const ms = Number((p.ms ?? '').padEnd(3, '0').slice(0, 3));
  if (p.y < 1970 || p.y > 2200 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(p.y, p.mo - 1, p.d, h, mi, s, ms);
  const check = new Date(utc);
  if (check.getUTCMonth() !== p.mo - 1 || check.getUTCDate() !== p.d) return null;
  const at = utc - offset;
  return at >= 0 ? at : null;
}

/** "Z", "+08:00", "+0800", "-05:00" → offset in ms. */
function zoneOffset(zone: string): number {
  if (/^z$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return SHANGHAI;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * HOUR + Number(m[3]) * 60_000);
}

/** Shanghai calendar date of an instant. */
function shanghaiDate(at: number): { y: number; mo: number; d: number } {
  const t = new Date(at + SHANGHAI);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const TIME = String.raw`(?:\s*(?:T|\s)?\s*(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})(?:\.(\d{1,9}))?)?秒?)?`;
const FULL_RE = /* @__PURE__ */ new RegExp(
  String.raw`(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*[日号]?${TIME}\s*(Z|[+-]\d{2}:?\d{2})?(?![\d:])`,
  'i',
);
const MONTH_DAY_RE = /* @__PURE__ */ new RegExp(
  String.raw`(?<![\d.\-/])(\d{1,2})\s*[-/月]\s*(\d{1,2})(?!\d)\s*[日号]?${TIME}(?![\d.:])`,
);
const RELATIVE_DAY_RE = /* @__PURE__ */ new RegExp(String.raw`(今天|今日|昨天|昨日|前天)${TIME}`);
const AGO_RE = /^(\d{1,4})\s*(秒|分钟|小时|天)前$/;

/** undefined = no full date here; null = a full date that does not exist (2025-02-29). */
function parseFull(s: string): number | null | undefined {
  const m = FULL_RE.exec(s);
  if (!m) return undefined;
  const parts = { y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]), h: m[4], mi: m[5], s: m[6], ms: m[7] };
  const zone = m[8] && m[4] !== undefined ? zoneOffset(m[8]) : SHANGHAI;
  return fromParts(parts, zone);
}

function parseMonthDay(s: string, now: number): number | null {
  const m = MONTH_DAY_RE.exec(s);
  if (!m) return null;
  const { y } = shanghaiDate(now);
  const parts = { mo: Number(m[1]), d: Number(m[2]), h: m[3], mi: m[4], s: m[5], ms: m[6] };
  const thisYear = fromParts({ y, ...parts });
  if (thisYear !== null && thisYear <= now + DAY) return thisYear;
  return fromParts({ y: y - 1, ...parts });
}

function parseRelative(s: string, now: number): number | null {
  const ago = AGO_RE.exec(s);
  if (ago) {
    const unit = { 秒: 1000, 分钟: 60_000, 小时: HOUR, 天: DAY }[ago[2] as '秒' | '分钟' | '小时' | '天'];
    return Math.max(0, now - Number(ago[1]) * unit);
  }
  const m = RELATIVE_DAY_RE.exec(s);
  if (!m) return null;
  const back = m[1]?.startsWith('前') ? 2 : m[1]?.startsWith('昨') ? 1 : 0;
  const day = shanghaiDate(now - back * DAY);
  return fromParts({ ...day, h: m[2], mi: m[3], s: m[4], ms: m[5] });
}

/**
 * "2025-11-06 23:08:55", "2025/11/06 23:08", "2025年11月6日 23:08", "11月08日 23:10", "11-08 23:10",
 * "今天 09:12", "昨天 18:01", "前天", "3小时前", ISO with Z/offset, epoch seconds (10 digits) or ms (13).
 */
export function parseShopDate(text: string, now: number = Date.now()): number | null {
  if (typeof text !== 'string' || !Number.isFinite(now)) return null;
  const s = toHalfWidth(text).trim();
  if (!s) return null;
  if (/^\d{13}$/.test(s)) return Number(s);
  if (/^\d{10}$/.test(s)) return Number(s) * 1000;
  if (/^刚刚$/.test(s)) return now;
  const full = parseFull(s);
  if (full !== undefined) return full;
  return parseRelative(s, now) ?? parseMonthDay(s, now);
}
