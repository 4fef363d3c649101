/**
 * JD's H5 order pages: runs in the page's main world at document_start and hands a copy of each kept answer
 * (order_list_m, lib/content/page-responses/urls.ts) to jd-m-orders.content.ts. No extension API and nothing else
 * of ours here: it is the page's world.
 */
import { JD_M_ORDERS } from '@/lib/core/hosts';
import { startPageResponses } from '@/lib/content/page-responses/main';
import { JD_M_KEPT } from '@/lib/content/page-responses/urls';

export default defineContentScript({
  matches: JD_M_ORDERS,
  world: 'MAIN',
  runAt: 'document_start',
  main: () => startPageResponses(window, JD_M_KEPT),
});
