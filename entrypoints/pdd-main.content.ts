/**
 * Pinduoduo's H5 order list: runs in the page's main world at document_start and hands a copy of each kept answer
 * (order_list_v4, lib/content/page-responses/urls.ts) to pdd.content.ts. No extension API and nothing else of ours
 * here: it is the page's world.
 */
import { PDD_ORDER_LIST } from '@/lib/core/hosts';
import { startPageResponses } from '@/lib/content/page-responses/main';
import { PDD_KEPT } from '@/lib/content/page-responses/urls';

export default defineContentScript({
  matches: PDD_ORDER_LIST,
  world: 'MAIN',
  runAt: 'document_start',
  main: () => startPageResponses(window, PDD_KEPT),
});
