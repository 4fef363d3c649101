/**
 * Price text → Money (integer minor units). Pure, bundled into the content script: no zod at runtime.
 *
 * Decisions (tests in tests/unit/parse/price.test.ts pin each one):
 * - Arithmetic runs on digit strings, never on floats; more than the currency's decimals rounds half up.
 * - A range ("¥12.90-25.00", "12.9~25") gives its LOW bound as the price, both bounds in low/high.
 * - "1.2万" is 12000 units of the currency (亿 likewise); a bare number without a symbol is CNY.
 * - European decimal comma is read only in the unambiguous shape "1.299,00" / "12,90" (comma + exactly
 *   two digits at the end); otherwise a comma is a thousands separator, as on every Chinese shop.
 * - "免费" and other wordings without digits → null: a free item is not a price we can compare, and
 *   reading "免运费" as ¥0 would raise false price-drop alerts.
 * - A negative number ("-￥23.00", a discount line) → null from parsePrice; parseSignedPrice keeps the sign.
 * - Amounts beyond Number.MAX_SAFE_INTEGER minor units → null.
 * - When several numbers appear, the first one touching a currency sign wins; a number after a
 *   reference label (原价/划线价/市场价…) or followed by a count word (2件, 双11价) loses to any other.
 */
import type { Money } from '../core/model';
import { toHalfWidth } from './normalize';

export interface ParsedPrice {
  price: Money;
  low?: Money;
  high?: Money;
  /** The label found nearest the number, as written (e.g. 券后, 到手价, 京东价). */
  label?: string;
  /** The label says the number holds only under a condition (coupon, subsidy, membership, estimate). */
  conditional: boolean;
}

export interface SignedPrice {
  amount: number;
  currency: string;
}

// Longest first at each position: the regex engine tries alternatives in order.
const CURRENCY_RE =
  /HK\$|NT\$|US\$|JP¥|(?<![A-Z])(?:HKD|USD|EUR|GBP|JPY|CNY|RMB|TWD)(?![A-Z])|人民币|日元|日圆|美元|美金|港币|港元|欧元|英镑|新台币|[¥￥€£円元$]/gi;

const CURRENCY_OF: Record<string, string> = {
  HK$: 'HKD',
  NT$: 'TWD',
  US$: 'USD',
  'JP¥': 'JPY',
  RMB: 'CNY',
  人民币: 'CNY',
  日元: 'JPY',
  日圆: 'JPY',
  美元: 'USD',
  美金: 'USD',
  港币: 'HKD',
  港元: 'HKD',
  欧元: 'EUR',
  英镑: 'GBP',
  新台币: 'TWD',
  '¥': 'CNY',
  '￥': 'CNY',
  '€': 'EUR',
  '£': 'GBP',
  円: 'JPY',
  元: 'CNY',
  $: 'USD',
};

/** Currencies whose minor unit is the unit itself. */
const ZERO_DECIMALS = new Set(['JPY', 'KRW', 'TWD']);

const CONDITIONAL_LABELS = [
  '券后价',
  '券后',
  '领券后',
  '领券价',
  '用券后',
  '到手价',
  '预估到手价',
  '预估到手',
  '预估价',
  '预估',
  '到手',
  '平台加补后',
  '加补后',
  '补贴价',
  '补贴后',
  '补贴领后价',
  '百亿补贴',
  '国补价',
  '国补后',
  '政府补贴',
  '满减后',
  'PLUS价',
  'PLUS会员价',
  '会员价',
  '新人价',
];
const PLAIN_LABELS = [
  '京东价',
  '折后价',
  '折后',
  '优惠价',
  '秒杀价',
  '拼单价',
  '单独购买价',
  '现价',
  '售价',
  '活动价',
  '促销价',
  '预售价',
  '实付款',
  '实付',
  '合计',
  '总价',
  '商品总价',
  '应付',
  '单价',
  '价格',
];
/** A number after one of these is what the price WAS, not what it is. */
const REFERENCE_LABELS = ['原价', '划线价', '市场价', '参考价', '吊牌价', '门店价', '专柜价', '日常价', '优惠前'];

/** Every label, longest first, as one pattern; built on the first full scan (content scripts that only read plain prices never build it). */
let labelRe: RegExp | undefined;
function labelRegExp(): RegExp {
  labelRe ??= new RegExp(
    [...CONDITIONAL_LABELS, ...PLAIN_LABELS, ...REFERENCE_LABELS].sort((a, b) => b.length - a.length).join('|'),
    'gi',
  );
  return labelRe;
}

interface Token {
  start: number;
  end: number;
}
interface NumToken extends Token {
  decimal: string;
  scale: number;
}
interface CurrencyToken extends Token {
  code: string;
}
interface LabelToken extends Token {
  text: string;
}
interface Candidate {
  low: NumToken;
  high?: NumToken;
}

function tokens<T extends Token>(re: RegExp, text: string, make: (m: RegExpExecArray) => T | null): T[] {
  const out: T[] = [];
  for (const m of text.matchAll(re)) {
    const t = make(m as RegExpExecArray);
    if (t) out.push(t);
  }
  return out;
}

/** "1,299.00" → "1299.00", "1.299,00" → "1299.00", "99." → "99"; null when not one number. */
function toDecimal(token: string): string | null {
  const t = token.replace(/[.,]+$/, '');
  if (/^\d{1,3}(?:\.\d{3})*,\d{2}$/.test(t)) return t.replace(/\./g, '').replace(',', '.');
  const plain = t.replace(/,/g, '');
  return /^\d*\.?\d*$/.test(plain) && /\d/.test(plain) ? plain : null;
}

function readNumbers(text: string): NumToken[] {
  return tokens(/\d[\d,.]*|\.\d+/g, text, (m) => {
    const decimal = toDecimal(m[0]);
    if (decimal === null) return null;
    let end = m.index + m[0].length;
    const unit = text[end];
    const scale = unit === '万' ? 4 : unit === '亿' ? 8 : 0;
    if (scale) end += 1;
    return { start: m.index, end, decimal, scale };
  });
}

/**
 * Decimal digit string → integer minor units, rounding half up; `scale` shifts the point right
 * (万 = 4). Null for anything that is not a plain unsigned decimal or is not a safe integer.
 */
function shiftToMinor(decimal: string, digits: number, scale: number): number | null {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(decimal);
  if (!m || !/\d/.test(decimal)) return null;
  const int = m[1] ?? '';
  const all = int + (m[2] ?? '');
  const point = int.length + scale + digits;
  const padded = all.padEnd(point + 1, '0');
  const whole = padded.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  if (whole.length > 16) return null;
  const value = Number(whole) + (padded.charAt(point) >= '5' ? 1 : 0);
  return Number.isSafeInteger(value) ? value : null;
}

/** "5499.00" → 549900, "12.9" → 1290, ".5" → 50; digits = decimals of the currency (0–4). */
export function decimalToMinor(s: string, digits = 2): number | null {
  if (typeof s !== 'string' || !Number.isInteger(digits) || digits < 0 || digits > 4) return null;
  const t = s.trim();
  return t.length > 40 ? null : shiftToMinor(t, digits, 0);
}

/** The currency sign touching the number: before it ("¥99", "¥-23") or after it ("99元"). */
function currencyAt(text: string, currencies: CurrencyToken[], num: NumToken): CurrencyToken | undefined {
  return (
    currencies.find((c) => c.end === num.start || (c.end === num.start - 1 && text[c.end] === '-')) ??
    currencies.find((c) => c.start === num.end)
  );
}

function labelBefore(labels: LabelToken[], pos: number): LabelToken | undefined {
  return labels.filter((l) => l.end <= pos).at(-1);
}

function isReference(label: LabelToken | undefined): boolean {
  return !!label && REFERENCE_LABELS.includes(label.text);
}

/** Numbers, with a range's two ends ("¥12.90-25.00", "1.2万-1.5万元") joined into one candidate. */
function candidates(text: string, nums: NumToken[]): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < nums.length; i++) {
    const low = nums[i] as NumToken;
    const high = rangeEnd(text, low, nums);
    out.push({ low, high });
    if (high) i++;
  }
  return out;
}

/** A number followed by one of these counts something else: "2件", "双11价", "9折", "3期", "10万+". */
const NOT_A_PRICE_AFTER = /^[件人月日天期折%+个份只位价]/;

/**
 * Prefer numbers touching a currency sign, then numbers not introduced by a reference label,
 * then numbers that are not counts.
 */
function pickCandidate(
  text: string,
  nums: NumToken[],
  currencies: CurrencyToken[],
  labels: LabelToken[],
): Candidate | undefined {
  const hasCurrency = (c: Candidate) =>
    !!currencyAt(text, currencies, c.low) || (!!c.high && !!currencyAt(text, currencies, c.high));
  const score = (c: Candidate) =>
    (hasCurrency(c) ? 4 : 0) +
    (isReference(labelBefore(labels, c.low.start)) ? 0 : 2) +
    (NOT_A_PRICE_AFTER.test(text.slice((c.high ?? c.low).end)) ? 0 : 1);
  let best: Candidate | undefined;
  for (const c of candidates(text, nums)) if (!best || score(c) > score(best)) best = c;
  return best;
}

/** A '-' right before the number (or before its currency sign) that is not a range dash. */
function isNegative(text: string, num: NumToken, cur: CurrencyToken | undefined): boolean {
  let p = num.start;
  if (text[p - 1] !== '-' && cur && cur.end === p) p = cur.start;
  if (text[p - 1] !== '-') return false;
  return !/\d(?:元|円|[A-Z]{3})?$/i.test(text.slice(0, p - 1));
}

/** The next number, when only a range separator (and currency signs) stands between. */
function rangeEnd(text: string, num: NumToken, nums: NumToken[]): NumToken | undefined {
  const next = nums.find((n) => n.start >= num.end);
  if (!next) return undefined;
  const gap = text.slice(num.end, next.start).replace(CURRENCY_RE, '');
  return /^(?:-|~|至|到)$/.test(gap) ? next : undefined;
}

/** Drop whitespace ("¥\n 99\n.00" → "¥99.00") except between two digits, so "¥89 2件" stays two numbers. */
function squeezeSpaces(text: string): string {
  return text.replace(/\s+/g, (ws: string, at: number, all: string) =>
    /\d/.test(all.charAt(at - 1)) && /\d/.test(all.charAt(at + ws.length)) ? ' ' : '',
  );
}

export interface Scan {
  amount: number;
  currency: string;
  negative: boolean;
  high?: number;
  label?: string;
}

/**
 * The shape most price elements hold ("￥89.90", "¥ 1299", "59.9"): one plain number, at most a yuan
 * sign and spaces. Read directly, with the same result the full scan gives (tests/unit/parse/price.test.ts
 * checks the two agree): a shop page's first read then never compiles the tokenisers and their large
 * label and currency regexes.
 */
const SIMPLE_RE = /^\s*[¥￥]?\s*(\d{1,12}(?:\.\d{1,2})?)\s*$/;

export function simpleScan(raw: string): Scan | null | undefined {
  if (raw.length > 64) return undefined;
  const m = SIMPLE_RE.exec(raw);
  if (!m) return undefined;
  const amount = shiftToMinor(m[1] as string, 2, 0);
  return amount === null ? null : { amount, currency: 'CNY', negative: false, high: undefined, label: undefined };
}

function scan(raw: string): Scan | null {
  if (typeof raw !== 'string') return null;
  const simple = simpleScan(raw);
  return simple === undefined ? fullScan(raw) : simple;
}

/** The full reading of a price text; `scan` takes a shortcut for the plain shape. Exported for that test. */
export function fullScan(raw: string): Scan | null {
  if (typeof raw !== 'string') return null;
  const text = squeezeSpaces(toHalfWidth(raw));
  // "1e21" is a float leaking out of someone's code, never a shop price.
  if (/^[+-]?\d*\.?\d+e[+-]?\d+$/i.test(text)) return null;
  const nums = readNumbers(text);
  if (nums.length === 0) return null;
  const currencies = tokens(CURRENCY_RE, text, (m) => {
    const code = CURRENCY_OF[m[0].toUpperCase()] ?? CURRENCY_OF[m[0]] ?? m[0].toUpperCase();
    return { start: m.index, end: m.index + m[0].length, code };
  });
  const labels = tokens(labelRegExp(), text, (m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
  const picked = pickCandidate(text, nums, currencies, labels);
  if (!picked) return null;
  const num = picked.low;
  const next = picked.high;
  const cur = currencyAt(text, currencies, num) ?? (next && currencyAt(text, currencies, next));
  const currency = cur?.code ?? currencies[0]?.code ?? 'CNY';
  const digits = ZERO_DECIMALS.has(currency) ? 0 : 2;
  const amount = shiftToMinor(num.decimal, digits, num.scale);
  if (amount === null) return null;
  const high = next ? shiftToMinor(next.decimal, digits, next.scale) : null;
  const label = labelBefore(labels, num.start) ?? labels.find((l) => l.start >= num.end);
  return {
    amount,
    currency,
    negative: isNegative(text, num, cur),
    high: high !== null && high >= amount ? high : undefined,
    label: label?.text,
  };
}

function isConditional(label: string | undefined): boolean {
  return !!label && CONDITIONAL_LABELS.some((l) => l.toUpperCase() === label.toUpperCase());
}

/** Price, range bounds and label of a price text; null when there is no non-negative price. */
export function parsePriceDetailed(text: string): ParsedPrice | null {
  const s = scan(text);
  if (!s || s.negative) return null;
  const price: Money = { amount: s.amount, currency: s.currency };
  const out: ParsedPrice = { price, conditional: isConditional(s.label) };
  if (s.high !== undefined) {
    out.low = price;
    out.high = { amount: s.high, currency: s.currency };
  }
  if (s.label) out.label = s.label;
  return out;
}

/** PUBLIC CONTRACT (DESIGN.md): the price a text shows, in minor units; null when none. */
export function parsePrice(text: string): Money | null {
  return parsePriceDetailed(text)?.price ?? null;
}

/** Like parsePrice but keeps a leading minus: order discount lines such as "-￥23.00". */
export function parseSignedPrice(text: string): SignedPrice | null {
  const s = scan(text);
  if (!s) return null;
  return { amount: s.negative && s.amount !== 0 ? -s.amount : s.amount, currency: s.currency };
}
