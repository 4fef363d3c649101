/** The price-element picker: started in a tab from the popup, answered by the content script with its pick. */
import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { injectFullRunner } from '../full-runner';
import { rememberSelector } from '../picked-selectors';
import type { Handlers } from '../router';
import { targetTab } from '../tab-capture';

/** entrypoints/picker.content.ts (`registration: 'runtime'`). */
const PICKER_SCRIPT: ScriptPublicPath = '/content-scripts/picker.js';

export const pickerHandlers: Pick<Handlers, 'picker/start' | 'picker/picked'> = {
  'picker/start': {
    from: 'page',
    changesData: true,
    async handle(message) {
      const tab = await targetTab(message.tabId);
      if (tab?.id === undefined) return { ok: false, error: 'no tab' };
      // The picker is a script of its own, injected on this gesture beside the page's full runner (a first stage has
      // none: the full runner takes over the page first). It answers false when the frame has no runner.
      await injectFullRunner(tab.id, 0, tab.url);
      const [run] = await browser.scripting.executeScript({
        target: { tabId: tab.id, frameIds: [0] },
        files: [PICKER_SCRIPT],
      });
      return run?.result === false ? { ok: false, error: 'no content script in the tab' } : { ok: true };
    },
  },
  'picker/picked': {
    from: 'content',
    changesData: true,
    async handle(message, { sender }) {
      // A page may only set the selector of its own site.
      let pageHost = '';
      try {
        pageHost = new URL(sender.url ?? sender.tab?.url ?? '').hostname;
      } catch {
        // no URL: refused below
      }
      if (pageHost !== message.host) return { ok: false, error: 'host does not match the sending page' };
      await rememberSelector(message.host, message.selector);
      return { ok: true };
    },
  },
};
