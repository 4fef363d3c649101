/**
 * report.html of the evidence bundle: a self-contained, printable page (DESIGN.md: it travels alone,
 * e.g. attached to a 12315 complaint) — ticket text, timeline and every screenshot inline with its hash.
 * Non-image files (MHTML, PDF, video) are linked by their path inside the bundle.
 * Page-derived text is hostile by default: every value is escaped, there is no script, and the CSP
 * forbids anything but inline styles and data: images.
 */
import type { Evidence, Ticket } from '../core/model';
import { bytesToBase64 } from '../core/signing';
import { DEFAULT_TIME_ZONE, formatDateTime, formatMoney } from './format';

export interface ReportEvidence {
  record: Evidence;
  /** The file's path inside the bundle; the report links to it relative to report.html. */
  path: string;
  data: Uint8Array;
}

export interface ReportInput {
  ticket: Ticket;
  texts: { 'zh-CN': string; en: string };
  evidence: ReportEvidence[];
  timeline?: { at: number; text: string }[];
  created: number;
  generator: string;
  timeZone?: string;
}

export const REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** Only raster types a browser shows without running anything. */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

/** A bundle path as a relative URL: every segment percent-encoded, then escaped for the attribute. */
function href(path: string): string {
  return escapeHtml(path.split('/').map(encodeURIComponent).join('/'));
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
body{font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",system-ui,sans-serif;margin:2em;color:#111;line-height:1.6}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:2em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
pre{white-space:pre-wrap;word-break:break-word;font-family:inherit;background:#f7f7f7;padding:1em}
code{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all;font-size:.85em}
figure{margin:1.5em 0;page-break-inside:avoid;break-inside:avoid}img{max-width:100%;border:1px solid #999}
@media print{body{margin:0}pre{background:none}}`;

function when(ms: number | undefined, tz: string): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '';
  return `${formatDateTime(ms, tz)} (${tz}) · ${new Date(ms).toISOString()}`;
}

function row(label: string, value: string | undefined): string {
  return value ? `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>` : '';
}

function ticketTable(t: Ticket, tz: string): string {
  return `<table>${[
    row('工单编号 Ticket', t.id),
    row('类型 Type', t.type),
    row('渠道 Channel', t.channel),
    row('状态 Status', t.status),
    row('平台 Platform', t.platform),
    row('订单号 Order', t.orderId),
    row('商品 Product', t.productId),
    row('快递单号 Tracking', t.trackingNumber),
    row('诉求金额 Amount', t.amount ? formatMoney(t.amount) : undefined),
    row('创建 Created', when(t.createdAt, tz)),
    row('发送 Sent', when(t.sentAt, tz)),
    row('对方工单号 External id', t.externalId),
    row('上级工单 Escalates', t.parentId),
  ].join('')}</table>`;
}

function timelineRows(input: ReportInput): { at: number; text: string }[] {
  const t = input.ticket;
  const rows = [...(input.timeline ?? [])];
  for (const e of input.evidence) rows.push({ at: e.record.capturedAt, text: `证据 ${e.record.kind} ${e.path}` });
  rows.push({ at: t.createdAt, text: '工单创建 ticket created' });
  if (t.sentAt !== undefined) rows.push({ at: t.sentAt, text: '工单发送 ticket sent' });
  if (t.answeredAt !== undefined) rows.push({ at: t.answeredAt, text: '对方答复 answered' });
  if (t.resolvedAt !== undefined) rows.push({ at: t.resolvedAt, text: '已解决 resolved' });
  return rows.filter((r) => Number.isFinite(r.at)).sort((a, b) => a.at - b.at);
}

function timeline(input: ReportInput, tz: string): string {
  const rows = timelineRows(input)
    .map((r) => `<tr><td>${escapeHtml(when(r.at, tz))}</td><td>${escapeHtml(r.text)}</td></tr>`)
    .join('');
  return `<table><tr><th>时间 Time</th><th>事件 Event</th></tr>${rows}</table>`;
}

function evidenceFigure(e: ReportEvidence, tz: string): string {
  const r = e.record;
  // Page-derived text stays out of attributes: src and alt are built from our own values only.
  const img = IMAGE_TYPES.has(r.mime)
    ? `<img src="data:${r.mime};base64,${bytesToBase64(e.data)}" alt="${escapeHtml(`${r.kind} ${e.path}`)}">`
    : `<p>（非图片文件，见 <a href="${href(e.path)}">${escapeHtml(e.path)}</a> / not an image, see the file）</p>`;
  const meta = `<table>${[
    row('文件 File', e.path),
    row('类型 Kind', r.kind),
    row('截取时间 Captured', when(r.capturedAt, tz)),
    row('网址 URL', r.url),
    row('页面标题 Title', r.title),
    row('说明 Caption', r.caption),
    row('备注 Note', r.note),
    row('大小 Bytes', String(r.bytes)),
  ].join('')}<tr><th>SHA-256</th><td><code>${escapeHtml(r.sha256)}</code></td></tr>
<tr><th>前一记录 prevHash</th><td><code>${escapeHtml(r.prevHash ?? '—')}</code></td></tr>
<tr><th>记录哈希 recordHash</th><td><code>${escapeHtml(r.recordHash)}</code></td></tr></table>`;
  return `<figure>${img}<figcaption>${meta}</figcaption></figure>`;
}

export function renderReport(input: ReportInput): string {
  const tz = input.timeZone ?? DEFAULT_TIME_ZONE;
  const title = input.texts['zh-CN'].split('\n', 1)[0]?.trim() || '维权投诉报告';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>维权投诉报告 · Complaint report</h1>
<p>${escapeHtml(title)}</p>
<p>生成 Generated: ${escapeHtml(when(input.created, tz))} · ${escapeHtml(input.generator)}</p>
${ticketTable(input.ticket, tz)}
<h2>投诉内容（中文）</h2>
<pre lang="zh-CN">${escapeHtml(input.texts['zh-CN'])}</pre>
<h2 lang="en">Complaint (English)</h2>
<pre lang="en">${escapeHtml(input.texts.en)}</pre>
<h2>时间线 · Timeline</h2>
${timeline(input, tz)}
<h2>证据 · Evidence (${input.evidence.length})</h2>
<p>每个文件的 SHA-256 列在 manifest.json 中，manifest 已签名；可用 <code>npm run verify -- bundle.zip</code> 校验。
截图与本报告同在证据包中：请先解压整个 zip，再打开 report.html。</p>
<p lang="en">Screenshots are the files next to this report: unpack the whole zip, then open report.html.</p>
${input.evidence.map((e) => evidenceFigure(e, tz)).join('\n')}
</body>
</html>
`;
}
