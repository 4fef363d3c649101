/** 京东 product pages (lib/sites/jd.ts, product reader only), schema.org as the fallback; the body is lib/content-script.ts. */
import { JD_ITEM } from '@/lib/hosts';
import { runContentScript } from '@/lib/content-script';
import { jdItem } from '@/lib/sites/jd';
import { generic } from '@/lib/sites/generic';

export default defineContentScript({
  matches: JD_ITEM,
  runAt: 'document_idle',
  // wxt's legacy window.postMessage on start captures a source location (re-parses our bundle, ~1.5 ms)
  // and wakes every message listener of the page; the CustomEvent it also sends is what invalidates old copies.
  noScriptStartedPostMessage: true,
  main: (ctx) => runContentScript(ctx, [jdItem, generic]),
});
