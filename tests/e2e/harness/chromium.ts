import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { AnyMessageType, MessageOf, Reply } from '@/lib/core/messages';
import { CHROME_EXT, CHROMIUM, waitFor } from './paths';
import { BOOKKEEPING_KINDS, sendRawFrom, sendVia } from './send';

export interface ChromiumExt {
  context: BrowserContext;
  worker: Worker;
  id: string;
  /** Opens an extension page (popup.html, options.html…) in a new tab. */
  openPage(path: string): Promise<Page>;
  /** Sends a message to the background from an extension page, as the popup would (typed: ./send.ts). */
  send<K extends AnyMessageType>(message: MessageOf<K> & { type: K }): Promise<Reply<K>>;
  /** Untyped, the reply type named by the caller: for bench/, written before the typed form. */
  send<T>(message: unknown extends T ? never : unknown): Promise<T>;
  /** Sends any value unchecked: for tests of what the background does with malformed messages. */
  sendRaw(message: unknown): Promise<unknown>;
  /** Counts records in one IndexedDB store, read inside the service worker. */
  /**
   * Records in a store. For `evidence`, the shop's records only: the chain's own bookkeeping (its start, a rule
   * change, restore records) is not evidence a test captured.
   */
  count(store: string): Promise<number>;
  /** Kills the extension's service worker the way Chrome does when idle (CDP Target.closeTarget). */
  killWorker(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `ownSignals`: the caller handles Ctrl-C itself (the demo closes the browser, then removes the profile);
 * Playwright's own handler would exit the process first.
 */
/**
 * Debian's Chromium with unpacked extensions (comma-separated dirs), on this closed network: no background
 * networking, component updates or sync, which would try to reach Google's hosts at every start.
 */
export function chromiumArgs(extDirs: string): string[] {
  return [
    `--disable-extensions-except=${extDirs}`,
    `--load-extension=${extDirs}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

export async function launchChromium(
  extDir = CHROME_EXT,
  opts: { headless?: boolean; ownSignals?: boolean } = {},
): Promise<ChromiumExt> {
  const profile = mkdtempSync(join(tmpdir(), 'sw-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    ...(opts.ownSignals ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    args: chromiumArgs(extDir),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  let bridge: Page | null = null;
  const bridgePage = async () => {
    if (!bridge || bridge.isClosed()) {
      bridge = await context.newPage();
      await bridge.goto(`chrome-extension://${id}/options.html`);
    }
    return bridge;
  };
  // The untyped form's reply is whatever its caller names (a cast either way).
  const send = sendVia(bridgePage) as ChromiumExt['send'];
  const ext: ChromiumExt = {
    context,
    worker,
    id,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${id}/${path}`);
      return page;
    },
    send,
    sendRaw: async (message) => sendRawFrom(await bridgePage(), message),
    count(store) {
      return worker.evaluate(
        ({ name, bookkeeping }) =>
          new Promise<number>((resolve, reject) => {
            const req = indexedDB.open('shopwitness');
            req.onsuccess = () => {
              const os = req.result.transaction(name).objectStore(name);
              if (name !== 'evidence') {
                const r = os.count();
                r.onsuccess = () => resolve(r.result);
                r.onerror = () => reject(r.error);
                return;
              }
              const r = os.getAll();
              r.onsuccess = () =>
                resolve((r.result as { kind: string }[]).filter((e) => !bookkeeping.includes(e.kind)).length);
              r.onerror = () => reject(r.error);
            };
            req.onerror = () => reject(req.error);
          }),
        { name: store, bookkeeping: BOOKKEEPING_KINDS },
      );
    },
    async killWorker() {
      const browser = context.browser();
      if (!browser) throw new Error('no browser-level CDP session for this context');
      const cdp = await browser.newBrowserCDPSession();
      const { targetInfos } = (await cdp.send('Target.getTargets')) as {
        targetInfos: { targetId: string; type: string; url: string }[];
      };
      const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${id}/`));
      if (!sw) throw new Error('the extension service worker is not running');
      await cdp.send('Target.closeTarget', { targetId: sw.targetId });
      await cdp.detach();
    },
    async close() {
      try {
        await context.close();
      } finally {
        // Also when the browser is already gone (Ctrl-C reaches it first): never leave a profile behind.
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
  return ext;
}

/** Serves `html` on every URL matching `pattern` (the real shop URL), as if the shop answered. */
export async function serve(context: BrowserContext, pattern: string, html: string | ((url: string) => string)) {
  await context.route(pattern, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: typeof html === 'string' ? html : html(route.request().url()),
    }),
  );
}

export { waitFor };
