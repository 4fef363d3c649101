/**
 * Hands a page whose content script is a first stage (lib/content/first-stage/runner.ts) to its full runner, and a
 * page whose content script holds the schema.org probe (lib/content/structured.ts) the schema.org reader.
 */
import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { fullRunnerFor, scriptsFor } from '../core/hosts';

/** Injects the full runner into one frame of such a page; false, and nothing injected, for any other page. */
export async function injectFullRunner(tabId: number, frameId: number, pageUrl: string | undefined): Promise<boolean> {
  const file = fullRunnerFor(pageUrl);
  if (!file) return false;
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [file as ScriptPublicPath] });
  return true;
}

/** entrypoints/structured.content.ts (`registration: 'runtime'`). */
const STRUCTURED_READER: ScriptPublicPath = '/content-scripts/structured.js';

/** Injects the schema.org reader into one frame of a shop page (one our manifest runs a content script on); false for any other page. */
export async function injectStructuredReader(
  tabId: number,
  frameId: number,
  pageUrl: string | undefined,
): Promise<boolean> {
  if (!pageUrl || scriptsFor(pageUrl).length === 0) return false;
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [STRUCTURED_READER] });
  return true;
}
