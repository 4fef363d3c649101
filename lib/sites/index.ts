import type { PageSnapshot } from '../core/model';
import type { SiteAdapter } from './types';
import { jd } from './jd';
import { taobao } from './taobao';
import { tmall } from './tmall';
import { douyin } from './douyin';
import { pdd } from './pdd';
import { generic } from './generic';
import { extractWith, toUrl } from './extract';
import { readResponseWith, type ResponseReader } from './responses';
import { douyinResponses } from './douyin-response';
import { pddResponses } from './pdd-response';
import { TRACKING_RESPONSES } from './tracking';
import { jdClaimResponses } from './jd-claim';
import { jdMobileOrderResponses } from './jd-m-response';
import { taobaoMobileOrderResponses } from './taobao-m-response';
import { alibabaMobileItemResponses } from './alibaba-m-response';

/** Platform adapters first; `generic` (schema.org) last, the fallback for any other http(s) page. */
export const ADAPTERS: readonly SiteAdapter[] = [jd, taobao, tmall, douyin, pdd, generic];

export function adapterFor(url: URL): SiteAdapter | null {
  return ADAPTERS.find((a) => a.matches(url)) ?? null;
}

/**
 * Every snapshot a page holds, primary first (an order page may also give its parcel timeline; a PDD
 * order list gives each order). Never throws.
 */
export function extractAll(doc: Document, url: URL | string, now: number = Date.now()): PageSnapshot[] {
  return extractWith(ADAPTERS, doc, url, now);
}

/**
 * PUBLIC CONTRACT (DESIGN.md): reads a page into its primary snapshot, or null when the page is not a
 * product/order/logistics page we know. Never throws: hostile or broken pages give null.
 */
export function extractPage(doc: Document, url: URL | string, now: number = Date.now()): PageSnapshot | null {
  const u = toUrl(url);
  const adapter = u ? adapterFor(u) : null;
  if (!u || !adapter || !doc) return null;
  try {
    return adapter.extract(doc, u, now);
  } catch {
    return null;
  }
}

/** Every site's reader of the pages' own responses (lib/sites/responses.ts). */
export const RESPONSE_READERS: readonly ResponseReader[] = [
  douyinResponses,
  pddResponses,
  ...TRACKING_RESPONSES,
  jdClaimResponses,
  jdMobileOrderResponses,
  taobaoMobileOrderResponses,
  alibabaMobileItemResponses,
];

/**
 * PUBLIC CONTRACT (DESIGN.md): the snapshots a response the page fetched itself holds (`requestUrl` as the page
 * asked it, `body` the parsed JSON), `[]` when it says nothing we read. Never throws: the body is page content.
 */
export function readResponse(requestUrl: string, body: unknown, pageUrl: string, now: number): PageSnapshot[] {
  return readResponseWith(RESPONSE_READERS, requestUrl, body, pageUrl, now);
}
