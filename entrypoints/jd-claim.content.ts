/**
 * 京东's own 价保 pages (PC, mobile, one-click): marks the lines we hold a lower price for and records what the page
 * answers (lib/content/claim-page.ts). The page's apply/one-click responses come from jd-claim-main.content.ts.
 */
import { JD_CLAIM } from '@/lib/core/hosts';
import { runClaimPage } from '@/lib/content/claim-page';
import { jdClaimResponses } from '@/lib/sites/jd-claim';

export default defineContentScript({
  matches: JD_CLAIM,
  runAt: 'document_idle',
  noScriptStartedPostMessage: true,
  main: (ctx) => runClaimPage(ctx, [jdClaimResponses]),
});
