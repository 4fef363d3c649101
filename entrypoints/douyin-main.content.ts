/**
 * The page's own responses on 抖音商城 pages: runs in the page's main world at document_start, before the page's
 * scripts, and hands a copy of each kept response (lib/content/page-responses/urls.ts) to douyin.content.ts.
 * No extension API and nothing else of ours here: it is the page's world.
 */
import { DOUYIN } from '@/lib/core/hosts';
import { startPageResponses } from '@/lib/content/page-responses/main';
import { DOUYIN_KEPT } from '@/lib/content/page-responses/urls';

export default defineContentScript({
  matches: DOUYIN,
  world: 'MAIN',
  runAt: 'document_start',
  main: () => startPageResponses(window, DOUYIN_KEPT),
});
