/** 淘宝 and 天猫 product pages (lib/sites/alibaba.ts product reader), schema.org as the fallback; the body is lib/content/runner.ts. */
import { ALIBABA_ITEM } from '@/lib/core/hosts';
import { runContentScript } from '@/lib/content/runner';
import { taobaoItem } from '@/lib/sites/taobao';
import { tmallItem } from '@/lib/sites/tmall';
import { generic } from '@/lib/sites/generic';

export default defineContentScript({
  matches: ALIBABA_ITEM,
  runAt: 'document_idle',
  // wxt's legacy window.postMessage on start captures a source location (re-parses our bundle)
  // and wakes every message listener of the page; the CustomEvent it also sends is what invalidates old copies.
  noScriptStartedPostMessage: true,
  main: (ctx) => runContentScript(ctx, [taobaoItem, tmallItem, generic]),
});
