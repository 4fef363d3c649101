/**
 * Taobao/Tmall product pages on a phone (h5.m.taobao.com, main.m.taobao.com/detail/, detail.m.tmall.com): runs in the
 * page's main world at document_start and hands a copy of the item's own mtop detail answer (ALIBABA_M_ITEM_KEPT,
 * lib/content/page-responses/urls.ts) to alibaba-item.content.ts, whether it comes by XHR/fetch (the hook) or by JSONP
 * (lib/content/page-responses/jsonp.ts). No extension API and nothing else of ours here: it is the page's world.
 * The desktop product pages carry their data in their HTML and get no main-world script.
 */
import { ALIBABA_M_ITEM } from '@/lib/core/hosts';
import { startPageResponses } from '@/lib/content/page-responses/main';
import { installJsonp } from '@/lib/content/page-responses/jsonp';
import { ALIBABA_M_ITEM_KEPT } from '@/lib/content/page-responses/urls';

export default defineContentScript({
  matches: ALIBABA_M_ITEM,
  world: 'MAIN',
  runAt: 'document_start',
  main: () => startPageResponses(window, ALIBABA_M_ITEM_KEPT, [installJsonp]),
});
