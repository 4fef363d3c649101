/**
 * The test build's extra messages (DESIGN.md `build:test`): entrypoints/background.ts routes them only when
 * `import.meta.env.MODE === 'test'`, so the release bundle has neither these handlers nor their schema, and
 * the release background answers such a message as an invalid one.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { MessageSchema, type AnyMessage } from '../core/messages';
import { testMessageSchema } from '../core/test-messages';
import { now, setClock } from '../store/clock';
import { setTestShotDelay } from './capture';
import { evaluateAndNotify } from './evaluate-and-notify';
import { handlers } from './handlers';
import { setPhoneSurface } from './platform-apis';
import { recheckPrices } from './price-recheck';
import type { RouterOptions, TestHandlers } from './router';

export const testHandlers: TestHandlers = {
  'test/clock': {
    from: 'page',
    changesData: false,
    async handle(m, { db: d }) {
      await setClock(d, m.now);
      await evaluateAndNotify();
      return { ok: true, now: now() };
    },
  },
  'prices/recheck': {
    from: 'page',
    changesData: true,
    async handle() {
      await recheckPrices();
      return { ok: true };
    },
  },
  'test/capture-delay': {
    from: 'page',
    changesData: false,
    handle: async (m) => {
      setTestShotDelay(m.ms);
      return { ok: true };
    },
  },
  'test/phone-surface': {
    from: 'page',
    changesData: false,
    handle: async (m) => {
      setPhoneSurface(m.on);
      return { ok: true };
    },
  },
};

/** The test build's schema and routes: the release ones and the test messages. */
export function testRouting(): Pick<RouterOptions<AnyMessage>, 'schema' | 'routes'> {
  return {
    schema: z.discriminatedUnion('type', [...MessageSchema.options, ...testMessageSchema().options]),
    routes: { ...handlers, ...testHandlers },
  };
}

/**
 * Firefox e2e drives the browser over WebDriver BiDi, which cannot open moz-extension:// pages: the test
 * build opens the popup in a background tab at install, for the tests to talk through.
 */
export function openFirefoxBridgePage(): void {
  browser.runtime.onInstalled.addListener(() => {
    void browser.tabs.create({ url: browser.runtime.getURL('/popup.html?e2e=1'), active: false });
  });
}
