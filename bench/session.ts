/**
 * One Chromium for the real-browser measurements: our test build, the bench's baseline extensions
 * (bench/baselines.ts) and, when its source is present, the peer's content scripts (bench/peer-jjb.ts),
 * all loaded the same way. The launch flags are the e2e harness's (tests/e2e/harness/chromium.ts);
 * `ext` behaves like the harness's handle on ours. `only()` turns extensions on and off through the
 * switch extension's chrome.management, so a page load runs exactly the scripts being measured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { sendRawFrom } from '../tests/e2e/harness/send';
import { chromiumArgs, type ChromiumExt } from '../tests/e2e/harness/chromium';
import { CHROMIUM } from '../tests/e2e/harness/paths';
import {
  BENCH_NAME,
  MINIMAL_NAME,
  SWITCH_NAME,
  SWITCH_PAGE,
  SWITCH_WORKER,
  writeBaselineExtensions,
} from './baselines';

export type Switchable = 'ours' | 'minimal' | 'peer';

export interface BenchBrowser {
  /** Our extension, as the harness's launchChromium would give it. */
  ext: ChromiumExt;
  /** Extension ids; `peer` is absent when the peer was not loaded. */
  ids: { ours: string; minimal: string; peer?: string };
  /** Turns on exactly the named extensions among ours, the minimal one and the peer's; the rest off. */
  only(...on: Switchable[]): Promise<void>;
  close(): Promise<void>;
}

type Management = {
  chrome: {
    management: {
      getAll(): Promise<{ id: string; name: string; enabled: boolean }[]>;
      setEnabled(id: string, enabled: boolean): Promise<void>;
    };
  };
};

const hostOf = (w: Worker) => new URL(w.url()).host;

async function workerOf(context: BrowserContext, test: (w: Worker) => boolean): Promise<Worker> {
  return (
    context.serviceWorkers().find(test) ??
    (await context.waitForEvent('serviceworker', { predicate: test, timeout: 20_000 }))
  );
}

/** The harness's handle on our extension, for a context that also holds the bench's extensions. */
function handle(context: BrowserContext, worker: Worker, id: string, close: () => Promise<void>): ChromiumExt {
  let bridge: Page | null = null;
  const sendRaw = async (message: unknown): Promise<unknown> => {
    if (!bridge || bridge.isClosed()) {
      bridge = await context.newPage();
      await bridge.goto(`chrome-extension://${id}/options.html`);
    }
    return sendRawFrom(bridge, message);
  };
  return {
    context,
    worker,
    id,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${id}/${path}`);
      return page;
    },
    // The harness's typed send over the same bridge page (the bench names its reply types where it reads them).
    send: ((message: unknown) => sendRaw(message)) as ChromiumExt['send'],
    sendRaw,
    count() {
      throw new Error('not used by the bench: count records from an extension page');
    },
    killWorker() {
      throw new Error('not used by the bench');
    },
    close,
  };
}

export async function launchBench(ourDir: string, peerDir?: string): Promise<BenchBrowser> {
  const extDirs = mkdtempSync(join(tmpdir(), 'sw-bench-ext-'));
  const profile = mkdtempSync(join(tmpdir(), 'sw-bench-chromium-'));
  const baselines = writeBaselineExtensions(extDirs);
  const dirs = [ourDir, baselines.minimal, baselines.switch, ...(peerDir ? [peerDir] : [])].join(',');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    args: chromiumArgs(dirs),
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(extDirs, { recursive: true, force: true });
  };
  try {
    const switchId = hostOf(await workerOf(context, (w) => w.url().endsWith(`/${SWITCH_WORKER}`)));
    const sw = await context.newPage();
    await sw.goto(`chrome-extension://${switchId}/${SWITCH_PAGE}`);
    const all = await sw.evaluate(() => (globalThis as unknown as Management).chrome.management.getAll());
    const idOf = (test: (name: string) => boolean) => all.find((e) => test(e.name))?.id;
    const ours = idOf((n) => !n.startsWith(BENCH_NAME));
    const minimal = idOf((n) => n === MINIMAL_NAME);
    const peer = peerDir ? idOf((n) => n.startsWith(BENCH_NAME) && n !== MINIMAL_NAME && n !== SWITCH_NAME) : undefined;
    if (!ours || !minimal || (peerDir && !peer))
      throw new Error(`extensions not all loaded: ${all.map((e) => e.name).join(', ')}`);
    const worker = await workerOf(context, (w) => hostOf(w) === ours);
    const ids = { ours, minimal, ...(peer ? { peer } : {}) };
    return {
      ext: handle(context, worker, ours, close),
      ids,
      async only(...on) {
        const want = Object.entries(ids).map(([name, id]) => [id, on.includes(name as Switchable)] as const);
        await sw.evaluate(async (w) => {
          const m = (globalThis as unknown as Management).chrome.management;
          for (const [id, enabled] of w) await m.setEnabled(id, enabled);
        }, want);
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
