/**
 * 京东's H5 order pages (trade.m.jd.com/order/…, wqs.jd.com/order/…): the list's orders from the page's own
 * order_list_m answers (lib/sites/jd-m-response.ts, handed over by jd-m-orders-main.content.ts), schema.org as the
 * fallback (loaded when a page has it, lib/content/structured.ts). A script of its own: the desktop order readers (jd.content.ts) read nothing on these pages.
 */
import { JD_M_ORDERS } from '@/lib/core/hosts';
import { runContentScript } from '@/lib/content/runner';
import { JD_M_KEPT } from '@/lib/content/page-responses/urls';
import { jdMobileOrderResponses } from '@/lib/sites/jd-m-response';
import { structuredProbe } from '@/lib/content/structured';

export default defineContentScript({
  matches: JD_M_ORDERS,
  runAt: 'document_idle',
  // wxt's legacy window.postMessage on start captures a source location (re-parses our bundle)
  // and wakes every message listener of the page; the CustomEvent it also sends is what invalidates old copies.
  noScriptStartedPostMessage: true,
  main: (ctx) => runContentScript(ctx, [structuredProbe], [jdMobileOrderResponses], JD_M_KEPT),
});
