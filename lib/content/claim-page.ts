/**
 * Beside JD's own 价保 pages (issue #19; PLATFORMS.md "Price protection on the platforms' own pages"): marks the lines
 * of orders for which we hold a lower price inside the window ("本插件记录到 ¥X 于 <time>", with a way to our
 * screenshot), and reads what the page answers (a line's result text, the page's own apply/one-click responses)
 * into `claim` snapshots the background stores and screenshots. It never clicks, never submits, never writes
 * markup from strings (text nodes only), and never throws into the page. No zod here: replies are checked by hand.
 */
import { browser } from 'wxt/browser';
import type { ClaimMark } from '../core/claim-marks';
import { formatDateTime, formatMoney } from '../core/format';
import type { ClaimSnapshot, Money, PageSnapshot } from '../core/model';
import { lineOf, readClaimLines } from '../sites/jd-claim';
import { readResponseWith, type ResponseReader } from '../sites/responses';
import type { ContentContext } from './context';
import { listenPageResponses } from './page-responses/listen';
import { JD_CLAIM_RESPONSES } from './page-responses/urls-jd-claim';

const MARK = 'shopwitness-claim-mark';
const SUMMARY = 'shopwitness-claim-summary';
const DEBOUNCE_MS = 300;

function isMoney(v: unknown): v is Money {
  const m = v as Money;
  return !!m && typeof m === 'object' && Number.isSafeInteger(m.amount) && typeof m.currency === 'string';
}

/** The background's reply to `claim/marks`, checked field by field (it crossed a message boundary). */
export function marksFrom(reply: unknown): ClaimMark[] {
  const marks = (reply as { ok?: unknown; marks?: unknown } | null)?.marks;
  if (!Array.isArray(marks)) return [];
  return marks.filter(
    (m): m is ClaimMark =>
      !!m &&
      typeof m === 'object' &&
      typeof (m as ClaimMark).orderId === 'string' &&
      typeof (m as ClaimMark).productId === 'string' &&
      isMoney((m as ClaimMark).price) &&
      typeof (m as ClaimMark).seenAt === 'number' &&
      ((m as ClaimMark).evidenceId === undefined || typeof (m as ClaimMark).evidenceId === 'string'),
  );
}

export interface ClaimPageText {
  seen(price: string, at: string): string;
  evidence: string;
  summary(count: number): string;
}

/** One line's mark: text nodes and a button, nothing parsed as markup. */
function markElement(doc: Document, mark: ClaimMark, text: ClaimPageText, openEvidence: (id: string) => void): Element {
  const box = doc.createElement('div');
  box.className = MARK;
  box.setAttribute('data-order', mark.orderId);
  box.setAttribute('data-sku', mark.productId);
  box.setAttribute('style', 'margin:4px 0;padding:2px 6px;border-left:3px solid #e4393c;color:#333;font-size:12px');
  box.appendChild(doc.createTextNode(text.seen(formatMoney(mark.price), formatDateTime(mark.seenAt))));
  const id = mark.evidenceId;
  if (id) {
    box.appendChild(doc.createTextNode(' '));
    const btn = doc.createElement('button');
    btn.type = 'button';
    btn.appendChild(doc.createTextNode(text.evidence));
    btn.addEventListener('click', (e) => {
      e.stopPropagation();
      openEvidence(id);
    });
    box.appendChild(btn);
  }
  return box;
}

/**
 * Adds the marks the page lacks: after each PC line's result element (`#applyResult_<orderId>_<skuId>_<seq>`) whose
 * order and SKU we hold a lower price for, and a summary above the one-click button (`#one-btn`, `#one-btn-dis`).
 * Idempotent: a line already marked is left alone. Returns how many marks it added.
 */
export function markLines(
  doc: Document,
  marks: readonly ClaimMark[],
  text: ClaimPageText,
  openEvidence: (id: string) => void,
): number {
  if (marks.length === 0) return 0;
  let added = 0;
  const els = doc.querySelectorAll('[id^="applyResult_"]');
  for (let i = 0; i < els.length && i < 500; i++) {
    const el = els[i] as Element;
    const line = lineOf(el.id);
    const mark = line && marks.find((m) => m.orderId === line.orderId && m.productId === line.skuId);
    if (!mark || !el.parentNode) continue;
    const next = el.nextElementSibling;
    if (next?.classList.contains(MARK) && next.getAttribute('data-order') === mark.orderId) continue;
    el.after(markElement(doc, mark, text, openEvidence));
    added++;
  }
  const one = doc.getElementById('one-btn') ?? doc.getElementById('one-btn-dis');
  if (one?.parentNode && !doc.querySelector(`.${SUMMARY}`)) {
    const box = doc.createElement('div');
    box.className = SUMMARY;
    box.appendChild(doc.createTextNode(text.summary(new Set(marks.map((m) => m.orderId)).size)));
    for (const m of marks.slice(0, 20)) box.appendChild(markElement(doc, m, text, openEvidence));
    one.before(box);
    added++;
  }
  return added;
}

/** A claim's identity on this page: reported once per line and answer. */
function claimKey(c: ClaimSnapshot): string {
  return `${c.orderId ?? ''}_${c.productId ?? ''}|${c.status}|${c.refund?.amount ?? ''}|${c.text}`;
}

export function runClaimPage(ctx: ContentContext, responses: readonly ResponseReader[]): void {
  const msg = (key: 'claimMarkSeen' | 'claimMarkEvidence' | 'claimMarkSummary', subs?: string[]) => {
    try {
      return browser.i18n.getMessage(key, subs) || '';
    } catch {
      return '';
    }
  };
  const text: ClaimPageText = {
    seen: (price, at) => msg('claimMarkSeen', [price, at]) || `本插件记录到 ${price} 于 ${at}`,
    evidence: msg('claimMarkEvidence') || '查看证据',
    summary: (n) => msg('claimMarkSummary', [String(n)]) || `本插件记录到 ${n} 笔订单在价保期内有更低价`,
  };
  const openEvidence = (id: string) =>
    void browser.runtime.sendMessage({ type: 'claim/evidence', id }).catch(() => undefined);
  let marks: ClaimMark[] = [];
  const sent = new Set<string>();

  const report = (claims: PageSnapshot[]) => {
    for (const snapshot of claims) {
      if (snapshot.kind !== 'claim') continue;
      const key = claimKey(snapshot);
      if (sent.has(key) || ctx.isInvalid) continue;
      sent.add(key);
      const title = document.title.slice(0, 500);
      browser.runtime.sendMessage({ type: 'snapshot/report', snapshot, title }).catch(() => sent.delete(key));
    }
  };
  let pending = false;
  const look = () => {
    pending = false;
    if (ctx.isInvalid) return;
    try {
      markLines(document, marks, text, openEvidence);
      report(readClaimLines(document, location.href, Date.now()));
    } catch {
      // never throw into the page
    }
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    ctx.setTimeout(look, DEBOUNCE_MS);
  };

  browser.runtime.sendMessage({ type: 'claim/marks', platform: 'jd' }).then(
    (reply: unknown) => {
      marks = marksFrom(reply);
      schedule();
    },
    () => undefined,
  );
  const observer = new MutationObserver(schedule);
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => observer.disconnect());
  if (responses.length > 0)
    listenPageResponses(ctx, JD_CLAIM_RESPONSES, (r) => {
      if (!ctx.isInvalid) report(readResponseWith(responses, r.url, r.body, location.href, Date.now()));
    });
  schedule();
}
