/**
 * A tab just brought to the front may still show the last frame it drew while it was on screen before: a page that
 * changed while hidden (an order list refreshed in a background tab, a shop page edited by its own script) is drawn
 * again only at its next frame, and captureVisibleTab can take the old one. A screenshot stamped "now" must show the
 * page as it is now, so the capture first waits for the tab to draw a frame (two animation frames of its top frame:
 * the first runs before the next paint, the second after it), at most FRAME_WAIT_MS.
 * What this does not prove: a page animating or loading keeps changing after that frame, as it would for a person.
 * A page we may not script (no host permission, a browser page) is captured without the wait.
 */
import { browser } from 'wxt/browser';

export const FRAME_WAIT_MS = 500;

/** Runs in the page's top frame (isolated world; touches nothing of the page). */
function twoFrames(): Promise<boolean> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))));
}

export async function framePainted(tabId: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const drawn = Promise.resolve()
    .then(() => browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: twoFrames }))
    .then(() => undefined)
    .catch(() => undefined);
  await Promise.race([drawn, new Promise<void>((r) => (timer = setTimeout(r, FRAME_WAIT_MS)))]);
  clearTimeout(timer);
}
