/**
 * Public tracking pages (PLATFORMS.md "Public tracking pages"): kuaidi100, Cainiao and 17TRACK. A parcel bought in
 * an app is looked up there by its tracking number; the page's own answer (handed over by the main-world script,
 * lib/content/page-responses) is read here into a logistics snapshot, else the page's timeline rows (DOM).
 *
 * What is kept is bounded and names no one: the snapshot's URL is the page reduced to the number and the carrier
 * (`pageIdentity`, never the `phone` a site asks for: SF and ZTO want the last four digits, which the shopper types on
 * the site and we never read), the events are the site's own lines (≤ 300, each ≤ 2000 characters).
 *
 * kuaidi100 `state` → stage (classifyEvent reads each line; the site's state speaks for the newest one only when it
 * says more than the line does):
 *
 * | state | meaning | stage of the newest event |
 * |-------|---------|---------------------------|
 * | 0 | 在途 | as read |
 * | 1 | 揽收 | as read |
 * | 2 | 疑难 | exception (→ delivery-exception) |
 * | 3 | 签收 | delivered |
 * | 4 | 退签 | returning (→ delivery-exception) |
 * | 5 | 派件 | as read |
 * | 6 | 退回 | returning (→ delivery-exception) |
 * | 7 | 转投 | as read |
 * | 8, 10–13 | 清关 | as read |
 * | 14 | 拒签 | exception (→ delivery-exception) |
 * | 1xx–6xx | sub-states (202 超时未更新, 205 驿站超时未取…) | as their first digit |
 *
 * A "nothing found" answer (kuaidi100 `status` ≠ 200 with no rows, 17TRACK `track: null`) is still a snapshot: no
 * events and `state: 'not-found'`, so a number no carrier knows shows (the return-parcel rules read it).
 */
import type { CarrierCode, LogisticsSnapshot, Stage, TrackingEvent } from '../core/model';
import { classifyEvent, normalizeEvents } from '../parse/tracking';
import { detectCarrier } from '../parse/carrier';
import { carrierFromKuaidi100, cleanNumber, KUAIDI100_CODES, kuaidi100Url } from '../core/tracking-link';
import type { ResponseReader } from './responses';
import type { SiteAdapter } from './types';
import { timeline } from './dom';
import { isObj, own } from './json';
import { cainiaoPage, kuaidi100Page, pageIdentity, track17Page } from './urls';

export { carrierFromKuaidi100, KUAIDI100_CODES, kuaidi100Url };
export { cainiaoPage, kuaidi100Page, track17Page };

/** The number a tracking page's URL asks about (`nu`/`postid`, `mailNoList`, 17TRACK's `#nums=`): the first one. */
export function trackingNumberOfPage(u: URL): string | null {
  if (kuaidi100Page(u)) return cleanNumber(u.searchParams.get('nu') ?? u.searchParams.get('postid'));
  if (cainiaoPage(u)) return cleanNumber((u.searchParams.get('mailNoList') ?? '').split(/[,，\s]/)[0]);
  if (track17Page(u)) {
    const nums = new URLSearchParams(u.hash.replace(/^#/, '')).get('nums') ?? u.searchParams.get('nums') ?? '';
    return cleanNumber(nums.split(/[,，\s]/)[0]);
  }
  return null;
}

function str(v: unknown, max = 64): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' && v.length <= max ? v.trim() : undefined;
}

const MAX_EVENTS = 300;

/** The snapshot every reader here makes: the page's URL reduced to what names it, no platform (it is no shop). */
function snapshot(
  page: URL,
  trackingNumber: string,
  events: TrackingEvent[],
  now: number,
  extra: { carrier?: CarrierCode; state?: string },
): LogisticsSnapshot {
  const s: LogisticsSnapshot = {
    kind: 'logistics',
    url: (pageIdentity(page)?.url ?? page.origin + page.pathname).slice(0, 4096),
    trackingNumber,
    events: events.slice(-MAX_EVENTS),
    capturedAt: now,
  };
  const carrier = extra.carrier ?? detectCarrier(trackingNumber) ?? undefined;
  if (carrier) s.carrier = carrier;
  if (extra.state) s.state = extra.state.slice(0, 32);
  return s;
}

/** kuaidi100 state → the stage it gives the newest event (the table above), or null to keep the line's reading. */
export function kuaidi100Stage(state: string | undefined): Stage | null {
  if (!state || !/^\d{1,3}$/.test(state)) return null;
  const n = Number(state);
  const main = n >= 100 ? Math.floor(n / 100) : n;
  if (main === 2 || main === 14) return 'exception';
  if (main === 4 || main === 6) return 'returning';
  if (main === 3) return 'delivered';
  return null;
}

/** The site's state over the newest event's reading, for the states that say more than a line can (see the table). */
function withState(events: TrackingEvent[], stage: Stage | null): TrackingEvent[] {
  const last = events[events.length - 1];
  if (!stage || !last || last.stage === stage) return events;
  // A line already read as a problem stays one (a 签收 state after a 拒收 line is the sender's sign-off).
  if (stage === 'delivered' && (last.stage === 'exception' || last.stage === 'returning')) return events;
  return [...events.slice(0, -1), { ...last, stage }];
}

/** kuaidi100 `POST /query` → `{status, message, state, com, nu, data[{time, ftime, context}]}` newest first. */
export function readKuaidi100(body: unknown, page: URL, now: number): LogisticsSnapshot[] {
  if (!isObj(body)) return [];
  const pageNumber = trackingNumberOfPage(page);
  const named = own(body, 'nu');
  const nu = named === undefined || named === '' ? pageNumber : cleanNumber(named);
  // An answer about another number than the page's is not this page's parcel.
  if (!nu || (pageNumber && pageNumber !== nu)) return [];
  const status = str(own(body, 'status'));
  const rows = own(body, 'data');
  const list = Array.isArray(rows) ? rows.slice(0, MAX_EVENTS) : [];
  const carrier = carrierFromKuaidi100(own(body, 'com')) ?? carrierFromKuaidi100(page.searchParams.get('com'));
  if (status !== '200' || list.length === 0) {
    // "查无结果" (status 0, 201, 400…): a wrong phone digits answer (408) is no answer about the parcel at all.
    if (status === '408') return [];
    return [snapshot(page, nu, [], now, { carrier, state: 'not-found' })];
  }
  const raw = list.flatMap((r) => {
    const time = str(own(r, 'ftime'), 40) ?? str(own(r, 'time'), 40);
    const text = str(own(r, 'context'), 2000);
    const location = str(own(r, 'areaName'), 200);
    return time && text ? [{ time, text, ...(location ? { location } : {}) }] : [];
  });
  const state = str(own(body, 'state'), 8);
  const events = withState(normalizeEvents(raw, now), kuaidi100Stage(state));
  return [snapshot(page, nu, events, now, { carrier, ...(state ? { state } : {}) })];
}

/** Events with epoch times (Cainiao), oldest first, (at, text) kept once. */
function epochEvents(rows: { at: number; text: string }[]): TrackingEvent[] {
  const seen = new Set<string>();
  return rows
    .sort((a, b) => a.at - b.at)
    .flatMap((r) => {
      const key = `${r.at}\n${r.text}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ at: r.at, text: r.text, stage: classifyEvent(r.text) }];
    });
}

/**
 * Cainiao `/global/detail.json` → `module[].{mailNo, status, detailList[{time (epoch ms), timeStr, timeZone, desc}]}`.
 * `timeStr` is China time whatever `timeZone` says: the epoch `time` is the one read.
 */
export function readCainiao(body: unknown, page: URL, now: number): LogisticsSnapshot[] {
  const modules = own(body, 'module');
  if (!Array.isArray(modules)) return [];
  const wanted = trackingNumberOfPage(page);
  const out: LogisticsSnapshot[] = [];
  for (const m of modules.slice(0, 20)) {
    const nu = cleanNumber(own(m, 'mailNo'));
    if (!nu || (wanted && wanted !== nu)) continue;
    const list = own(m, 'detailList');
    const rows = (Array.isArray(list) ? list.slice(0, MAX_EVENTS) : []).flatMap((r) => {
      const at = own(r, 'time');
      const text = str(own(r, 'desc'), 2000) || str(own(r, 'standerdDesc'), 2000);
      return typeof at === 'number' && Number.isSafeInteger(at) && at > 0 && at <= now + 86_400_000 && text
        ? [{ at, text }]
        : [];
    });
    const status = str(own(m, 'status'), 32);
    const events = epochEvents(rows);
    out.push(snapshot(page, nu, events, now, { state: events.length === 0 ? 'not-found' : (status ?? undefined) }));
  }
  return out;
}

/**
 * 17TRACK `restapi` → `dat[].{no, track}`; `track` null = not found; else `track.{e (state; 40 delivered), z1/z2
 * [{a: local time, c: place, z: text}]}`. `a` has no zone: read as China time (the domestic reading), like every
 * zoneless page time.
 */
export function read17track(body: unknown, page: URL, now: number): LogisticsSnapshot[] {
  const dat = own(body, 'dat');
  if (!Array.isArray(dat)) return [];
  const wanted = trackingNumberOfPage(page);
  const out: LogisticsSnapshot[] = [];
  for (const d of dat.slice(0, 40)) {
    const nu = cleanNumber(own(d, 'no'));
    if (!nu || (wanted && wanted !== nu)) continue;
    const track = own(d, 'track');
    if (!isObj(track)) {
      out.push(snapshot(page, nu, [], now, { state: 'not-found' }));
      continue;
    }
    const raw: { time: string; text: string; location?: string }[] = [];
    for (const k of ['z1', 'z2']) {
      const list = own(track, k);
      for (const r of Array.isArray(list) ? list.slice(0, MAX_EVENTS) : []) {
        const time = str(own(r, 'a'), 40);
        const text = str(own(r, 'z'), 2000);
        const location = str(own(r, 'c'), 200) || str(own(r, 'd'), 200);
        if (time && text) raw.push({ time, text, ...(location ? { location } : {}) });
      }
    }
    const e = str(own(track, 'e'), 8);
    let events = normalizeEvents(raw, now);
    if (e === '40') events = withState(events, 'delivered');
    out.push(snapshot(page, nu, events, now, e ? { state: e } : {}));
  }
  return out;
}

const KUAIDI100_QUERY = /^\/query\/?$/;
const CAINIAO_DETAIL = /^\/global\/detail\.json$/;
const TRACK17_API = /^\/(?:track\/)?restapi(?:\/track)?\/?$/;

export const kuaidi100Responses: ResponseReader = {
  id: 'kuaidi100',
  matches: (req, page) =>
    /(^|\.)kuaidi100\.com$/.test(req.hostname) && KUAIDI100_QUERY.test(req.pathname) && kuaidi100Page(page),
  read: (_req, body, page, now) => readKuaidi100(body, page, now),
};
export const cainiaoResponses: ResponseReader = {
  id: 'cainiao',
  matches: (req, page) =>
    req.hostname === 'global.cainiao.com' && CAINIAO_DETAIL.test(req.pathname) && cainiaoPage(page),
  read: (_req, body, page, now) => readCainiao(body, page, now),
};
export const track17Responses: ResponseReader = {
  id: '17track',
  matches: (req, page) =>
    /(^|\.)17track\.net$/.test(req.hostname) && TRACK17_API.test(req.pathname) && track17Page(page),
  read: (_req, body, page, now) => read17track(body, page, now),
};
export const TRACKING_RESPONSES: readonly ResponseReader[] = [kuaidi100Responses, cainiaoResponses, track17Responses];

/** Rows of a rendered timeline, for when no answer was handed over (the page drew it from its state). */
const ROWS = [
  '.result-list li',
  '.result-list .item',
  '[class*="timeline"] li',
  '[class*="express"] li',
  '[class*="trace"] li',
  '[class*="detail"] li',
].join(',');

/** DOM fallback of the tracking pages: the page's rendered rows (time + text), nothing else of the page. */
export const trackingPage: SiteAdapter = {
  id: 'generic',
  kinds: ['logistics'],
  matches: (u) => kuaidi100Page(u) || cainiaoPage(u) || track17Page(u),
  extract(doc, url, now) {
    const nu = trackingNumberOfPage(url);
    if (!nu) return null;
    const rows = timeline(doc, ROWS);
    if (rows.length === 0) return null;
    const events = normalizeEvents(rows, now);
    if (events.length === 0) return null;
    const carrier = carrierFromKuaidi100(url.searchParams.get('com'));
    return snapshot(url, nu, events, now, carrier ? { carrier } : {});
  },
  examples: ['https://m.kuaidi100.com/app/query/?nu=SF1234567890123&com=shunfeng'],
};
