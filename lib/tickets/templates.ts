/**
 * composeTicket: facts → the three parts that get a complaint resolved (problem, evidence, demand),
 * framed for the channel: the seller's chat, the platform's intervention, or a 12315 complaint.
 * Pure; the shopper edits the text before use.
 */
import type { EvidenceKind } from '../core/model';
import { checkEvidence } from './completeness';
import { isChainPin, isSha256Hex, type EvidenceRef, type TicketFacts } from './facts';
import { DEFAULT_TIME_ZONE, formatDateTime, type Lang } from './format';
import { EN } from './phrases-en';
import { ZH } from './phrases-zh';
import { L, clean, platformName, text, type Ctx, type Phrasebook } from './template-kit';

export interface ComposedTicket {
  title: string;
  problem: string;
  evidence: string[];
  demand: string;
  /** Everything together, ready to paste into the chat or the complaint form. */
  text: string;
}

const BOOKS: Record<Lang, Phrasebook> = { 'zh-CN': ZH, en: EN };

const KIND_NAMES: Record<EvidenceKind, Record<Lang, string>> = {
  'price-screenshot': { 'zh-CN': '价格截图', en: 'price screenshot' },
  'order-screenshot': { 'zh-CN': '订单截图', en: 'order screenshot' },
  'logistics-screenshot': { 'zh-CN': '物流截图', en: 'logistics screenshot' },
  'claim-screenshot': { 'zh-CN': '平台价保结果截图', en: 'platform price-protection answer' },
  'page-screenshot': { 'zh-CN': '页面截图', en: 'page screenshot' },
  'page-archive': { 'zh-CN': '网页存档', en: 'page archive' },
  attachment: { 'zh-CN': '附件', en: 'attachment' },
  deletion: { 'zh-CN': '删除记录', en: 'deletion record' },
  'chain-start': { 'zh-CN': '证据链起点', en: 'chain start' },
  'chain-rule': { 'zh-CN': '证据链规则变更', en: 'chain rule change' },
  restore: { 'zh-CN': '备份恢复记录', en: 'restore record' },
  timestamp: { 'zh-CN': '可信时间戳', en: 'trusted time-stamp' },
  'order-entry': { 'zh-CN': '买家录入的订单信息', en: 'order details entered by the buyer' },
};

/** Checklist keys that are a piece of evidence (the others are facts, shown in the problem text). */
const EVIDENCE_KEYS = new Set([
  'order-screenshot',
  'app-order-screenshot',
  'price-screenshot-in-window',
  'price-screenshot',
  'higher-price-screenshot',
  'lower-price-screenshot',
  'logistics-screenshot',
  'unboxing',
  'stock-notice',
]);

/**
 * One piece of evidence: what, when, the caption, and on its own line the file's full SHA-256 (64 hex: a prefix is
 * not a commitment; a line of its own keeps the sentence readable and the hash easy to select).
 */
function evidenceLine(e: EvidenceRef, c: Ctx): string {
  const kind = KIND_NAMES[e.kind]?.[c.lang] ?? e.kind;
  const at = formatDateTime(e.capturedAt, c.tz);
  const caption = clean(e.caption, 120);
  const hash = isSha256Hex(e.sha256) ? e.sha256 : undefined;
  if (c.lang === 'zh-CN') {
    return `${kind}（${at} 截取${caption ? `，${caption}` : ''}）${hash ? `\nSHA-256：${hash}` : ''}`;
  }
  return `${kind} (captured ${at}${caption ? `, ${caption}` : ''})${hash ? `\nSHA-256: ${hash}` : ''}`;
}

/** Where the order's facts came from when the buyer typed them in (an app order has no page to capture). */
function orderSourceLine(c: Ctx): string[] {
  if (c.f.orderSource !== 'manual') return [];
  return [
    c.lang === 'zh-CN'
      ? '订单信息由买家录入，附App截图'
      : 'Order details entered by the buyer, with screenshots from the shopping app attached',
  ];
}

function evidenceList(c: Ctx): string[] {
  const lines = [
    ...orderSourceLine(c),
    ...c.f.evidence.filter((e) => e.kind !== 'deletion').map((e) => evidenceLine(e, c)),
  ];
  for (const item of checkEvidence(c.f)) {
    if (!item.ok && EVIDENCE_KEYS.has(item.item)) {
      lines.push(c.lang === 'zh-CN' ? `【待补充：${item.label['zh-CN']}】` : `[missing: ${item.label.en}]`);
    }
  }
  return lines;
}

function title(c: Ctx, book: Phrasebook): string {
  const name = book[c.f.type].name;
  const ref = clean(c.f.orderId) ?? clean(c.f.trackingNumber);
  if (!ref) return name;
  return c.lang === 'zh-CN' ? `${name}：订单 ${ref}` : `${name}: order ${ref}`;
}

export function composeTicket(
  facts: TicketFacts,
  lang: Lang = 'zh-CN',
  timeZone: string = DEFAULT_TIME_ZONE,
): ComposedTicket {
  const c: Ctx = { f: facts, lang, tz: timeZone };
  const book = BOOKS[lang];
  const phrases = book[facts.type];
  const problem = phrases.problem(c).join(lang === 'zh-CN' ? '' : ' ');
  const basis = phrases.basis?.(c);
  const demand = phrases.demand(c) + (basis ? (lang === 'zh-CN' ? `\n依据：${basis}` : `\nBasis: ${basis}`) : '');
  const parts = {
    title: title(c, book),
    problem,
    evidence: evidenceList(c),
    demand,
  };
  return { ...parts, text: assemble(c, parts) };
}

type Parts = Omit<ComposedTicket, 'text'>;

function assemble(c: Ctx, p: Parts): string {
  const zh = c.lang === 'zh-CN';
  const h = zh
    ? { problem: '【问题描述】', evidence: '【证据】', demand: '【诉求】' }
    : { problem: 'Problem', evidence: 'Evidence', demand: 'Demand' };
  // A line an evidence item continues on (its hash) is indented under the item's text.
  const list = p.evidence.length
    ? p.evidence.map((e, i) => `${i + 1}. ${e.replace(/\n/g, '\n   ')}`).join('\n')
    : zh
      ? '（见附件）'
      : '(see attachments)';
  const blocks = [
    p.title,
    ...header(c),
    `${h.problem}${zh ? '' : ':'}\n${p.problem}`,
    `${h.evidence}${zh ? '' : ':'}\n${list}`,
    `${h.demand}${zh ? '' : ':'}\n${p.demand}`,
    closing(c),
    chainBlock(c),
  ];
  return blocks.filter((b) => b.length > 0).join('\n\n');
}

/** Who is speaking to whom: a greeting for chats, the required party block for 12315. */
function header(c: Ctx): string[] {
  const zh = c.lang === 'zh-CN';
  if (c.f.channel === 'seller') return [zh ? '您好，' : 'Hello,'];
  if (c.f.channel === 'platform') {
    const shop = clean(c.f.shop);
    const intro = zh
      ? `平台客服您好，我与商家${shop ? `「${shop}」` : ''}就以下问题协商未果，申请平台介入处理。`
      : `Hello, I could not settle the following with the seller${shop ? ` "${shop}"` : ''} and ask the platform to intervene.`;
    return [intro + previous(c)];
  }
  return [parties(c)];
}

function previous(c: Ctx): string {
  const prev = c.f.previousTicket;
  if (!prev) return '';
  const at = formatDateTime(prev.sentAt, c.tz);
  const id = clean(prev.externalId, 100);
  if (c.lang === 'zh-CN')
    return `我已于 ${at} 向${prev.channel === 'seller' ? '商家' : '平台'}提出${id ? `（工单号 ${id}）` : ''}，至今未获解决。`;
  return ` I raised it with the ${prev.channel === 'seller' ? 'seller' : 'platform'} on ${at}${id ? ` (ticket ${id})` : ''} and it is still unresolved.`;
}

/** 12315 requires both parties identified; missing ones stay as visible placeholders. */
function parties(c: Ctx): string {
  const f = c.f;
  const p = platformName(c);
  if (c.lang === 'zh-CN') {
    return [
      `投诉人：${text(c, f.complainant?.name, L.name)}，联系电话：${text(c, f.complainant?.contact, L.contact)}`,
      `被投诉人：${text(c, f.shop, L.shop)}，地址：${text(c, f.merchantAddress, L.address)}`,
      p ? `购买平台：${p}` : '',
      previous(c),
    ]
      .filter(Boolean)
      .join('\n');
  }
  return [
    `Complainant: ${text(c, f.complainant?.name, L.name)}, contact: ${text(c, f.complainant?.contact, L.contact)}`,
    `Respondent: ${text(c, f.shop, L.shop)}, address: ${text(c, f.merchantAddress, L.address)}`,
    p ? `Bought on: ${p}` : '',
    previous(c).trim(),
  ]
    .filter(Boolean)
    .join('\n');
}

function closing(c: Ctx): string {
  const zh = c.lang === 'zh-CN';
  switch (c.f.channel) {
    case 'seller':
      return zh
        ? '请在 72 小时内答复处理结果。如未能解决，我将申请平台介入。谢谢！'
        : 'Please reply with the outcome within 72 hours. If it is not resolved, I will ask the platform to intervene. Thank you.';
    case 'platform':
      return zh
        ? '请平台在 72 小时内介入处理。如仍未解决，我将依据《消费者权益保护法》第三十九条向 12315 投诉。'
        : 'Please intervene within 72 hours. If it remains unresolved, I will file a complaint with 12315 under Art. 39 of the Consumer Rights Protection Law.';
    default:
      return zh
        ? '以上情况属实，证据材料见附件。请依法处理。'
        : 'The facts above are true; the evidence is attached. Please handle this complaint according to law.';
  }
}

/**
 * The last block of every text: the signing key's fingerprint and the chain head, in full, so the platform's own
 * log keeps them with its own timestamp. Whoever checks the bundle later compares the two. Omitted (never faked)
 * when the facts carry no complete pin.
 */
function chainBlock(c: Ctx): string {
  const pin = c.f.chain;
  if (!isChainPin(pin)) return '';
  if (c.lang === 'zh-CN') {
    return [
      '【证据核对】证据包中的记录和签名可与以下两项核对：',
      `证据链记录 #${pin.headSeq} 的哈希：${pin.headHash}`,
      `签名密钥指纹（SHA-256）：${pin.keyFingerprint}`,
    ].join('\n');
  }
  return [
    "Evidence check: the evidence bundle's records and signature can be checked against these two values.",
    `Evidence chain record #${pin.headSeq} hash: ${pin.headHash}`,
    `Signing key fingerprint (SHA-256): ${pin.keyFingerprint}`,
  ].join('\n');
}
