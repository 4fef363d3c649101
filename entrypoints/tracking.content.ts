/**
 * Public tracking pages (lib/sites/tracking.ts): the timeline from the page's own answer, handed over by
 * tracking-main.content.ts, else the page's rendered rows; the body is lib/content/runner.ts. The phone digits a site
 * asks for are the shopper's to type there: nothing here reads an input.
 */
import { TRACKING } from '@/lib/core/hosts';
import { runContentScript } from '@/lib/content/runner';
import { TRACKING_KEPT } from '@/lib/content/page-responses/tracking-urls';
import { cainiaoResponses, kuaidi100Responses, track17Responses, trackingPage } from '@/lib/sites/tracking';
import { structuredProbe } from '@/lib/content/structured';

export default defineContentScript({
  matches: TRACKING,
  runAt: 'document_idle',
  // As the shop scripts: no legacy window.postMessage on start.
  noScriptStartedPostMessage: true,
  main: (ctx) =>
    runContentScript(
      ctx,
      [trackingPage, structuredProbe],
      [kuaidi100Responses, cainiaoResponses, track17Responses],
      TRACKING_KEPT,
    ),
});
