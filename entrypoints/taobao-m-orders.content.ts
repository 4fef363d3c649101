/**
 * 淘宝's H5 order list (main.m.taobao.com/olist/…): the list's orders from the page's own queryboughtlistv2 answers
 * (lib/sites/taobao-m-response.ts, handed over by taobao-m-orders-main.content.ts), schema.org as the fallback (loaded
 * when a page has it, lib/content/structured.ts). A script of its own: the desktop order readers (alibaba.content.ts)
 * read nothing on these pages.
 */
import { TAOBAO_M_ORDERS } from '@/lib/core/hosts';
import { runContentScript } from '@/lib/content/runner';
import { TAOBAO_M_KEPT } from '@/lib/content/page-responses/urls';
import { taobaoMobileOrderResponses } from '@/lib/sites/taobao-m-response';
import { structuredProbe } from '@/lib/content/structured';

export default defineContentScript({
  matches: TAOBAO_M_ORDERS,
  runAt: 'document_idle',
  // wxt's legacy window.postMessage on start captures a source location (re-parses our bundle)
  // and wakes every message listener of the page; the CustomEvent it also sends is what invalidates old copies.
  noScriptStartedPostMessage: true,
  main: (ctx) => runContentScript(ctx, [structuredProbe], [taobaoMobileOrderResponses], TAOBAO_M_KEPT),
});
