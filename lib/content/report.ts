/**
 * What the two content-script runners share (lib/content/runner.ts, the full one; lib/content/first-stage/runner.ts,
 * the small first stage): how long and how often a page is re-read (`watchPage`), when a read is new,
 * and what the background's reply to a report asks for. No zod here (content-script bundle size): checked by hand.
 */
import type { PageSnapshot } from '../core/model';
import type { ContentContext } from './context';
import type { SiteAdapter } from '../sites/types';
import { MAX_SELECTOR } from '../sites/user-selector';

/** Prices are often filled in by script after load: keep looking this long after each navigation. */
export const SETTLE_MS = 12_000;
/** Re-read this long after the page last changed; doubled after each re-read that found nothing new. */
export const DEBOUNCE_MS = 250;
export const MAX_DEBOUNCE_MS = 2000;
/** The first read of a page waits for the main thread to go idle, but no longer than this. */
export const IDLE_TIMEOUT_MS = 500;

/** The runner's timers (the full runner's stop by themselves once the extension is gone). */
export interface WatchTimers {
  setTimeout(handler: () => void, ms: number): unknown;
  requestIdleCallback(handler: () => void, options: IdleRequestOptions): unknown;
  /** False once the runner is gone: no observer is started then. */
  alive(): boolean;
}

export interface PageWatch {
  /** Read at the next idle moment, and again after each change of the page for SETTLE_MS from now. */
  watch(): void;
  /** Read now, with the same bookkeeping as a scheduled read. */
  readNow(): void;
  /** Keep watching SETTLE_MS from now (a same-document navigation), without an extra read. */
  extend(): void;
  /** No more reads on changes (until watch()). */
  stop(): void;
  readonly watching: boolean;
}

/**
 * The re-reading schedule: a read when the page goes idle, then one `delay` after the page last
 * changed, doubling up to MAX_DEBOUNCE_MS while reads find nothing new (carousels, countdowns), until
 * SETTLE_MS after the last watch(). `read` says whether it sent something new; undefined: it did
 * not read (the runner is gone or handed over), and the schedule is left as it is.
 */
export function watchPage(read: () => boolean | undefined, timers: WatchTimers): PageWatch {
  let observer: MutationObserver | null = null;
  let pending = false;
  let idle = false;
  let deadline = 0;
  let delay = DEBOUNCE_MS;

  const stop = () => {
    observer?.disconnect();
    observer = null;
  };
  const run = () => {
    const changed = read();
    if (changed === undefined) return;
    delay = changed ? DEBOUNCE_MS : Math.min(delay * 2, MAX_DEBOUNCE_MS);
    if (Date.now() > deadline) stop();
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    timers.setTimeout(() => {
      pending = false;
      run();
    }, delay);
  };
  // A read waiting for an idle moment (never in the page's load critical path); at most one.
  const runWhenIdle = () => {
    if (idle) return;
    idle = true;
    const once = () => {
      idle = false;
      run();
    };
    if (typeof requestIdleCallback === 'function') timers.requestIdleCallback(once, { timeout: IDLE_TIMEOUT_MS });
    else timers.setTimeout(once, 0);
  };
  return {
    watch() {
      deadline = Date.now() + SETTLE_MS;
      delay = DEBOUNCE_MS;
      runWhenIdle();
      if (!observer && timers.alive()) {
        observer = new MutationObserver(schedule);
        observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
      }
    },
    readNow: run,
    extend() {
      deadline = Date.now() + SETTLE_MS;
    },
    stop,
    get watching() {
      return observer !== null;
    },
  };
}

/**
 * The background refuses a product report read without the price element the shopper picked on this
 * site and names that element (storage.local is not read in content scripts: on every page load that
 * cost more than the extraction itself).
 */
export function selectorFrom(reply: unknown): string | null {
  if (!reply || typeof reply !== 'object') return null;
  const v: unknown = (reply as { userSelector?: unknown }).userSelector;
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_SELECTOR ? v : null;
}

/** A read's content without its time: two reads with the same state are not sent twice. */
export function stateOf(s: PageSnapshot): string {
  const { capturedAt: _at, ...rest } = s;
  return JSON.stringify(rest);
}

/**
 * Set in the content-script world (never the page's) once the full runner runs in a frame: a first
 * stage that sees it stops, and a second injection of the full runner does nothing.
 */
export const FULL_RUNNING = '__shopwitnessFullRunner';

export function fullRunning(): boolean {
  return (globalThis as Record<string, unknown>)[FULL_RUNNING] === true;
}

/**
 * What the full runner offers the scripts the background injects beside it on demand, under RUNNER_HOOK in the
 * content-script world (never the page's): its context (they stop once the runner's extension is gone), where a
 * picked price element goes (the picker, lib/content/pick.ts: the runner reads with it once the background has
 * it, `sent`), and a reader to use from now on (the schema.org reader, lib/content/structured.ts).
 */
export interface RunnerHook {
  ctx: ContentContext;
  picked(selector: string, sent: Promise<unknown>): void;
  /** Puts `adapter` in place of the runner's probe (`withReader`), and reads the page again. */
  useReader(adapter: SiteAdapter): void;
}

/**
 * The adapters with `reader` in place of the probe (SiteAdapter.probe). Not by id: the tracking pages' reader has the
 * schema.org reader's id (`generic`, no shop) and stays.
 */
export function withReader(adapters: readonly SiteAdapter[], reader: SiteAdapter): SiteAdapter[] {
  return adapters.map((a) => (a.probe ? reader : a));
}

export const RUNNER_HOOK = '__shopwitnessRunner';

export function runnerHook(): RunnerHook | null {
  const h = (globalThis as Record<string, unknown>)[RUNNER_HOOK] as RunnerHook | undefined;
  return h && typeof h.picked === 'function' && typeof h.useReader === 'function' ? h : null;
}
