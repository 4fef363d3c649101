/**
 * What the two content-script runners share (lib/content-script.ts, the full one; lib/first-look.ts,
 * the small first stage): how long and how often a page is re-read, when a read is new, and what the
 * background's reply to a report asks for. No zod here (content-script bundle size): checked by hand.
 */
import type { PageSnapshot } from './model';
import { MAX_SELECTOR } from './sites/user-selector';

/** Prices are often filled in by script after load: keep looking this long after each navigation. */
export const SETTLE_MS = 12_000;
/** Re-read this long after the page last changed; doubled after each re-read that found nothing new. */
export const DEBOUNCE_MS = 250;
export const MAX_DEBOUNCE_MS = 2000;
/** The first read of a page waits for the main thread to go idle, but no longer than this. */
export const IDLE_TIMEOUT_MS = 500;

/**
 * The background refuses a product report read without the price element the shopper picked on this
 * site and names that element (storage.local is not read in content scripts: on every page load that
 * cost more than the extraction, issue 8).
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
