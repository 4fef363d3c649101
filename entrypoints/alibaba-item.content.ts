/**
 * 淘宝 and 天猫 product pages (lib/sites/alibaba.ts product reader), schema.org as the fallback; the body is
 * lib/content/runner.ts. On a phone the page draws the item from its own mtop detail answer, handed over by
 * alibaba-item-main.content.ts and read by lib/sites/alibaba-m-response.ts; what it finds replaces the DOM's reading.
 */
import { ALIBABA_ITEM } from '@/lib/core/hosts';
import { runContentScript } from '@/lib/content/runner';
import { ALIBABA_M_ITEM_KEPT } from '@/lib/content/page-responses/urls';
import { alibabaMobileItemResponses } from '@/lib/sites/alibaba-m-response';
import { taobaoItem } from '@/lib/sites/taobao';
import { tmallItem } from '@/lib/sites/tmall';
import { generic } from '@/lib/sites/generic';

export default defineContentScript({
  matches: ALIBABA_ITEM,
  runAt: 'document_idle',
  // wxt's legacy window.postMessage on start captures a source location (re-parses our bundle)
  // and wakes every message listener of the page; the CustomEvent it also sends is what invalidates old copies.
  noScriptStartedPostMessage: true,
  main: (ctx) =>
    runContentScript(ctx, [taobaoItem, tmallItem, generic], [alibabaMobileItemResponses], ALIBABA_M_ITEM_KEPT),
});
