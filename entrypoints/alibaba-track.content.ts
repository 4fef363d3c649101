/** 淘宝 logistics pages (lib/sites/alibaba.ts logistics reader), schema.org as the fallback (loaded when a page has it, lib/content/structured.ts); the body is lib/content/runner.ts. */
import { ALIBABA_TRACK } from '@/lib/core/hosts';
import { runContentScript } from '@/lib/content/runner';
import { taobaoTrack } from '@/lib/sites/taobao';
import { structuredProbe } from '@/lib/content/structured';

export default defineContentScript({
  matches: ALIBABA_TRACK,
  runAt: 'document_idle',
  // wxt's legacy window.postMessage on start captures a source location (re-parses our bundle)
  // and wakes every message listener of the page; the CustomEvent it also sends is what invalidates old copies.
  noScriptStartedPostMessage: true,
  main: (ctx) => runContentScript(ctx, [taobaoTrack, structuredProbe]),
});
