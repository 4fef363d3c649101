import { formatDateTime } from '@/lib/core/format';

const PAID = Date.UTC(2026, 10, 1, 2, 2, 13); // 2026-11-01 10:02:13 in Shanghai

describe('formatDateTime', () => {
  it.each([
    ['zh-CN', 'Asia/Shanghai', '2026-11-01 10:02'],
    ['en', 'Asia/Shanghai', '2026-11-01 10:02'],
    ['en-US', 'UTC', '2026-11-01 02:02'],
    ['ar-EG', 'UTC', '2026-11-01 02:02'],
  ])('%s in %s: year-month-day, 24 h, Latin digits', (locale, zone, want) => {
    expect(formatDateTime(PAID, zone, locale)).toBe(want);
  });
});
