/**
 * The bench's own sibling extensions, written to a temporary folder at run time and loaded beside ours
 * in the same Chromium with the same flags (--load-extension), so a baseline pays what ours pays for
 * being an extension: its isolated world on the page, the extension API bindings, a message to its
 * service worker, an extension page opened in a tab.
 *  - minimal: a hand-written content script on the pages ours reads (item.jd.com, document_idle) that
 *    reads one element and sends one message, which its worker answers; and empty.html, an extension
 *    page with nothing in it, opened the way the popup is.
 *  - switch: nothing but the `management` permission and a page to call it from, so the bench can turn
 *    the others on and off: on a measured page load exactly one extension's scripts run. (A page, not
 *    its worker: Chrome stops an idle extension worker after 30 s.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every bench extension's name starts with this; ours is the extension whose name does not. */
export const BENCH_NAME = 'ShopWitness bench: ';
export const MINIMAL_NAME = `${BENCH_NAME}minimal`;
export const SWITCH_NAME = `${BENCH_NAME}switch`;
export const SWITCH_WORKER = 'bench-switch-worker.js';
export const SWITCH_PAGE = 'switch.html';
export const EMPTY_PAGE = 'empty.html';
/** What the minimal script reads: the price element of the JD item page (bench/heavy-page.ts). */
const MINIMAL_SELECTOR = '.product-price--value';

const MINIMAL_SCRIPT = `const price = document.querySelector(${JSON.stringify(MINIMAL_SELECTOR)});
chrome.runtime
  .sendMessage({ type: 'price', url: location.href, price: price ? price.textContent : null })
  .then(() => {}, () => {});
`;

const MINIMAL_WORKER = `chrome.runtime.onMessage.addListener((_message, _sender, reply) => {
  reply({ ok: true });
});
`;

const EMPTY_HTML =
  '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>empty</title></head><body></body></html>\n';

function write(dir: string, files: Record<string, string | object>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  return dir;
}

/** Writes the minimal and the switch extension under `root`; returns their folders. */
export function writeBaselineExtensions(root: string): { minimal: string; switch: string } {
  const minimal = write(join(root, 'minimal'), {
    'manifest.json': {
      manifest_version: 3,
      name: MINIMAL_NAME,
      version: '1.0',
      background: { service_worker: 'bench-minimal-worker.js' },
      host_permissions: ['*://item.jd.com/*'],
      content_scripts: [{ matches: ['*://item.jd.com/*'], run_at: 'document_idle', js: ['minimal.js'] }],
    },
    'bench-minimal-worker.js': MINIMAL_WORKER,
    'minimal.js': MINIMAL_SCRIPT,
    [EMPTY_PAGE]: EMPTY_HTML,
  });
  const sw = write(join(root, 'switch'), {
    'manifest.json': {
      manifest_version: 3,
      name: SWITCH_NAME,
      version: '1.0',
      permissions: ['management'],
      background: { service_worker: SWITCH_WORKER },
    },
    // The worker only makes the extension's id visible to the automation at launch.
    [SWITCH_WORKER]: '',
    [SWITCH_PAGE]: EMPTY_HTML,
  });
  return { minimal, switch: sw };
}
