/** The price-element picker: started in a tab from the popup, answered by the content script with its pick. */
import { browser } from 'wxt/browser';
import { injectFullRunner } from '../full-runner';
import { rememberSelector } from '../picked-selectors';
import type { Handlers } from '../router';
import { targetTab } from '../tab-capture';

export const pickerHandlers: Pick<Handlers, 'picker/start' | 'picker/picked'> = {
  'picker/start': {
    from: 'page',
    changesData: true,
    async handle(message) {
      const tab = await targetTab(message.tabId);
      if (tab?.id === undefined) return { ok: false, error: 'no tab' };
      // A first stage has no picker: the full runner (which has) takes over the page first.
      await injectFullRunner(tab.id, 0, tab.url);
      await browser.tabs.sendMessage(tab.id, { type: 'picker/start' });
      return { ok: true };
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
