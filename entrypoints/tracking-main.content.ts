/**
 * The page's own answers on public tracking pages (kuaidi100, Cainiao, 17TRACK): runs in the page's main world at
 * document_start and hands a copy of each kept answer (lib/content/page-responses/tracking-urls.ts) to
 * tracking.content.ts. No extension API and nothing else of ours here: it is the page's world.
 */
import { TRACKING } from '@/lib/core/hosts';
import { startPageResponses } from '@/lib/content/page-responses/main';
import { TRACKING_KEPT } from '@/lib/content/page-responses/tracking-urls';

export default defineContentScript({
  matches: TRACKING,
  world: 'MAIN',
  runAt: 'document_start',
  main: () => startPageResponses(window, TRACKING_KEPT),
});
