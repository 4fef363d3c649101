/**
 * The isolated half: what the main-world script hands over (./main.ts) is page content. Each event is checked
 * (a string detail, bounded size, `{u, s, t}` with the right types, a URL on the script's own kept list, a 2xx
 * status) and its text
 * parsed as JSON; anything else is ignored. It is never a command: it only ever becomes a snapshot through a
 * site reader (lib/sites/responses.ts), which validates the data again.
 */
import type { ContentContext } from '../context';
import { unwrapJsonp } from '../../sites/json';
import { keptBy, MAX_RESPONSE, REPLAY_EVENT, RESPONSE_EVENT } from './urls';

export interface PageResponse {
  url: string;
  body: unknown;
}

/** A response of a URL on `kept` (the script's site's list, ./urls.ts) from an event's detail, or null. Exported for tests. */
export function readDetail(detail: unknown, kept: readonly RegExp[]): PageResponse | null {
  if (typeof detail !== 'string' || detail.length > MAX_RESPONSE * 2 + 8192) return null;
  let m: unknown;
  try {
    m = JSON.parse(detail);
  } catch {
    return null;
  }
  if (!m || typeof m !== 'object' || Array.isArray(m)) return null;
  const { u, s, t } = m as Record<string, unknown>;
  if (typeof u !== 'string' || !keptBy(kept, u)) return null;
  if (typeof s !== 'number' || s < 200 || s > 299) return null;
  if (typeof t !== 'string' || t.length > MAX_RESPONSE) return null;
  try {
    return { url: u, body: JSON.parse(t) as unknown };
  } catch {
    // A JSONP text (`mtopjsonp3({...})`, an XHR asked with type=jsonp): the JSON inside its one call.
    const inner = unwrapJsonp(t);
    if (inner === null) return null;
    try {
      return { url: u, body: JSON.parse(inner) as unknown };
    } catch {
      return null;
    }
  }
}

export function listenPageResponses(
  ctx: ContentContext,
  kept: readonly RegExp[],
  onResponse: (r: PageResponse) => void,
): void {
  ctx.addEventListener(document, RESPONSE_EVENT, (e: Event) => {
    try {
      const r = readDetail((e as CustomEvent<unknown>).detail, kept);
      if (r) onResponse(r);
    } catch {
      // page content: ignored
    }
  });
  try {
    document.dispatchEvent(new CustomEvent(REPLAY_EVENT));
  } catch {
    // no main-world script here
  }
}
