/** The shopper's manual screenshot of a tab (the popup's button; the context menu and the shortcut are wired in entrypoints/background.ts). */
import type { Handlers } from '../router';
import { captureTab, targetTab } from '../tab-capture';

export const captureHandlers: Pick<Handlers, 'capture/manual'> = {
  'capture/manual': {
    from: 'page',
    changesData: true,
    async handle(message) {
      const tab = await targetTab(message.tabId);
      return { ok: true, evidence: await captureTab(tab) };
    },
  },
};
