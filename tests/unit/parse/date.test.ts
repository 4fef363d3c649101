import { parseShopDate } from '../../../lib/parse/date';

// Expected values come from Date.UTC minus eight hours, so the tests hold in any machine zone.
const sh = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h - 8, mi, s, ms);
const NOW = sh(2025, 11, 10, 12); // 2025-11-10 12:00 Shanghai
const NEW_YEAR = sh(2026, 1, 2, 9); // 2026-01-02 09:00 Shanghai
const SHORTLY_AFTER_MIDNIGHT = sh(2025, 11, 10, 0, 30); // 2025-11-10 00:30 Shanghai = 11-09 16:30 UTC

const CASES: [string, number, number | null][] = [
  ['2025-11-06 23:08:55', NOW, sh(2025, 11, 6, 23, 8, 55)],
  ['2025/11/06 23:08', NOW, sh(2025, 11, 6, 23, 8)],
  ['2025-11-06', NOW, sh(2025, 11, 6)],
  ['2025.11.06 08:00', NOW, sh(2025, 11, 6, 8)],
  ['2025-1-6 8:05', NOW, sh(2025, 1, 6, 8, 5)],
  ['2025年11月6日 23:08', NOW, sh(2025, 11, 6, 23, 8)],
  ['2025年11月06日 23:08:55', NOW, sh(2025, 11, 6, 23, 8, 55)],
  ['2025年11月6日', NOW, sh(2025, 11, 6)],
  ['2025-11-06T23:08:55', NOW, sh(2025, 11, 6, 23, 8, 55)],
  ['2025-11-06 23:08:55.120', NOW, sh(2025, 11, 6, 23, 8, 55, 120)],
  ['２０２５－１１－０６　２３：０８：５５', NOW, sh(2025, 11, 6, 23, 8, 55)],
  ['下单时间：2025-11-06 23:08:55', NOW, sh(2025, 11, 6, 23, 8, 55)],
  ['  2025-11-06 23:08:55 星期四 ', NOW, sh(2025, 11, 6, 23, 8, 55)],
  // month-day: year from now; a date more than a day ahead means last year
  ['11月08日 23:10', NOW, sh(2025, 11, 8, 23, 10)],
  ['11月8日', NOW, sh(2025, 11, 8)],
  ['11-08 23:10', NOW, sh(2025, 11, 8, 23, 10)],
  ['11/08 23:10:05', NOW, sh(2025, 11, 8, 23, 10, 5)],
  ['11-11 10:00', NOW, sh(2025, 11, 11, 10)],
  ['11-12 10:00', NOW, sh(2024, 11, 12, 10)],
  ['12-31 23:59', NEW_YEAR, sh(2025, 12, 31, 23, 59)],
  ['01-01 10:00', NEW_YEAR, sh(2026, 1, 1, 10)],
  ['02-29 10:00', sh(2025, 3, 1), sh(2024, 2, 29, 10)],
  // relative days follow the Shanghai calendar, not UTC's
  ['今天 09:12', NOW, sh(2025, 11, 10, 9, 12)],
  ['今天09:12:30', NOW, sh(2025, 11, 10, 9, 12, 30)],
  ['昨天 18:01', NOW, sh(2025, 11, 9, 18, 1)],
  ['前天 07:00', NOW, sh(2025, 11, 8, 7)],
  ['前天', NOW, sh(2025, 11, 8)],
  ['今天 00:10', SHORTLY_AFTER_MIDNIGHT, sh(2025, 11, 10, 0, 10)],
  ['昨天 23:50', SHORTLY_AFTER_MIDNIGHT, sh(2025, 11, 9, 23, 50)],
  ['3小时前', NOW, NOW - 3 * 3_600_000],
  ['5分钟前', NOW, NOW - 5 * 60_000],
  ['刚刚', NOW, NOW],
  // explicit zones kept as given
  ['2025-11-06T15:08:55Z', NOW, Date.UTC(2025, 10, 6, 15, 8, 55)],
  ['2025-11-06T15:08:55.123Z', NOW, Date.UTC(2025, 10, 6, 15, 8, 55, 123)],
  ['2025-11-06T23:08:55+08:00', NOW, Date.UTC(2025, 10, 6, 15, 8, 55)],
  ['2025-11-06T10:08:55-05:00', NOW, Date.UTC(2025, 10, 6, 15, 8, 55)],
  ['2025-11-06T16:08:55+0100', NOW, Date.UTC(2025, 10, 6, 15, 8, 55)],
  // epoch numbers as strings
  ['1762441735', NOW, 1762441735000],
  ['1762441735123', NOW, 1762441735123],
  // garbage and impossible dates
  ['', NOW, null],
  ['   ', NOW, null],
  ['garbage', NOW, null],
  ['暂无', NOW, null],
  ['2025-13-01', NOW, null],
  ['2025-02-29', NOW, null],
  ['2025-11-31 10:00', NOW, null],
  ['2025-11-06 24:00', NOW, null],
  ['2025-11-06 23:60', NOW, null],
  ['1900-01-01', NOW, null],
  ['13-45 10:00', NOW, null],
  ['12345', NOW, null],
  ['¥12.90', NOW, null],
];

describe('parseShopDate', () => {
  it.each(CASES)('%j (now %i) → %s', (text, now, expected) => {
    expect(parseShopDate(text, now)).toBe(expected);
  });

  it('defaults now to the clock', () => {
    const t = parseShopDate('今天 00:00');
    expect(t).not.toBeNull();
    expect(Math.abs(Date.now() - (t as number))).toBeLessThanOrEqual(24 * 3_600_000);
  });

  it('does not depend on the process zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect(parseShopDate('2025-11-06 23:08:55', NOW)).toBe(sh(2025, 11, 6, 23, 8, 55));
        expect(parseShopDate('昨天 18:01', NOW)).toBe(sh(2025, 11, 9, 18, 1));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
