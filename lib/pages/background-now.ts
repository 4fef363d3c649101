/** For extension pages: the background's clock (the test build can move it), falling back to the local one. */
import { browser } from 'wxt/browser';

export async function backgroundNow(): Promise<number> {
  const r = (await browser.runtime.sendMessage({ type: 'state/summary' })) as { now?: number } | undefined;
  return r?.now ?? Date.now();
}
