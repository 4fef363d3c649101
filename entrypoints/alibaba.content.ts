/** 淘宝 and 天猫 pages other than product and logistics pages: orders (lib/sites/alibaba.ts), schema.org as the fallback (loaded when a page has it, lib/content/structured.ts). */
import { ALIBABA, ALIBABA_NOT } from '@/lib/core/hosts';
import { runContentScript } from '@/lib/content/runner';
import { taobaoOrder } from '@/lib/sites/taobao';
import { tmallOrder } from '@/lib/sites/tmall';
import { structuredProbe } from '@/lib/content/structured';

export default defineContentScript({
  matches: ALIBABA,
  excludeMatches: ALIBABA_NOT,
  runAt: 'document_idle',
  // wxt's legacy window.postMessage on start captures a source location (re-parses our bundle)
  // and wakes every message listener of the page; the CustomEvent it also sends is what invalidates old copies.
  noScriptStartedPostMessage: true,
  main: (ctx) => runContentScript(ctx, [taobaoOrder, tmallOrder, structuredProbe]),
});
