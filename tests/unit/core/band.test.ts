import { bandHeight, bandLines, formatLocal, formatUtc } from '@/lib/core/band';

const at = Date.UTC(2026, 10, 22, 3, 57, 9); // 2026-11-22 11:57:09 in Shanghai

describe('screenshot band', () => {
  it('shows local time with its zone, UTC, the URL and what the page said', () => {
    const lines = bandLines({
      capturedAt: at,
      url: 'https://item.jd.com/100012043978.html',
      caption: '京东 商品 100012043978 ¥89.90',
      timeZone: 'Asia/Shanghai',
    });
    expect(lines[0]).toContain('2026-11-22 11:57:09 GMT+08:00 (Asia/Shanghai)');
    expect(lines[1]).toBe('UTC 2026-11-22 03:57:09 UTC');
    expect(lines[2]).toBe('URL https://item.jd.com/100012043978.html');
    expect(lines[3]).toContain('¥89.90');
  });

  it.each([
    ['America/New_York', '2026-11-21 22:57:09 GMT-05:00'],
    ['Europe/Berlin', '2026-11-22 04:57:09 GMT+01:00'],
    ['UTC', '2026-11-22 03:57:09 GMT'],
  ])('formats local time in %s', (zone, expected) => expect(formatLocal(at, zone)).toContain(expected));

  it('truncates very long URLs and sizes the band to the image', () => {
    const lines = bandLines({ capturedAt: at, url: `https://item.jd.com/1.html?${'x'.repeat(500)}`, timeZone: 'UTC' });
    expect(lines[2]!.length).toBeLessThanOrEqual(165);
    expect(bandHeight(1280, 4)).toBeGreaterThan(60);
    expect(formatUtc(0)).toBe('1970-01-01 00:00:00 UTC');
  });
});
