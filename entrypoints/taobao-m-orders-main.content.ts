/**
 * Taobao's H5 order list: runs in the page's main world at document_start and hands a copy of each kept answer
 * (queryboughtlistv2, lib/content/page-responses/urls.ts) to taobao-m-orders.content.ts, whether it comes by XHR/fetch
 * (the hook) or by JSONP (the page's mtop lib inserts a `<script>`: lib/content/page-responses/jsonp.ts, installed only
 * here). No extension API and nothing else of ours here: it is the page's world.
 */
import { TAOBAO_M_ORDERS } from '@/lib/core/hosts';
import { startPageResponses } from '@/lib/content/page-responses/main';
import { installJsonp } from '@/lib/content/page-responses/jsonp';
import { TAOBAO_M_KEPT } from '@/lib/content/page-responses/urls';

export default defineContentScript({
  matches: TAOBAO_M_ORDERS,
  world: 'MAIN',
  runAt: 'document_start',
  main: () => startPageResponses(window, TAOBAO_M_KEPT, [installJsonp]),
});
