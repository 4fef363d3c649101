/**
 * report.html of the evidence bundle: a self-contained, printable page (DESIGN.md: it travels alone,
 * e.g. attached to a 12315 complaint) — ticket text, timeline and every screenshot inline with its hash.
 * Non-image files (MHTML, PDF, video) are linked by their path inside the bundle. The signing key's fingerprint and
 * the chain head open the page in full, and a section says in plain zh-CN and en what the bundle proves and what it
 * does not (a screenshot shows what the browser showed, nothing more; no promise of admissibility).
 * Page-derived text is hostile by default: every value is escaped, there is no script, and the CSP
 * forbids anything but inline styles and data: images.
 */
import type { Evidence, Ticket, TicketObservation } from '../core/model';
import { bytesToBase64 } from '../core/signing';
import { isChainPin, isSha256Hex, type ChainPin } from './facts';
import { opensslVerifyCommand } from '../core/timestamp/command';
import { DEFAULT_TIME_ZONE, formatDateTime, formatMoney } from './format';

export interface ReportEvidence {
  record: Evidence;
  /** The file's path inside the bundle; the report links to it relative to report.html. */
  path: string;
  data: Uint8Array;
}

/** One trusted time-stamp (RFC 3161) the bundle holds over the chain. */
export interface ReportTimestamp {
  /** The time-stamping authority, as its certificate or settings name it. */
  authority: string;
  /** The authority's time (epoch ms), from the token's TSTInfo. */
  genTime: number;
  /** The chain record whose hash was stamped: it and every record before it existed no later than genTime. */
  coversSeq: number;
  /** The stamped SHA-256 (64 hex) and the token's path in the bundle: given both, the report prints the openssl check. */
  digest?: string;
  token?: string;
  /** The shopper's clock when the token was asked for: a difference over 2 minutes is shown. */
  requestedAt?: number;
}

export interface ReportInput {
  ticket: Ticket;
  texts: { 'zh-CN': string; en: string };
  evidence: ReportEvidence[];
  timeline?: { at: number; text: string }[];
  created: number;
  generator: string;
  timeZone?: string;
  /** The signing key's fingerprint and the chain head, shown in full in the header; omitted when absent. */
  chain?: ChainPin;
  /** The bundle's trusted time-stamps; absent or empty means the bundle holds none, and the report says so. */
  timestamps?: ReportTimestamp[];
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
.sides{display:flex;gap:1em;align-items:flex-start}.side{flex:1 1 0;min-width:0}
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

/** The picture of a record, inline when it is an image a browser shows without running anything. */
function picture(e: ReportEvidence): string {
  const r = e.record;
  // Page-derived text stays out of attributes: src and alt are built from our own values only.
  return IMAGE_TYPES.has(r.mime)
    ? `<img src="data:${r.mime};base64,${bytesToBase64(e.data)}" alt="${escapeHtml(`${r.kind} ${e.path}`)}">`
    : `<p>（非图片文件，见 <a href="${href(e.path)}">${escapeHtml(e.path)}</a> / not an image, see the file）</p>`;
}

/** `shownAbove`: the picture is in the price comparison already; the figure keeps its hashes, not a second copy. */
function evidenceFigure(e: ReportEvidence, tz: string, shownAbove = false): string {
  const r = e.record;
  const img = shownAbove ? '<p>（图见上方价格对比 · shown in the price comparison above）</p>' : picture(e);
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

const CHANNEL_LABELS: Record<TicketObservation['channel'], string> = {
  shop: '店铺页面 Shop page',
  live: '直播间 Live room',
  video: '短视频 Video',
};

/**
 * price-discrepancy: both prices side by side, each with its channel, time, page and the screenshots filed under
 * that observation (by record id: a picture never stands for the other side).
 */
function comparison(input: ReportInput, tz: string): { html: string; shown: Set<string> } {
  const d = input.ticket.discrepancy;
  const shown = new Set<string>();
  if (!d) return { html: '', shown };
  const byId = new Map(input.evidence.map((e) => [e.record.id, e]));
  const side = (title: string, o: TicketObservation) => {
    const shots = o.evidenceIds.map((id) => byId.get(id)).filter((e): e is ReportEvidence => !!e);
    for (const e of shots) shown.add(e.record.id);
    const where = `${CHANNEL_LABELS[o.channel] ?? o.channel}${o.roomId ? ` · 房间号 room ${o.roomId}` : ''}${o.videoId ? ` · 视频 video ${o.videoId}` : ''}`;
    const pics = shots.length
      ? shots
          .map(
            (e) =>
              `${picture(e)}<p><code>${escapeHtml(e.path)}</code> SHA-256 <code>${escapeHtml(e.record.sha256)}</code></p>`,
          )
          .join('')
      : '<p>（无截图 · no screenshot）</p>';
    return `<div class="side"><h3>${escapeHtml(title)}</h3><table>${[
      row('渠道 Channel', where),
      row('价格 Price', formatMoney(o.price)),
      row(o.source === 'order' ? '付款时间 Paid' : '看到时间 Seen', when(o.at, tz)),
      row('网址 URL', o.url),
    ].join('')}</table>${pics}</div>`;
  };
  const html = `<h2>价格对比 · Price comparison</h2>
<div class="sides">${side('较高价格 Higher price', d.higher)}${side('较低价格 Lower price', d.lower)}</div>`;
  return { html, shown };
}

/** The key and the chain head, in full, where a reader looks first. */
function pinTable(chain: ChainPin | undefined): string {
  if (!isChainPin(chain)) return '';
  return `<table>
<tr><th>签名密钥指纹（SHA-256）<br>Signing key fingerprint (SHA-256)</th><td><code>${escapeHtml(chain.keyFingerprint)}</code></td></tr>
<tr><th>证据链最新记录<br>Evidence chain head</th><td>#${escapeHtml(chain.headSeq)} <code>${escapeHtml(chain.headHash)}</code></td></tr>
</table>`;
}

function timestampList(input: ReportInput, tz: string): string {
  const stamps = (input.timestamps ?? []).filter((t) => Number.isFinite(t.genTime));
  if (stamps.length === 0) {
    return `<p>本证据包没有可信时间戳：其中所有时间都来自购物者自己电脑的时钟。</p>
<p lang="en">This bundle holds no trusted time-stamp: every time in it comes from the shopper's own computer clock.</p>`;
  }
  const rows = stamps
    .map((t) => {
      // The command a third party runs on the files of this zip, with the authority's root certificate
      // (and `-attime <genTime>` when the TSA's certificate has expired since).
      const check =
        t.token && isSha256Hex(t.digest)
          ? `<br><code>${escapeHtml(opensslVerifyCommand(t.token, t.digest, 'tsa-root.pem'))}</code>`
          : '';
      const drift =
        typeof t.requestedAt === 'number' && Math.abs(t.genTime - t.requestedAt) > 2 * 60_000
          ? `<br>本机时间与可信时间相差 ${escapeHtml(Math.round((t.requestedAt - t.genTime) / 60_000))} 分钟 · <span lang="en">the shopper's clock differed from the authority's by ${escapeHtml(Math.round((t.requestedAt - t.genTime) / 60_000))} min</span>`
          : '';
      return `<tr><td>${escapeHtml(t.authority)}</td><td>${escapeHtml(when(t.genTime, tz))}${drift}</td><td>#${escapeHtml(t.coversSeq)}${check}</td></tr>`;
    })
    .join('');
  return `<table><tr><th>时间戳机构 Authority</th><th>机构时间 Authority's time</th><th>覆盖至记录 Covers up to record</th></tr>${rows}</table>
<p>时间戳机构证书是否被吊销无法离线核查，本报告未核查。 · <span lang="en">Whether an authority's certificate was revoked cannot be checked offline and was not checked.</span></p>`;
}

/**
 * What the bundle proves and what it does not, in plain words (EVIDENCE-TRUST.md, "Honest about limits"):
 * a stamp proves "not changed after", never "the page was real"; no promise of admissibility.
 */
function provesSection(input: ReportInput, tz: string): string {
  const pinned = isChainPin(input.chain);
  const zh = [
    '每个文件的 SHA-256 都列在 manifest.json 中，manifest 由签名密钥签名：文件改动一个字节，校验即不通过。',
    '证据记录从本安装的第一条记录起，每条都包含前一条的哈希，组成一条哈希链：删除、调换或改动任何一条记录，校验时都会显现。',
    `签名密钥以其 SHA-256 指纹标明${pinned ? '（见报告开头）' : ''}。请将它与平台已收到的投诉内容末尾的指纹核对：不一致，说明证据包是用另一把密钥重新签名的。投诉内容末尾的证据链记录哈希同理：平台记录的发送时间说明，这条记录及其之前的所有记录在那时已经存在。`,
    '可信时间戳（RFC 3161）如有，证明所覆盖的记录不晚于时间戳机构给出的时间已经存在，之后未被改动；没有可信时间戳时，所有时间都只是购物者自己电脑的时钟。',
    '截图显示的是浏览器当时显示的内容。它不能证明页面在截图前没有被修改过（例如用浏览器的开发者工具）。',
    '本报告不承诺任何证据会被法院采纳；如何认定由平台、监管部门或法院决定。',
  ];
  const en = [
    "Every file's SHA-256 is listed in manifest.json, and the manifest is signed: a file changed by one byte fails the check.",
    "From the install's first record on, each evidence record holds the hash of the one before it, forming a hash chain: a record removed, reordered or edited shows when the chain is checked.",
    `The signing key is named by its SHA-256 fingerprint${pinned ? ' (at the top of this report)' : ''}. Compare it with the fingerprint at the end of the complaint text the platform already holds: if they differ, the bundle was re-signed with another key. The same holds for the chain record hash at the end of that text: the time the platform logged the message shows that this record and every record before it existed by then.`,
    "Trusted time-stamps (RFC 3161), when present, prove that the records they cover existed no later than the authority's time and were not changed after it; without them, every time is only the shopper's own computer clock.",
    "A screenshot shows what the browser showed. It cannot prove that the page was not edited before the capture (for example with the browser's developer tools).",
    'Nothing in this report promises that any of it will be admitted in court; how it is weighed is for the platform, the regulator or the court to decide.',
  ];
  const list = (items: string[], lang: string) =>
    `<ul lang="${lang}">${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  return `<h2>这份证据能证明什么，不能证明什么 · <span lang="en">What this evidence proves and what it does not</span></h2>
${list(zh, 'zh-CN')}
${list(en, 'en')}
<h3>可信时间戳 · <span lang="en">Trusted time-stamps</span></h3>
${timestampList(input, tz)}`;
}

export function renderReport(input: ReportInput): string {
  const tz = input.timeZone ?? DEFAULT_TIME_ZONE;
  const title = input.texts['zh-CN'].split('\n', 1)[0]?.trim() || '维权投诉报告';
  const compared = comparison(input, tz);
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
${pinTable(input.chain)}
${ticketTable(input.ticket, tz)}
<h2>投诉内容（中文）</h2>
<pre lang="zh-CN">${escapeHtml(input.texts['zh-CN'])}</pre>
<h2 lang="en">Complaint (English)</h2>
<pre lang="en">${escapeHtml(input.texts.en)}</pre>
${compared.html}
${provesSection(input, tz)}
<h2>时间线 · Timeline</h2>
${timeline(input, tz)}
<h2>证据 · Evidence (${input.evidence.length})</h2>
<p>每个文件的 SHA-256 列在 manifest.json 中，manifest 已签名；可用 <code>npm run verify -- bundle.zip</code> 校验。
截图与本报告同在证据包中：请先解压整个 zip，再打开 report.html。</p>
<p lang="en">Screenshots are the files next to this report: unpack the whole zip, then open report.html.</p>
${input.evidence.map((e) => evidenceFigure(e, tz, compared.shown.has(e.record.id))).join('\n')}
</body>
</html>
`;
}
