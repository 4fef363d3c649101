/**
 * JD's own 价保 pages and their answers (PLATFORMS.md "Price protection on the platforms' own pages"): what a line's
 * result text or a response says, as a `claim` snapshot. Pure, small (it ships in the 价保 pages' content script:
 * no zod), and every value is page content: fixed paths, checked types, bounded text, never a throw.
 *
 * - Texts: success 价保成功 / 申请成功 / 恭喜您价保成功; not eligible 不支持价保 / 该商品已超过价保周期 / 未开通价保服务 /
 *   无差价; throttled 10分钟内只能申请一次 / 单日申请上限10次 / 不要频繁点我 (pending, with the time a new try is
 *   allowed: never retried by us); interim texts (预计, 繁忙) are not an answer yet; anything else is a refusal.
 * - PC lines: `#applyResult_<orderId>_<skuId>_<seq>` holds a line's result.
 * - Responses: `proApplyStatus` ApplySuccess/ApplyFail with `refundtotalamount` (yuan); skuProResultPC's `overTime`
 *   (expired); the one-click `MOnceApplyResponse` → `data.succAmount` (yuan; `confirmCouponInfos.discount` is a
 *   coupon, never a refund).
 */
import type { ClaimSnapshot, Money } from '../core/model';
import { decimalToMinor } from '../parse/price';
import { isObj, own, type Obj } from './json';
import type { ResponseReader } from './responses';

export const JD_CLAIM_HOSTS = ['pcsitepp-fm.jd.com', 'msitepp-fm.jd.com', 'sitepp-fm.jd.com'];
/** The one-click page (h5.m.jd.com/babelDiy/Zeus/<this>/index.html). */
export const JD_ONE_CLICK_PATH = '/babelDiy/Zeus/2RePMzTqg6UoffvMwtwVeMcnPGeg/';

const MINUTE = 60_000;
const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;
const MAX_TEXT = 300;

const SUCCESS = ['恭喜您价保成功', '价保成功', '申请成功'];
const INELIGIBLE = ['不支持价保', '已超过价保周期', '未开通价保服务', '无差价'];
const INTERIM = ['预计', '繁忙'];

export type ClaimAnswer = Pick<ClaimSnapshot, 'status' | 'text'> & { refund?: Money; retryAt?: number };

/** Next midnight in Asia/Shanghai after `now`: when a daily limit (单日申请上限) lets the shopper try again. */
export function nextShanghaiDay(now: number): number {
  return (Math.floor((now + SHANGHAI) / DAY) + 1) * DAY - SHANGHAI;
}

/** When a throttle text lets the shopper try again; null for any other text. */
export function throttledUntil(text: string, now: number): number | null {
  if (/单日.{0,6}上限|每日.{0,6}上限|今日.{0,6}上限/.test(text)) return nextShanghaiDay(now);
  const minutes = /(\d{1,3})\s*分钟内只能申请/.exec(text);
  if (minutes) return now + Math.max(1, Number(minutes[1])) * MINUTE;
  // "不要频繁点我": no time given; ten minutes like the stated limit [inferred].
  if (text.includes('频繁')) return now + 10 * MINUTE;
  return null;
}

/** Yuan as the page writes it ("10.00", 10, "¥10") → fen; null for anything negative, non-numeric or absurd. */
export function yuanToFen(v: unknown): number | null {
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0 || v >= 1e8) return null;
    s = String(v);
  } else if (typeof v === 'string') s = v.trim().replace(/^[¥￥]\s*/, '');
  else return null;
  if (!/^\d{1,8}(?:\.\d{1,2})?$/.test(s)) return null;
  return decimalToMinor(s);
}

/** A refund written in an answer's text ("退款¥10.00", "10.00元"), in fen; null when it names none. */
export function refundInText(text: string): number | null {
  const m = /(?<![-−]\s*)[¥￥]\s*(\d{1,8}(?:\.\d{1,2})?)(?![\d.])|(?<![-−\d.]\s*)(\d{1,8}(?:\.\d{1,2})?)\s*元/.exec(
    text,
  );
  const fen = m ? yuanToFen(m[1] ?? m[2]) : null;
  return fen !== null && fen > 0 ? fen : null;
}

function clip(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
}

/** What a result text says; null for an empty or interim text (the answer is still coming). */
export function classifyClaimText(raw: string, now: number): ClaimAnswer | null {
  const text = clip(typeof raw === 'string' ? raw : '');
  if (!text) return null;
  const retryAt = throttledUntil(text, now);
  if (retryAt !== null) return { status: 'pending', text, retryAt };
  if (INELIGIBLE.some((w) => text.includes(w))) return { status: 'ineligible', text };
  if (SUCCESS.some((w) => text.includes(w))) {
    const fen = refundInText(text);
    return { status: 'success', text, ...(fen !== null ? { refund: { amount: fen, currency: 'CNY' } } : {}) };
  }
  if (INTERIM.some((w) => text.includes(w))) return null;
  return { status: 'failed', text };
}

const RESULT_ID = /^applyResult_([0-9]{1,30})_([0-9]{1,30})_([0-9]{1,6})$/;

/** orderId and skuId of a PC line's result element id (`applyResult_<orderId>_<skuId>_<seq>`), or null. */
export function lineOf(id: string): { orderId: string; skuId: string } | null {
  const m = RESULT_ID.exec(id);
  return m ? { orderId: m[1] as string, skuId: m[2] as string } : null;
}

export function isJdClaimPage(url: URL): boolean {
  const host = url.hostname;
  return JD_CLAIM_HOSTS.includes(host) || (host === 'h5.m.jd.com' && url.pathname.startsWith(JD_ONE_CLICK_PATH));
}

/** Every answered line of a PC 价保 page: one claim per result element with a final text. */
export function readClaimLines(doc: Document, pageUrl: string, now: number): ClaimSnapshot[] {
  const out: ClaimSnapshot[] = [];
  try {
    const els = doc.querySelectorAll('[id^="applyResult_"]');
    for (let i = 0; i < els.length && out.length < 50; i++) {
      const el = els[i] as Element;
      const line = lineOf(el.id);
      const answer = line ? classifyClaimText((el.textContent ?? '').slice(0, 2000), now) : null;
      if (!line || !answer) continue;
      out.push(claim(answer, pageUrl, now, line.orderId, line.skuId));
    }
  } catch {
    // page content: nothing read
  }
  return out;
}

function claim(answer: ClaimAnswer, url: string, now: number, orderId?: string, productId?: string): ClaimSnapshot {
  return {
    kind: 'claim',
    platform: 'jd',
    url: url.slice(0, 4096),
    ...(orderId ? { orderId } : {}),
    ...(productId ? { productId } : {}),
    ...answer,
    capturedAt: now,
  };
}

function digits(v: unknown): string | undefined {
  if (typeof v === 'string' && /^\d{1,30}$/.test(v)) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return String(v);
  return undefined;
}

function firstText(o: Obj, keys: readonly string[]): string {
  for (const k of keys) {
    const v = own(o, k);
    if (typeof v === 'string' && v.trim()) return clip(v);
  }
  return '';
}

const MESSAGE_KEYS = ['proApplyMsg', 'resultMsg', 'message', 'msg', 'failReason', 'errorMessage'];

/** The objects of a response that carry a result: the body, its data/result, and the items of their lists. */
function resultItems(body: unknown): Obj[] {
  const items: Obj[] = [];
  const visit = (v: unknown, depth: number) => {
    if (items.length >= 50 || depth > 2) return;
    if (Array.isArray(v)) {
      for (const x of v.slice(0, 50)) visit(x, depth + 1);
      return;
    }
    if (!isObj(v)) return;
    if (typeof own(v, 'proApplyStatus') === 'string' || own(v, 'overTime') !== undefined) items.push(v);
    for (const k of ['data', 'result', 'resultList', 'list', 'skuList']) visit(own(v, k), depth + 1);
  };
  visit(body, 0);
  return items;
}

/** One apply result (`proApplyStatus`, skuProResultPC's `overTime`) as an answer; null when it says nothing. */
export function readApplyResult(item: Obj, now: number): ClaimAnswer | null {
  const status = own(item, 'proApplyStatus');
  const message = firstText(item, MESSAGE_KEYS);
  if (own(item, 'overTime') === true || own(item, 'overTime') === 'true')
    return { status: 'ineligible', text: message || '该商品已超过价保周期' };
  if (status === 'ApplySuccess') {
    const fen = yuanToFen(own(item, 'refundtotalamount'));
    const text = message || '价保成功';
    // A zero, negative or unreadable amount stays text: a success we cannot count.
    return fen !== null && fen > 0
      ? { status: 'success', text, refund: { amount: fen, currency: 'CNY' } }
      : { status: 'success', text };
  }
  if (status === 'ApplyFail') {
    const read = message ? classifyClaimText(message, now) : null;
    if (read && read.status !== 'success') return read;
    return { status: 'failed', text: message || '价保申请失败' };
  }
  return null;
}

/** The one-click page's answer (`MOnceApplyResponse`): the refund is `data.succAmount`, never a coupon's discount. */
export function readOnceApply(body: unknown, now: number): ClaimAnswer | null {
  const envelope = own(body, 'MOnceApplyResponse') ?? body;
  const data = own(envelope, 'data');
  if (!isObj(data) || own(data, 'succAmount') === undefined) return null;
  const message = firstText(data, MESSAGE_KEYS) || (isObj(envelope) ? firstText(envelope, MESSAGE_KEYS) : '');
  const throttle = message ? classifyClaimText(message, now) : null;
  if (throttle?.status === 'pending') return throttle;
  const fen = yuanToFen(own(data, 'succAmount'));
  if (fen !== null && fen > 0)
    return { status: 'success', text: message || '一键价保成功', refund: { amount: fen, currency: 'CNY' } };
  if (fen === 0) return { status: 'ineligible', text: message || '无差价' };
  return { status: 'failed', text: message || '一键价保未成功' };
}

const APPLY_PATH = /\/rest\/(?:pricepro\/skuProtectApply|webserver\/skuProResultPC)\/?$/;

function isApplyRequest(request: URL): boolean {
  return /(^|\.)jd\.com$/.test(request.hostname) && APPLY_PATH.test(request.pathname);
}

function isOnceApplyRequest(request: URL, page: URL): boolean {
  return request.hostname === 'api.m.jd.com' && page.hostname === 'h5.m.jd.com';
}

/** JD's 价保 responses, on JD's 价保 pages only. */
export const jdClaimResponses: ResponseReader = {
  id: 'jd-claim',
  matches: (request, page) => isJdClaimPage(page) && (isApplyRequest(request) || isOnceApplyRequest(request, page)),
  read(request, body, page, now) {
    if (isOnceApplyRequest(request, page)) {
      const answer = readOnceApply(body, now);
      return answer ? [claim(answer, page.href, now)] : [];
    }
    const out: ClaimSnapshot[] = [];
    const qOrder = digits(request.searchParams.get('orderId') ?? request.searchParams.get('orderid'));
    const qSku = digits(request.searchParams.get('skuId') ?? request.searchParams.get('skuid'));
    for (const item of resultItems(body)) {
      const answer = readApplyResult(item, now);
      if (!answer) continue;
      const orderId = digits(own(item, 'orderId')) ?? digits(own(item, 'orderid')) ?? qOrder;
      const skuId = digits(own(item, 'skuId')) ?? digits(own(item, 'skuid')) ?? qSku;
      out.push(claim(answer, page.href, now, orderId, skuId));
    }
    return out;
  },
};
