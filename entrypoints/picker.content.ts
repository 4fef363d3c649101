/**
 * The price-element picker ("that's not the price", lib/content/pick.ts). Not in the manifest: the background injects
 * it into the shop tab's top frame when the shopper starts it from the popup, after the frame's full runner.
 */
import { SHOP_MATCHES } from '@/lib/core/hosts';
import { runPicker } from '@/lib/content/pick';

export default defineContentScript({
  matches: SHOP_MATCHES,
  registration: 'runtime',
  noScriptStartedPostMessage: true,
  main: () => runPicker(),
});
