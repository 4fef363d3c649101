/** 京东 pages other than product and 价保 pages: orders and their parcels (lib/sites/jd.ts), schema.org as the fallback (loaded when a page has it, lib/content/structured.ts). */
import { JD, JD_NOT } from '@/lib/core/hosts';
import { runContentScript } from '@/lib/content/runner';
import { jdOrder } from '@/lib/sites/jd';
import { structuredProbe } from '@/lib/content/structured';

export default defineContentScript({
  matches: JD,
  excludeMatches: JD_NOT,
  runAt: 'document_idle',
  // wxt's legacy window.postMessage on start captures a source location (re-parses our bundle)
  // and wakes every message listener of the page; the CustomEvent it also sends is what invalidates old copies.
  noScriptStartedPostMessage: true,
  main: (ctx) => runContentScript(ctx, [jdOrder, structuredProbe]),
});
