/** 拼多多 goods pages (lib/sites/pdd.ts product reader), schema.org as the fallback; the body is lib/content/runner.ts. */
import { PDD_GOODS } from '@/lib/core/hosts';
import { runContentScript } from '@/lib/content/runner';
import { pddGoods } from '@/lib/sites/pdd';
import { generic } from '@/lib/sites/generic';

export default defineContentScript({
  matches: PDD_GOODS,
  runAt: 'document_idle',
  // wxt's legacy window.postMessage on start captures a source location (re-parses our bundle)
  // and wakes every message listener of the page; the CustomEvent it also sends is what invalidates old copies.
  noScriptStartedPostMessage: true,
  main: (ctx) => runContentScript(ctx, [pddGoods, generic]),
});
