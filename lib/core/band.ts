/**
 * The band burned into every screenshot: who/where/when, so a cropped or forwarded image still says
 * what it is. `bandLines` is pure (tested); `drawBand` needs a 2D canvas (background only).
 */
export interface BandInfo {
  capturedAt: number;
  url: string;
  /** e.g. "京东 商品 100012043978 ¥5,499.00" or "订单 2938…" */
  caption?: string;
  timeZone?: string;
  /**
   * The start of the SHA-256 of the page as captured (before this band was added). The evidence record
   * keeps the whole hash as `contentSha256`, so a forwarded image leads back to its chained record.
   */
  shortHash?: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-11-22 11:57:09 GMT+08:00 (Asia/Shanghai)" in the given zone, without relying on the host's zone. */
export function formatLocal(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(new Date(at));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')} ${get('timeZoneName')} (${timeZone})`;
}

export function formatUtc(at: number): string {
  const d = new Date(at);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

export function bandLines(info: BandInfo): string[] {
  const zone = info.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  const lines = [
    `ShopWitness 购物维权助手 · 本地时间 Local ${formatLocal(info.capturedAt, zone)}`,
    `UTC ${formatUtc(info.capturedAt)}`,
  ];
  lines.push(`URL ${info.url.length > 160 ? `${info.url.slice(0, 157)}...` : info.url}`);
  const last = [info.caption, info.shortHash ? `页面指纹 Page SHA-256 ${info.shortHash}` : '']
    .filter(Boolean)
    .join('  ·  ');
  if (last) lines.push(last);
  return lines;
}

export const BAND_FONT = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

type Ctx2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** Height of the band for an image `width` px wide. */
export function bandHeight(width: number, lines: number): number {
  return Math.round(Math.max(14, Math.min(22, width / 70)) * 1.5 * lines + 16);
}

export function drawBand(ctx: Ctx2D, y: number, width: number, lines: string[]): void {
  const size = Math.max(14, Math.min(22, width / 70));
  ctx.fillStyle = '#111827';
  ctx.fillRect(0, y, width, bandHeight(width, lines.length));
  ctx.fillStyle = '#facc15';
  ctx.fillRect(0, y, 6, bandHeight(width, lines.length));
  ctx.font = `${size}px ${BAND_FONT}`;
  ctx.textBaseline = 'top';
  lines.forEach((line, i) => {
    ctx.fillStyle = i === 0 ? '#ffffff' : '#e5e7eb';
    ctx.fillText(line, 16, y + 8 + i * size * 1.5, width - 24);
  });
}
