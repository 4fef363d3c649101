/**
 * The content scripts' context: what lib/content/runner.ts needs of WXT's ContentScriptContext, and
 * no more. wxt.config.ts puts this in place of WXT's class in content-script builds. WXT's announces
 * every content script to the page: a CustomEvent on document at start and an event on window per URL
 * change, both named after our extension id, which any shop page can listen for; it also builds an
 * AbortController and those event objects on every page load (on the heavy-page bench the switch was
 * within noise, so the reason is the page-visible events, not speed).
 * The same interface is satisfied by WXT's class, which the unit tests use.
 *
 * Invalid means the extension was reloaded or removed under the page (runtime.id is gone): every
 * callback stops, listeners are removed, and nothing is sent again.
 */
import { browser } from 'wxt/browser';

/** What lib/content/runner.ts and lib/content/picker.ts use. */
export interface ContentContext {
  readonly isInvalid: boolean;
  setTimeout(handler: () => void, timeout?: number): number;
  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number;
  /** `wxt:locationchange`: the page's URL changed without a load (SPA navigation, SKU switches). */
  addEventListener(
    target: EventTarget,
    type: string,
    handler: (event: Event) => void,
    options?: AddEventListenerOptions,
  ): void;
  onInvalidated(cb: () => void): () => void;
}

type Navigation = {
  addEventListener(type: 'navigate', cb: (e: { destination: { url: string } }) => void): void;
  removeEventListener(type: 'navigate', cb: (e: { destination: { url: string } }) => void): void;
};

export class ContentScriptContext implements ContentContext {
  private dead = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {}

  get isInvalid(): boolean {
    if (!this.dead && browser.runtime?.id == null) this.invalidate();
    return this.dead;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(cb: () => void): () => void {
    if (this.dead) {
      cb();
      return () => undefined;
    }
    this.cleanups.push(cb);
    return () => {
      const i = this.cleanups.indexOf(cb);
      if (i >= 0) this.cleanups.splice(i, 1);
    };
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = window.setTimeout(() => {
      if (!this.isInvalid) handler();
    }, timeout);
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    return window.requestIdleCallback((deadline) => {
      if (!this.isInvalid) callback(deadline);
    }, options);
  }

  addEventListener(
    target: EventTarget,
    type: string,
    handler: (event: Event) => void,
    options?: AddEventListenerOptions,
  ): void {
    if (type === 'wxt:locationchange') {
      this.watchLocation(handler);
      return;
    }
    const guarded = (e: Event) => {
      if (!this.isInvalid) handler(e);
    };
    target.addEventListener(type, guarded, options);
    this.onInvalidated(() => target.removeEventListener(type, guarded, options));
  }

  /** Same-document URL changes: the Navigation API where there is one (Chrome), else a 1 s check (Firefox ESR). */
  private watchLocation(handler: (event: Event) => void): void {
    let last = location.href;
    const changed = (url: string) => {
      if (url === last || this.isInvalid) return;
      last = url;
      handler(new Event('locationchange'));
    };
    const nav = (globalThis as { navigation?: Navigation }).navigation;
    if (nav && typeof nav.addEventListener === 'function') {
      const cb = (e: { destination: { url: string } }) => changed(e.destination.url);
      nav.addEventListener('navigate', cb);
      this.onInvalidated(() => nav.removeEventListener('navigate', cb));
    } else {
      const id = window.setInterval(() => changed(location.href), 1000);
      this.onInvalidated(() => window.clearInterval(id));
    }
  }

  private invalidate(): void {
    this.dead = true;
    for (const cb of this.cleanups.splice(0)) {
      try {
        cb();
      } catch {
        // never throw into the page
      }
    }
  }
}
