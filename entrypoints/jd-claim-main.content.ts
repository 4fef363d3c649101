/**
 * The page's own responses on 京东's 价保 pages: runs in the page's main world at document_start and hands a copy of
 * each kept response (lib/content/page-responses/urls-jd-claim.ts) to jd-claim.content.ts. Nothing else of ours here.
 */
import { JD_CLAIM } from '@/lib/core/hosts';
import { startPageResponses } from '@/lib/content/page-responses/main';
import { JD_CLAIM_RESPONSES } from '@/lib/content/page-responses/urls-jd-claim';

export default defineContentScript({
  matches: JD_CLAIM,
  world: 'MAIN',
  runAt: 'document_start',
  main: () => startPageResponses(window, JD_CLAIM_RESPONSES),
});
