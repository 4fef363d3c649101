import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX, FIREFOX_EXT, GECKO_ID, waitFor } from './paths';
import { sendRawFrom, sendVia, type Send } from './send';

/** Fixed so tests know the moz-extension:// origin (Firefox picks a random one per profile). */
export const FIREFOX_UUID = '6f1c2a52-8f7e-4c7a-9a61-5e0c3b1d2e11';
export const FIREFOX_ORIGIN = `moz-extension://${FIREFOX_UUID}`;

export interface FirefoxExt {
  browser: Browser;
  /** The extension page opened at install: the test build's bridge, the release build's onboarding page. */
  bridge: Page;
  /** Sends a message to the background from the bridge page, as the popup would (typed: ./send.ts). */
  send: Send;
  /** Sends any value unchecked: for tests of what the background does with malformed messages. */
  sendRaw(message: unknown): Promise<unknown>;
  /** Opens an extension page (e.g. 'ticket.html?alert=…') in a new tab and returns it once it is there. */
  openPage(path: string): Promise<Page>;
  /** The tab (an extension page too: BiDi reports those as about:blank) whose URL starts with `prefix`, once there. */
  findPage(prefix: string, what: string): Promise<Page>;
  /** Serves `html` (or a body of its own type) for requests whose URL starts with `prefix`; others are aborted. */
  newShopPage(
    routes: Record<string, string | { body: string; contentType: string; headers?: Record<string, string> }>,
  ): Promise<Page>;
  close(): Promise<void>;
}

type TabsGlobal = { browser: { tabs: { create(p: { url: string }): Promise<unknown> } } };

/** `prefs`: extra Firefox preferences (e.g. optional permissions granted without a prompt, for the onboarding test). */
export async function launchFirefox(
  extDir = FIREFOX_EXT,
  opts: { prefs?: Record<string, unknown> } = {},
): Promise<FirefoxExt> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      'intl.locale.requested': 'zh-CN',
      ...opts.prefs,
    },
  });
  await browser.installExtension(extDir);
  // BiDi reports extension tabs as about:blank: ask each page where it really is.
  const pageAt = (prefix: string, what: string) =>
    waitFor(
      async () => {
        for (const page of await browser.pages()) {
          const href = await page.evaluate(() => location.href).catch(() => '');
          if (href.startsWith(prefix)) return page;
        }
        return null;
      },
      what,
      30_000,
    );
  const bridge = await pageAt(FIREFOX_ORIGIN, 'the extension bridge page');
  await waitFor(() => bridge.evaluate(() => document.readyState === 'complete'), 'bridge page load');
  return {
    browser,
    bridge,
    send: sendVia(() => bridge),
    sendRaw: (message) => sendRawFrom(bridge, message),
    findPage: pageAt,
    async openPage(path) {
      const url = `${FIREFOX_ORIGIN}/${path}`;
      // BiDi refuses goto moz-extension://, so the bridge page opens the tab.
      await bridge.evaluate((u) => (globalThis as unknown as TabsGlobal).browser.tabs.create({ url: u }), url);
      return pageAt(url, path);
    },
    async newShopPage(routes) {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 800 });
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        const hit = Object.keys(routes).find((prefix) => req.url().startsWith(prefix));
        const r = hit === undefined ? undefined : routes[hit];
        if (r !== undefined)
          void req.respond(
            typeof r === 'string'
              ? { status: 200, contentType: 'text/html; charset=utf-8', body: r }
              : { status: 200, ...r },
          );
        else if (req.url().startsWith('http')) void req.abort();
        else void req.continue();
      });
      return page;
    },
    close: () => browser.close(),
  };
}
