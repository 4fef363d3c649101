/**
 * The schema.org reader (lib/sites/generic.ts) for a page whose content script holds only its probe
 * (lib/content/structured.ts). Not in the manifest: the background injects it into the frame whose probe found
 * schema.org data; the frame's runner reads with it from then on.
 */
import { SHOP_MATCHES } from '@/lib/core/hosts';
import { runnerHook } from '@/lib/content/report';
import { generic } from '@/lib/sites/generic';

export default defineContentScript({
  matches: SHOP_MATCHES,
  registration: 'runtime',
  noScriptStartedPostMessage: true,
  main: () => runnerHook()?.useReader(generic),
});
