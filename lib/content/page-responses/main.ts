/**
 * The main-world script's body (entrypoints/douyin-main.content.ts): installs the hook and hands each kept response
 * to the isolated content script as a CustomEvent on `document` whose `detail` is a JSON string (a primitive, so it
 * crosses from the page's world into the isolated one in Chrome and Firefox alike). The isolated script starts later
 * (document_idle): the last MAX_BUFFERED responses are kept and sent again when it asks (REPLAY_EVENT).
 * The page sees these events and can send its own: the isolated side treats every one as page content.
 */
import { installHook, type Post } from './hook';
import { MAX_BUFFERED, REPLAY_EVENT, RESPONSE_EVENT } from './urls';

/** Another way the site's answers arrive (./jsonp.ts), installed beside the hook with the same `post`. */
export type Capture = (win: Window & typeof globalThis, post: Post, kept: readonly RegExp[]) => void;

/**
 * `kept`: the site's own list of responses to keep (./urls.ts): a page hands over nothing of another site's. `also`:
 * the site's other captures (JSONP on Taobao's H5 list), passed by its entrypoint so no other site's bundle has them.
 */
export function startPageResponses(
  win: Window & typeof globalThis,
  kept: readonly RegExp[],
  also: readonly Capture[] = [],
): void {
  try {
    const doc = win.document;
    // The page may replace these later: ours are the ones of document_start.
    const dispatch = doc.dispatchEvent;
    const listen = doc.addEventListener;
    const Custom = win.CustomEvent;
    const stringify = JSON.stringify;
    const buffered: string[] = [];
    const send = (detail: string) => {
      try {
        Reflect.apply(dispatch, doc, [new Custom(RESPONSE_EVENT, { detail })]);
      } catch {
        // nobody listens
      }
    };
    const post: Post = (u, s, t) => {
      const detail = stringify({ u, s, t });
      buffered.push(detail);
      if (buffered.length > MAX_BUFFERED) buffered.shift();
      send(detail);
    };
    installHook(win, post, kept);
    for (const capture of also) capture(win, post, kept);
    Reflect.apply(listen, doc, [
      REPLAY_EVENT,
      () => {
        for (const d of buffered.slice()) send(d);
      },
    ]);
  } catch {
    // never throw into the page
  }
}
