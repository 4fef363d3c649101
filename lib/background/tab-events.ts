/** What the worker does when a tab closes or comes to the front (wired in entrypoints/background.ts). */
import { now } from '../store/clock';
import { db } from '../store/db';
import { resumeParkedCaptures } from './capture';
import { forgetTabRead } from './tab-reads';

/** A closed tab: what it read is forgotten, and its parked captures end (reported: the tab was closed). */
export function tabClosed(ready: Promise<unknown>, tabId: number): void {
  forgetTabRead(tabId);
  void ready.then(async () => resumeParkedCaptures(await db(), tabId, now));
}

/** A shop page opened in a background tab gets its automatic screenshot once the shopper looks at it. */
export function tabShown(ready: Promise<unknown>, tabId: number): void {
  void ready
    .then(() => new Promise((r) => setTimeout(r, 300))) // let the tab paint first
    .then(async () => resumeParkedCaptures(await db(), tabId, now))
    .catch((e: unknown) => console.warn('ShopWitness: parked capture failed', e));
}
