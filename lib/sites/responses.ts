/**
 * Reading a page's own responses (PLATFORMS.md "Reading the page's own responses"; lib/content/page-responses):
 * a reader per site turns the JSON a page fetched into snapshots. The body is page content: readers take fixed paths,
 * check every type, and a reader that throws gives nothing.
 */
import type { PageSnapshot } from '../core/model';
import { toUrl } from './extract';

export interface ResponseReader {
  id: string;
  /** Whether this reader knows the response of `request` seen on `page`. */
  matches(request: URL, page: URL): boolean;
  read(request: URL, body: unknown, page: URL, now: number): PageSnapshot[];
}

export function readResponseWith(
  readers: readonly ResponseReader[],
  requestUrl: string,
  body: unknown,
  pageUrl: string,
  now: number,
): PageSnapshot[] {
  try {
    const page = toUrl(pageUrl);
    if (!page || typeof requestUrl !== 'string' || requestUrl.length > 4096) return [];
    const request = new URL(requestUrl, page);
    const reader = readers.find((r) => r.matches(request, page));
    return reader ? reader.read(request, body, page, now).slice(0, 50) : [];
  } catch {
    return [];
  }
}
