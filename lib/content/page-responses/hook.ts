/**
 * The main-world half (entrypoints/douyin-main.content.ts): wraps the page's `fetch` and `XMLHttpRequest` so that a
 * copy of the response text of a kept URL (./urls.ts) reaches `post`. The page's own code gets the same promise,
 * response, body, timing and errors: `fetch` answers the very promise the browser's fetch returned, our copy reads a
 * `clone()` (a tee: the page's body is never consumed); the wrappers are Proxies of the originals (same `name`,
 * `length`, `prototype`; `toString` reads as native code, though without the name), installed with the original property descriptors. Nothing here throws into
 * the page: every step of ours is in a try, and a failure of ours only means no copy.
 *
 * One difference is left: a kept `fetch` whose promise rejects has a handler (ours) attached, so a page that ignores
 * that rejection gets no `unhandledrejection` event for it.
 */
import { keptBy, MAX_RESPONSE } from './urls';

export type Post = (url: string, status: number, text: string) => void;

interface HookWindow {
  fetch: typeof fetch;
  XMLHttpRequest: typeof XMLHttpRequest;
  location: { href: string };
  Request: typeof Request;
  URL: typeof URL;
  TextDecoder: typeof TextDecoder;
}

/** Reads a cloned body up to MAX_RESPONSE bytes; null when longer (the rest is cancelled) or unreadable. */
async function boundedText(res: Response, Decoder: typeof TextDecoder): Promise<string | null> {
  const body = res.body;
  if (!body) return null;
  const reader = body.getReader();
  const decoder = new Decoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE) {
      void reader.cancel().catch(() => undefined);
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** `kept`: the one site's list (./urls.ts) this page's script keeps; no other response is read or copied. */
export function installHook(win: HookWindow, post: Post, kept: readonly RegExp[]): void {
  const base = () => win.location.href;
  const abs = (u: unknown): string | null => {
    try {
      return new win.URL(String(u), base()).href;
    } catch {
      return null;
    }
  };
  const replace = <T extends object>(owner: object, key: string, value: T) => {
    const d = Object.getOwnPropertyDescriptor(owner, key);
    if (!d || !('value' in d)) return;
    Object.defineProperty(owner, key, { ...d, value });
  };

  const origFetch = win.fetch;
  if (typeof origFetch === 'function') {
    const Req = win.Request;
    const Decoder = win.TextDecoder;
    const fetchProxy = new Proxy(origFetch, {
      apply(target, thisArg, args: unknown[]) {
        const answer = Reflect.apply(target, thisArg, args) as Promise<Response>;
        try {
          const input = args[0];
          const url = abs(typeof Req === 'function' && input instanceof Req ? input.url : input);
          if (url && keptBy(kept, url))
            answer.then(
              (res) => {
                try {
                  const len = Number(res.headers.get('content-length'));
                  if (len > MAX_RESPONSE || res.type === 'opaque') return;
                  boundedText(res.clone(), Decoder).then(
                    (t) => {
                      if (t !== null) post(url, res.status, t);
                    },
                    () => undefined,
                  );
                } catch {
                  // no copy
                }
              },
              () => undefined,
            );
        } catch {
          // no copy
        }
        return answer;
      },
    });
    replace(win, 'fetch', fetchProxy);
  }

  const X = win.XMLHttpRequest;
  const proto = typeof X === 'function' ? (X.prototype as XMLHttpRequest) : null;
  if (proto && typeof proto.open === 'function' && typeof proto.send === 'function') {
    const urls = new WeakMap<object, string>();
    const onLoad = function (this: XMLHttpRequest) {
      try {
        const url = urls.get(this);
        if (!url) return;
        const type = this.responseType;
        let text: string | null = null;
        if (type === '' || type === 'text') text = this.responseText;
        else if (type === 'json' && this.response !== null) text = JSON.stringify(this.response);
        if (typeof text === 'string' && text.length <= MAX_RESPONSE) post(url, this.status, text);
      } catch {
        // no copy
      }
    };
    replace(
      proto,
      'open',
      new Proxy(proto.open, {
        apply(target, thisArg: object, args: unknown[]) {
          try {
            const url = args.length >= 2 ? abs(args[1]) : null;
            if (url && keptBy(kept, url)) urls.set(thisArg, url);
            else urls.delete(thisArg);
          } catch {
            // no copy
          }
          return Reflect.apply(target, thisArg, args) as unknown;
        },
      }),
    );
    const listening = new WeakSet<object>();
    replace(
      proto,
      'send',
      new Proxy(proto.send, {
        apply(target, thisArg: XMLHttpRequest, args: unknown[]) {
          try {
            if (urls.has(thisArg) && !listening.has(thisArg)) {
              listening.add(thisArg);
              EventTarget.prototype.addEventListener.call(thisArg, 'load', onLoad);
            }
          } catch {
            // no copy
          }
          return Reflect.apply(target, thisArg, args) as unknown;
        },
      }),
    );
  }
}
