/** Hands a page whose content script is a first stage (lib/content/first-stage/runner.ts) to its full runner. */
import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { fullRunnerFor } from '../core/hosts';

/** Injects the full runner into one frame of such a page; false, and nothing injected, for any other page. */
export async function injectFullRunner(tabId: number, frameId: number, pageUrl: string | undefined): Promise<boolean> {
  const file = fullRunnerFor(pageUrl);
  if (!file) return false;
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [file as ScriptPublicPath] });
  return true;
}
